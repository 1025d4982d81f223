import { randomInt } from 'node:crypto';
import type { ApiKeyRepository } from '../db/repositories/api-keys.ts';
import type { SessionRepository } from '../db/repositories/sessions.ts';
import type { UserFilter, UserRepository, UserRow } from '../db/repositories/users.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { type AuditChain, auditActor } from '../governance/audit-chain.ts';
import { hashPassword, passwordWeakness } from '../security/passwords.ts';
import { toUserView, type UserView } from './auth.ts';
import type { AccountChanges } from './account-changes.ts';
import { assertAdmin, type Principal } from './principal.ts';

export interface AdminUserView extends UserView {
  status: 'active' | 'suspended';
  must_change_password: boolean;
}

const toAdminView = (user: UserRow): AdminUserView => ({
  ...toUserView(user),
  status: user.status,
  must_change_password: user.mustChangePassword,
});

export const TEMPORARY_PASSWORD_TTL_MS = 24 * 3600 * 1000;
const TEMPORARY_PASSWORD_LENGTH = 20;
const TEMPORARY_PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+-=?@';

/** A random password that passes the strength rule (about 120 bits). */
function temporaryPassword(): string {
  for (;;) {
    const password = Array.from({ length: TEMPORARY_PASSWORD_LENGTH }, () => TEMPORARY_PASSWORD_ALPHABET[randomInt(TEMPORARY_PASSWORD_ALPHABET.length)]).join('');
    if (!passwordWeakness(password)) return password;
  }
}

/** CodeRev user administration: administrators manage other accounts, never their own standing. */
export class UserAdminService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly apiKeys: ApiKeyRepository,
    private readonly audit: AuditChain,
    private readonly accountChanges: AccountChanges,
  ) {}

  async list(principal: Principal, filter: UserFilter, page: number, limit: number): Promise<{ users: AdminUserView[]; total: number; page: number; limit: number }> {
    assertAdmin(principal);
    const [rows, total] = await Promise.all([this.users.list(filter, limit, (page - 1) * limit), this.users.count(filter)]);
    return { users: rows.map(toAdminView), total, page, limit };
  }

  /** Suspends the account, then ends its sessions and deletes its API keys; the status alone already refuses them. */
  async suspend(principal: Principal, userId: number, reason: string): Promise<AdminUserView> {
    assertAdmin(principal);
    if (userId === principal.userId) throw forbidden('Administrators cannot suspend themselves');
    const target = await this.requireUser(userId);
    if (target.status === 'suspended') throw conflict('User is already suspended');
    const suspended = await this.users.transaction(async (tx) => {
      const row = this.checkAdminChange(await this.users.updateKeepingAnAdmin(userId, { status: 'suspended' }, tx));
      await this.sessions.revokeAllForUser(userId, undefined, tx);
      const deletedKeys = await this.apiKeys.deleteAllForUser(userId, tx);
      await this.audit.append({ ...auditActor(principal), entity: 'user', action: 'suspend', resourceId: userId, payload: { reason, api_keys_deleted: deletedKeys } }, tx);
      return row;
    });
    this.accountChanges.changed(userId);
    return toAdminView(suspended);
  }

  async reactivate(principal: Principal, userId: number): Promise<AdminUserView> {
    assertAdmin(principal);
    const target = await this.requireUser(userId);
    if (target.status === 'active') throw conflict('User is not suspended');
    const reactivated = await this.users.transaction(async (tx) => {
      const row = this.checkAdminChange(await this.users.updateKeepingAnAdmin(userId, { status: 'active' }, tx));
      await this.audit.append({ ...auditActor(principal), entity: 'user', action: 'reactivate', resourceId: userId }, tx);
      return row;
    });
    return toAdminView(reactivated);
  }

  /** Issues a temporary password valid 24 h; the user must change it before anything else and is logged out now. */
  async resetPassword(principal: Principal, userId: number): Promise<{ temporary_password: string; expires_at: string }> {
    assertAdmin(principal);
    await this.requireUser(userId);
    const password = temporaryPassword();
    const expiresAt = new Date(Date.now() + TEMPORARY_PASSWORD_TTL_MS);
    const passwordHash = await hashPassword(password);
    await this.users.transaction(async (tx) => {
      await this.users.update(userId, { passwordHash, mustChangePassword: true, passwordExpiresAt: expiresAt }, tx);
      await this.sessions.revokeAllForUser(userId, undefined, tx);
      await this.audit.append({ ...auditActor(principal), entity: 'user', action: 'password_reset', resourceId: userId, payload: { expires_at: expiresAt.toISOString() } }, tx);
    });
    this.accountChanges.changed(userId);
    return { temporary_password: password, expires_at: expiresAt.toISOString() };
  }

  async setRole(principal: Principal, userId: number, role: 'admin' | 'user'): Promise<AdminUserView> {
    assertAdmin(principal);
    if (userId === principal.userId && role !== 'admin') throw forbidden('Administrators cannot remove their own administrator role');
    const target = await this.requireUser(userId);
    if (target.role === role) return toAdminView(target);
    const changed = await this.users.transaction(async (tx) => {
      const row = this.checkAdminChange(await this.users.updateKeepingAnAdmin(userId, { role }, tx));
      await this.audit.append({ ...auditActor(principal), entity: 'user', action: 'role_change', resourceId: userId, payload: { from: target.role, to: role } }, tx);
      return row;
    });
    this.accountChanges.changed(userId);
    return toAdminView(changed);
  }

  private async requireUser(userId: number): Promise<UserRow> {
    const user = await this.users.findById(userId);
    if (!user) throw notFound('User not found');
    if (user.deletedAt) throw conflict('User was deleted');
    return user;
  }

  private checkAdminChange(result: UserRow | 'last_admin' | undefined): UserRow {
    if (result === undefined) throw notFound('User not found');
    if (result === 'last_admin') throw conflict('This would leave no active administrator');
    return result;
  }
}
