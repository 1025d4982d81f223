import { and, asc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { Caches } from '../../cache/caches.ts';
import {
  apiCallCounters, fileVersions, llmUsage, type OrganizationTier, organizations, projectFiles, projects, type QuotaResource, quotas,
  quotaThresholdCrossings, type TeamRole, TEAM_ROLES, teamMembers, teams, users,
} from '../schema/index.ts';

export type OrganizationRow = typeof organizations.$inferSelect;
export type NewOrganization = Pick<typeof organizations.$inferInsert, 'name' | 'slug' | 'tier' | 'contactEmail' | 'description'>;
export type OrganizationChanges = Partial<Pick<OrganizationRow, 'name' | 'slug' | 'tier' | 'contactEmail' | 'description' | 'isActive' | 'ssoEnabled'>>;
export type TeamRow = typeof teams.$inferSelect;
export type NewTeam = Pick<typeof teams.$inferInsert, 'organizationId' | 'name' | 'description' | 'isDefault'>;
export type TeamMemberRow = typeof teamMembers.$inferSelect;
export type QuotaRow = typeof quotas.$inferSelect;

/** A user's place in an organisation: the strongest role they hold in any of its teams. */
export interface Membership {
  organizationId: number;
  tier: OrganizationTier;
  isActive: boolean;
  role: TeamRole;
}

// Arbitrary constants (with the user or organisation id): serialise membership changes of one user, so they join one
// organisation only, and quota-checked inserts of one organisation, so two of them cannot both take the last unit.
const MEMBERSHIP_LOCK_ID = 7_351_101;
const QUOTA_LOCK_ID = 7_351_102;

/** The SQLSTATE and constraint of a failed query; drizzle wraps driver errors in `cause`. */
export function uniqueViolation(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505') return typeof constraint === 'string' ? constraint : '';
  }
  return undefined;
}

export const strongestRole = (roles: TeamRole[]): TeamRole => TEAM_ROLES[Math.min(...roles.map((role) => TEAM_ROLES.indexOf(role)))]!;

/** Users with a role in one of the organisation's teams. */
const membersOf = (organizationId: number): SQL =>
  sql`(SELECT ${teamMembers.userId} FROM ${teamMembers} JOIN ${teams} ON ${teams.id} = ${teamMembers.teamId} WHERE ${teams.organizationId} = ${organizationId})`;

/** Projects that count against an organisation: those of its teams, and unshared ones of its members. */
const projectsOf = (organizationId: number): SQL =>
  or(
    inArray(projects.teamId, sql`(SELECT ${teams.id} FROM ${teams} WHERE ${teams.organizationId} = ${organizationId})`),
    and(isNull(projects.teamId), inArray(projects.userId, membersOf(organizationId))),
  )!;

/** The organisation a project counts against (see `projectsOf`), as an SQL expression over a project id. */
export const organizationOfProject = (projectId: number): SQL => sql`(
  SELECT coalesce(
    (SELECT t.organization_id FROM teams t WHERE t.id = p.team_id),
    (SELECT t.organization_id FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = p.user_id LIMIT 1))
  FROM projects p WHERE p.id = ${projectId})`;

/** The organisation a user belongs to, as an SQL expression. */
export const organizationOfUser = (userId: number): SQL =>
  sql`(SELECT t.organization_id FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = ${userId} LIMIT 1)`;

export class OrganizationRepository {
  constructor(
    private readonly db: Db,
    private readonly caches?: Pick<Caches<{ id: number }, Membership>, 'memberships' | 'membershipsChanged'>,
  ) {}

