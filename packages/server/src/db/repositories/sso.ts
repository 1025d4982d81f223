import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { organizations, organizationSso, ssoIdentities, ssoLoginAttempts, teamMembers, teams, users } from '../schema/index.ts';

export type SsoSettingsRow = typeof organizationSso.$inferSelect;
export type SsoSettingsWrite = Omit<typeof organizationSso.$inferInsert, 'organizationId' | 'createdAt' | 'updatedAt'>;
export type SsoLoginAttemptRow = typeof ssoLoginAttempts.$inferSelect;
export type SsoIdentityRow = typeof ssoIdentities.$inferSelect;
export type SsoUserRow = typeof users.$inferSelect;

/** Organisations' identity-provider settings, sign-ins in flight, and the identities they linked to users. */
export class SsoRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async settingsOf(organizationId: number, db: Db = this.db): Promise<SsoSettingsRow | undefined> {
    const [row] = await db.select().from(organizationSso).where(eq(organizationSso.organizationId, organizationId));
    return row;
  }

  async saveSettings(organizationId: number, settings: SsoSettingsWrite, db: Db = this.db): Promise<SsoSettingsRow> {
    const [row] = await db
      .insert(organizationSso)
      .values({ organizationId, ...settings })
      .onConflictDoUpdate({ target: organizationSso.organizationId, set: { ...settings, updatedAt: new Date() } })
      .returning();
    return row!;
  }

  /** The organisation with its settings, by slug, when single sign-on is enabled there. */
  async enabledBySlug(slug: string): Promise<{ organizationId: number; slug: string; isActive: boolean; settings: SsoSettingsRow } | undefined> {
    const [row] = await this.db
      .select({ organizationId: organizations.id, slug: organizations.slug, isActive: organizations.isActive, settings: organizationSso })
      .from(organizations)
      .innerJoin(organizationSso, eq(organizationSso.organizationId, organizations.id))
      .where(and(eq(organizations.slug, slug), eq(organizations.ssoEnabled, true)));
    return row;
  }

  /** The organisation whose members must sign in through its provider, if the user belongs to one. */
  async enforcingOrganizationOf(userId: number): Promise<{ slug: string } | undefined> {
    const [row] = await this.db
      .select({ slug: organizations.slug })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .innerJoin(organizations, eq(organizations.id, teams.organizationId))
      .innerJoin(organizationSso, eq(organizationSso.organizationId, organizations.id))
      .where(and(eq(teamMembers.userId, userId), eq(organizations.ssoEnabled, true), eq(organizationSso.enforce, true)))
      .limit(1);
    return row;
  }

  async createAttempt(attempt: typeof ssoLoginAttempts.$inferInsert): Promise<void> {
    await this.db.insert(ssoLoginAttempts).values(attempt);
    await this.db.delete(ssoLoginAttempts).where(lte(ssoLoginAttempts.expiresAt, new Date()));
  }

  /** Takes a sign-in in flight out of the store, so a state is accepted once; expired ones are not returned. */
  async takeAttempt(stateHash: string): Promise<SsoLoginAttemptRow | undefined> {
    const [row] = await this.db
      .delete(ssoLoginAttempts)
      .where(and(eq(ssoLoginAttempts.stateHash, stateHash), gt(ssoLoginAttempts.expiresAt, new Date())))
      .returning();
    return row;
  }

  async identity(issuer: string, subject: string, db: Db = this.db): Promise<SsoIdentityRow | undefined> {
    const [row] = await db.select().from(ssoIdentities).where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject)));
    return row;
  }

  async linkIdentity(identity: { organizationId: number; issuer: string; subject: string; userId: number }, db: Db = this.db): Promise<void> {
    await db.insert(ssoIdentities).values(identity);
  }

  async touchIdentity(id: number, db: Db = this.db): Promise<void> {
    await db.update(ssoIdentities).set({ lastLoginAt: new Date() }).where(eq(ssoIdentities.id, id));
  }

  async userById(id: number, db: Db = this.db): Promise<SsoUserRow | undefined> {
    const [row] = await db.select().from(users).where(eq(users.id, id));
    return row;
  }

  async userByEmail(email: string, db: Db = this.db): Promise<SsoUserRow | undefined> {
    const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
    return row;
  }

  async usernameTaken(username: string, db: Db = this.db): Promise<boolean> {
    const [row] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
    return row !== undefined;
  }

  /** A user the identity provider vouches for; always an ordinary user, never the installation's first admin. */
  async createUser(user: { username: string; email: string; fullName: string | null; passwordHash: string }, db: Db = this.db): Promise<SsoUserRow> {
    const [row] = await db.insert(users).values({ ...user, role: 'user' }).returning();
    return row!;
  }
}
