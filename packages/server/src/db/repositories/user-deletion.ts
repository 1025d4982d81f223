import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { apiKeys, llmConfigs, pluginInstallations, sessions, signingKeys, teamMembers, users } from '../schema/index.ts';

export interface AnonymisedAccount {
  sessions_revoked: number;
  api_keys_deleted: number;
  llm_configs_deleted: number;
  signing_keys_revoked: number;
  plugin_installations_deleted: number;
  team_memberships_removed: number;
}

/** The writes of an approved user deletion; run them inside the approving transaction. */
export class UserDeletionRepository {
  constructor(private readonly db: Db) {}

  /** Replaces the account's personal data, makes its password unusable and removes its credentials and secrets. */
  async anonymise(userId: number, unusablePasswordHash: string): Promise<AnonymisedAccount> {
    const now = new Date();
    await this.db.update(users).set({
      username: `deleted-user-${userId}`,
      email: `deleted-user-${userId}@deleted.invalid`,
      fullName: null,
      passwordHash: unusablePasswordHash,
      mustChangePassword: false,
      passwordExpiresAt: null,
      deletedAt: now,
      updatedAt: now,
    }).where(eq(users.id, userId));
    const revoked = await this.db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt))).returning({ id: sessions.id });
    const keys = await this.db.delete(apiKeys).where(eq(apiKeys.userId, userId)).returning({ id: apiKeys.id });
    const configs = await this.db.delete(llmConfigs).where(eq(llmConfigs.userId, userId)).returning({ id: llmConfigs.id });
    // Signing keys are revoked, not deleted, so the signatures already made with them stay checkable.
    const signing = await this.db.update(signingKeys).set({ revokedAt: now }).where(and(eq(signingKeys.userId, userId), isNull(signingKeys.revokedAt))).returning({ id: signingKeys.id });
    // Installations hold sealed plugin secrets; memberships would keep the account sharing projects and taking a seat.
    const plugins = await this.db.delete(pluginInstallations).where(eq(pluginInstallations.userId, userId)).returning({ id: pluginInstallations.id });
    const memberships = await this.db.delete(teamMembers).where(eq(teamMembers.userId, userId)).returning({ userId: teamMembers.userId });
    return {
      sessions_revoked: revoked.length,
      api_keys_deleted: keys.length,
      llm_configs_deleted: configs.length,
      signing_keys_revoked: signing.length,
      plugin_installations_deleted: plugins.length,
      team_memberships_removed: memberships.length,
    };
  }
}