  async transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } finally {
      // A membership read while the transaction ran may have seen the rows it was changing; the changes inside
      // announced themselves to the other processes as the transaction committed.
      this.caches?.memberships.invalidate();
    }
  }

  async create(organization: NewOrganization, db: Db = this.db): Promise<OrganizationRow> {
    const [row] = await db.insert(organizations).values(organization).returning();
    return row!;
  }

  async findById(id: number, db: Db = this.db): Promise<OrganizationRow | undefined> {
    const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
    return row;
  }

  /** Organisations by filter; `memberId` keeps those the user belongs to. */
  async list(filter: { tier?: OrganizationTier | undefined; isActive?: boolean | undefined; memberId?: number | undefined }): Promise<OrganizationRow[]> {
    return this.db
      .select()
      .from(organizations)
      .where(and(
        filter.tier !== undefined ? eq(organizations.tier, filter.tier) : undefined,
        filter.isActive !== undefined ? eq(organizations.isActive, filter.isActive) : undefined,
        filter.memberId !== undefined ? eq(organizations.id, organizationOfUser(filter.memberId)) : undefined,
      ))
      .orderBy(asc(organizations.id));
  }

  async update(id: number, changes: OrganizationChanges, db: Db = this.db): Promise<OrganizationRow | undefined> {
    const [row] = await db.update(organizations).set({ ...changes, updatedAt: new Date() }).where(eq(organizations.id, id)).returning();
    await this.caches?.membershipsChanged(db);
    return row;
  }

  async membershipOf(userId: number, db: Db = this.db): Promise<Membership | undefined> {
    // Inside a transaction the caller needs what the transaction sees, never the cache.
    const cache = db === this.db ? this.caches?.memberships : undefined;
    const cached = cache?.get(userId);
    if (cached !== undefined) return cached ?? undefined;
    const readStamp = cache?.readStamp() ?? 0;
    const membership = await this.readMembership(userId, db);
    cache?.set(userId, membership ?? null, readStamp);
    return membership;
  }

  private async readMembership(userId: number, db: Db): Promise<Membership | undefined> {
    const rows = await db
      .select({ organizationId: organizations.id, tier: organizations.tier, isActive: organizations.isActive, role: teamMembers.role })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .innerJoin(organizations, eq(organizations.id, teams.organizationId))
      .where(eq(teamMembers.userId, userId));
    if (rows.length === 0) return undefined;
    const { organizationId, tier, isActive } = rows[0]!;
    return { organizationId, tier, isActive, role: strongestRole(rows.map((row) => row.role)) };
  }

  /** Holds the user's membership changes until the transaction ends. */
  async lockMembership(tx: Db, userId: number): Promise<void> {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MEMBERSHIP_LOCK_ID}, ${userId})`);
  }

  /** Holds the organisation's quota-checked inserts until the transaction ends. */
  async lockQuotas(tx: Db, organizationId: number): Promise<void> {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${QUOTA_LOCK_ID}, ${organizationId})`);
  }

  async userExists(userId: number, db: Db = this.db): Promise<boolean> {
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
    return row !== undefined;
  }

  // Teams and members

  async createTeam(team: NewTeam, db: Db = this.db): Promise<TeamRow> {
    if (team.isDefault) await db.update(teams).set({ isDefault: false, updatedAt: new Date() }).where(and(eq(teams.organizationId, team.organizationId), eq(teams.isDefault, true)));
    const [row] = await db.insert(teams).values(team).returning();
    return row!;
  }

  async findTeam(id: number, db: Db = this.db): Promise<TeamRow | undefined> {
    const [row] = await db.select().from(teams).where(eq(teams.id, id));
    return row;
  }

  /** The teams a user belongs to, with the user's role in each, by name. */
  async teamsOf(userId: number): Promise<Array<{ team: TeamRow; role: TeamRole }>> {
    return this.db
      .select({ team: teams, role: teamMembers.role })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(eq(teamMembers.userId, userId))
      .orderBy(asc(teams.name), asc(teams.id));
  }

  /** An organisation's teams with their member counts, by name. */
  async teamsOfOrganization(organizationId: number, db: Db = this.db): Promise<Array<{ team: TeamRow; memberCount: number }>> {
    return db
      .select({ team: teams, memberCount: sql<number>`count(${teamMembers.id})`.mapWith(Number) })
      .from(teams)
      .leftJoin(teamMembers, eq(teamMembers.teamId, teams.id))
      .where(eq(teams.organizationId, organizationId))
      .groupBy(teams.id)
      .orderBy(asc(teams.name), asc(teams.id));
  }

  /** A team's members with their public user fields, by username. */
  async membersOf(teamId: number): Promise<Array<{ member: TeamMemberRow; username: string; fullName: string | null; email: string }>> {
    return this.db
      .select({ member: teamMembers, username: users.username, fullName: users.fullName, email: users.email })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(eq(teamMembers.teamId, teamId))
      .orderBy(asc(users.username), asc(users.id));
  }

  async findMember(teamId: number, userId: number, db: Db = this.db): Promise<TeamMemberRow | undefined> {
    const [row] = await db.select().from(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
    return row;
  }

  async addMember(member: { teamId: number; userId: number; role: TeamRole }, db: Db = this.db): Promise<TeamMemberRow> {
    const [row] = await db.insert(teamMembers).values(member).returning();
    await this.caches?.membershipsChanged(db);
    return row!;
  }

  async setMemberRole(teamId: number, userId: number, role: TeamRole, db: Db = this.db): Promise<TeamMemberRow | undefined> {
    const [row] = await db
      .update(teamMembers)
      .set({ role, updatedAt: new Date() })
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
      .returning();
    await this.caches?.membershipsChanged(db);
    return row;
  }

  async removeMember(teamId: number, userId: number, db: Db = this.db): Promise<boolean> {
    const rows = await db.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId))).returning({ id: teamMembers.id });
    await this.caches?.membershipsChanged(db);
    return rows.length > 0;
  }

  // Quotas

  async createQuotas(organizationId: number, limits: Record<QuotaResource, number>, db: Db = this.db): Promise<QuotaRow[]> {
    const values = Object.entries(limits).map(([resourceType, limit]) => ({ organizationId, resourceType: resourceType as QuotaResource, limit }));
    return db.insert(quotas).values(values).returning();
  }

  async quotasOf(organizationId: number, db: Db = this.db): Promise<QuotaRow[]> {
    return db.select().from(quotas).where(eq(quotas.organizationId, organizationId)).orderBy(asc(quotas.id));
  }

  async findQuota(id: number, db: Db = this.db): Promise<QuotaRow | undefined> {
    const [row] = await db.select().from(quotas).where(eq(quotas.id, id));
    return row;
  }

  async quotaFor(organizationId: number, resource: QuotaResource, db: Db = this.db): Promise<QuotaRow | undefined> {
    const [row] = await db.select().from(quotas).where(and(eq(quotas.organizationId, organizationId), eq(quotas.resourceType, resource)));
    return row;
  }

  async setQuotaLimit(id: number, limit: number, db: Db = this.db): Promise<QuotaRow | undefined> {
    const now = new Date();
    const [row] = await db.update(quotas).set({ limit, limitSetAt: now, updatedAt: now }).where(eq(quotas.id, id)).returning();
    return row;
  }

  /** Records the thresholds not yet crossed in the period; returns the ones that are new. */
  async recordCrossings(quota: QuotaRow, periodStart: Date, thresholds: number[], used: number): Promise<number[]> {
    if (thresholds.length === 0) return [];
    const rows = await this.db
      .insert(quotaThresholdCrossings)
      .values(thresholds.map((thresholdPercent) => ({ quotaId: quota.id, periodStart, thresholdPercent, used, limit: quota.limit })))
      .onConflictDoNothing()
      .returning({ thresholdPercent: quotaThresholdCrossings.thresholdPercent });
    return rows.map((row) => row.thresholdPercent);
  }

  async forgetCrossing(quotaId: number, periodStart: Date, thresholdPercent: number): Promise<void> {
    await this.db.delete(quotaThresholdCrossings).where(and(
      eq(quotaThresholdCrossings.quotaId, quotaId),
      eq(quotaThresholdCrossings.periodStart, periodStart),
      eq(quotaThresholdCrossings.thresholdPercent, thresholdPercent),
    ));
  }

  // Usage, from the records themselves

  async organizationOfProject(projectId: number, db: Db = this.db): Promise<number | null> {
    const [row] = rowsOf<{ organization_id: number | null }>(await db.execute(sql`SELECT ${organizationOfProject(projectId)} AS organization_id`));
    return row?.organization_id ?? null;
  }

  async projectCount(organizationId: number, db: Db = this.db): Promise<number> {
    const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(projects).where(projectsOf(organizationId));
    return row!.n;
  }

  /** Bytes of every stored file version of the organisation's projects. */
  async storageBytes(organizationId: number, db: Db = this.db): Promise<number> {
    const [row] = await db
      .select({ bytes: sql<number>`coalesce(sum(${fileVersions.size}), 0)`.mapWith(Number) })
      .from(fileVersions)
      .innerJoin(projectFiles, eq(projectFiles.id, fileVersions.fileId))
      .innerJoin(projects, eq(projects.id, projectFiles.projectId))
      .where(projectsOf(organizationId));
    return row!.bytes;
  }

  async memberCount(organizationId: number, db: Db = this.db): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(DISTINCT ${teamMembers.userId})`.mapWith(Number) })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(eq(teams.organizationId, organizationId));
    return row!.n;
  }

  /** Tokens providers billed (cached replies excluded) for calls counted against the organisation since `from`. */
  async llmTokens(organizationId: number, from: Date, db: Db = this.db): Promise<number> {
    const [row] = await db
      .select({ tokens: sql<number>`coalesce(sum(${llmUsage.promptTokens} + ${llmUsage.completionTokens}), 0)`.mapWith(Number) })
      .from(llmUsage)
      .where(and(eq(llmUsage.organizationId, organizationId), eq(llmUsage.cached, false), sql`${llmUsage.createdAt} >= ${from}`));
    return row!.tokens;
  }

  async apiCalls(organizationId: number, periodStart: Date, db: Db = this.db): Promise<number> {
    const [row] = await db
      .select({ calls: apiCallCounters.calls })
      .from(apiCallCounters)
      .where(and(eq(apiCallCounters.organizationId, organizationId), eq(apiCallCounters.periodStart, periodStart)));
    return row?.calls ?? 0;
  }

  /** Counts one call while the period's count is below `limit`; the new count, or undefined when the limit is reached. */
  async countApiCall(organizationId: number, periodStart: Date, limit: number): Promise<number | undefined> {
    if (limit <= 0) return undefined;
    const [row] = await this.db
      .insert(apiCallCounters)
      .values({ organizationId, periodStart, calls: 1 })
      .onConflictDoUpdate({
        target: [apiCallCounters.organizationId, apiCallCounters.periodStart],
        set: { calls: sql`${apiCallCounters.calls} + 1` },
        setWhere: sql`${apiCallCounters.calls} < ${limit}`,
      })
      .returning({ calls: apiCallCounters.calls });
    return row?.calls;
  }
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
