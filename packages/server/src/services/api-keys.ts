import { createHash, randomBytes } from 'node:crypto';
import { notFound } from '../errors.ts';
import type { ApiKeyRepository, ApiKeyRow } from '../db/repositories/api-keys.ts';
import { type AuditChain, auditActor } from '../governance/audit-chain.ts';
import type { AccountChanges } from './account-changes.ts';
import type { Principal } from './principal.ts';

const API_KEY_PREFIX = 'rsk_';

export const isApiKey = (credential: string): boolean => credential.startsWith(API_KEY_PREFIX);
export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export interface ApiKeyView {
  id: number;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
}

const toView = (row: ApiKeyRow): ApiKeyView => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  created_at: row.createdAt.toISOString(),
  last_used_at: row.lastUsedAt?.toISOString() ?? null,
});

export class ApiKeyService {
  constructor(
    private readonly apiKeys: ApiKeyRepository,
    private readonly audit: AuditChain,
    private readonly accountChanges: AccountChanges,
  ) {}

  /** Creates a key; the secret is in this reply only, the database keeps its SHA-256. */
  async create(principal: Principal, name: string): Promise<ApiKeyView & { key: string }> {
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await this.apiKeys.transaction(async (tx) => {
      const created = await this.apiKeys.create({ userId: principal.userId, name, prefix: key.slice(0, 12), keyHash: hashApiKey(key) }, tx);
      await this.audit.append({ ...auditActor(principal), entity: 'api_key', action: 'create', resourceId: created.id, payload: { name, prefix: created.prefix } }, tx);
      return created;
    });
    return { ...toView(row), key };
  }

  async list(principal: Principal): Promise<ApiKeyView[]> {
    return (await this.apiKeys.listForUser(principal.userId)).map(toView);
  }

  async delete(principal: Principal, id: number): Promise<void> {
    await this.apiKeys.transaction(async (tx) => {
      if (!(await this.apiKeys.deleteForUser(id, principal.userId, tx))) throw notFound('API key not found');
      await this.audit.append({ ...auditActor(principal), entity: 'api_key', action: 'delete', resourceId: id }, tx);
    });
    this.accountChanges.changed(principal.userId);
  }
}
