import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';
import type { Caches } from '../cache/caches.ts';
import type { MultisigRequestRow } from '../db/repositories/multisig.ts';
import type { Membership } from '../db/repositories/organizations.ts';
import { UserDeletionRepository } from '../db/repositories/user-deletion.ts';
import { type UserRow, UserRepository } from '../db/repositories/users.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import type { AuditChain } from '../governance/audit-chain.ts';
import { hashPassword } from '../security/passwords.ts';
import type { AccountChanges } from './account-changes.ts';
import type { MultisigService } from './multisig.ts';
import { assertAdmin, type Principal } from './principal.ts';

/**
 * User deletion under multi-signature approval. An approved deletion anonymises the account (the audit chain and
 * approval records keep referring to its id): personal data replaced, password unusable, role and status dropped,
 * sessions revoked, API keys, LLM configs and plugin installations deleted, team memberships removed, signing keys
 * revoked. Projects stay, owned by the account.
 */
export class UserDeletionService {
  constructor(
    private readonly db: Db,
    private readonly caches: Caches<UserRow, Membership>,
    private readonly audit: AuditChain,
    private readonly multisig: MultisigService,
    accountChanges: AccountChanges,
  ) {
    multisig.registerExecutor('user_deletion', (request, tx) => this.execute(request, tx), (request) => accountChanges.changed(Number(request.payload.user_id)));
  }

  async request(principal: Principal, userId: number, reason: string) {
    assertAdmin(principal);
    if (userId === principal.userId) throw forbidden('Administrators cannot delete themselves');
    const users = new UserRepository(this.db);
    const target = await users.findById(userId);
    if (!target) throw notFound('User not found');
    if (target.deletedAt) throw conflict('User was already deleted');
    const request = await this.multisig.open(principal, 'user_deletion', { user_id: userId, reason });
    return { success: true as const, status: 'pending_approval' as const, request_id: request.id, user_id: userId };
  }

  private async execute(request: MultisigRequestRow, tx: Db): Promise<Record<string, unknown>> {
    const userId = Number(request.payload.user_id);
    const users = new UserRepository(tx, this.caches);
    const target = await users.findById(userId);
    if (!target) throw notFound('The user no longer exists');
    if (target.deletedAt) throw conflict('User was already deleted');
    // The requester may have lost their own role meanwhile, leaving the target the last administrator.
    const demoted = await users.updateKeepingAnAdmin(userId, { role: 'user', status: 'suspended' });
    if (demoted === 'last_admin') throw conflict('This would leave no active administrator');
    const removed = await new UserDeletionRepository(tx).anonymise(userId, await hashPassword(randomBytes(32).toString('base64url')));
    await this.caches.userChanged(userId, tx);
    await this.caches.membershipsChanged(tx);
    await this.audit.append({ actorId: null, entity: 'user', action: 'delete', resourceId: userId, payload: { request_id: request.id, reason: request.payload.reason ?? null, ...removed } }, tx);
    return { user_id: userId, ...removed };
  }
}
