import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { multisigPolicies, multisigRequests, multisigSignatures, signingKeys, users } from '../schema/index.ts';

export type SigningKeyRow = typeof signingKeys.$inferSelect;
export type PolicyRow = typeof multisigPolicies.$inferSelect;
export type MultisigRequestRow = typeof multisigRequests.$inferSelect;
export type SignatureRow = typeof multisigSignatures.$inferSelect;

export class MultisigRepository {
  constructor(private readonly db: Db) {}

  async createKey(key: Omit<SigningKeyRow, 'createdAt' | 'revokedAt'>): Promise<SigningKeyRow> {
    const [row] = await this.db.insert(signingKeys).values(key).returning();
    return row!;
  }

  /** Any key with this fingerprint, revoked or not: a key is registered once. */
  async findKeyByFingerprint(fingerprint: string): Promise<SigningKeyRow | undefined> {
    const [row] = await this.db.select().from(signingKeys).where(eq(signingKeys.fingerprint, fingerprint));
    return row;
  }

  listActiveKeys(userId?: number): Promise<SigningKeyRow[]> {
    return this.db
      .select()
      .from(signingKeys)
      .where(and(isNull(signingKeys.revokedAt), userId !== undefined ? eq(signingKeys.userId, userId) : undefined))
      .orderBy(signingKeys.createdAt);
  }

  async revokeKey(id: string, userId: number): Promise<boolean> {
    const revoked = await this.db
      .update(signingKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(signingKeys.id, id), eq(signingKeys.userId, userId), isNull(signingKeys.revokedAt)))
      .returning({ id: signingKeys.id });
    return revoked.length > 0;
  }

  listPolicies(): Promise<PolicyRow[]> {
    return this.db.select().from(multisigPolicies);
  }

  async findPolicy(operationType: string): Promise<PolicyRow | undefined> {
    const [row] = await this.db.select().from(multisigPolicies).where(eq(multisigPolicies.operationType, operationType));
    return row;
  }

  async upsertPolicy(policy: Omit<PolicyRow, 'updatedAt'>): Promise<PolicyRow> {
    const [row] = await this.db
      .insert(multisigPolicies)
      .values(policy)
      .onConflictDoUpdate({ target: multisigPolicies.operationType, set: { ...policy, updatedAt: new Date() } })
      .returning();
    return row!;
  }

  async createRequest(request: Omit<MultisigRequestRow, 'status' | 'createdAt' | 'decidedAt' | 'decidedBy' | 'reason' | 'result'>): Promise<MultisigRequestRow> {
    const [row] = await this.db.insert(multisigRequests).values(request).returning();
    return row!;
  }

  async findRequest(id: string): Promise<MultisigRequestRow | undefined> {
    const [row] = await this.db.select().from(multisigRequests).where(eq(multisigRequests.id, id));
    return row;
  }

  /** Reads the request and locks it until the transaction ends, so signing and execution are serialised per request. */
  async lockRequest(id: string): Promise<MultisigRequestRow | undefined> {
    const [row] = await this.db.select().from(multisigRequests).where(eq(multisigRequests.id, id)).for('update');
    return row;
  }

  async listPending(now: Date): Promise<(MultisigRequestRow & { requesterEmail: string | null; signatures: number })[]> {
    const rows = await this.db
      .select({
        request: multisigRequests,
        requesterEmail: users.email,
        signatures: sql<number>`(SELECT count(*)::int FROM ${multisigSignatures} WHERE ${multisigSignatures.requestId} = ${multisigRequests.id})`,
      })
      .from(multisigRequests)
      .leftJoin(users, eq(users.id, multisigRequests.requesterId))
      .where(and(eq(multisigRequests.status, 'pending'), gt(multisigRequests.expiresAt, now)))
      .orderBy(multisigRequests.createdAt);
    return rows.map((r) => ({ ...r.request, requesterEmail: r.requesterEmail, signatures: Number(r.signatures) }));
  }

  listSignatures(requestId: string): Promise<SignatureRow[]> {
    return this.db.select().from(multisigSignatures).where(eq(multisigSignatures.requestId, requestId)).orderBy(multisigSignatures.id);
  }

  async addSignature(signature: Pick<SignatureRow, 'requestId' | 'signerId' | 'keyId' | 'signature' | 'comment'>): Promise<number> {
    await this.db.insert(multisigSignatures).values(signature);
    const [row] = await this.db.select({ total: count() }).from(multisigSignatures).where(eq(multisigSignatures.requestId, signature.requestId));
    return row?.total ?? 0;
  }

  async finish(id: string, outcome: Pick<MultisigRequestRow, 'status' | 'decidedBy' | 'reason' | 'result'>): Promise<MultisigRequestRow> {
    const [row] = await this.db.update(multisigRequests).set({ ...outcome, decidedAt: new Date() }).where(eq(multisigRequests.id, id)).returning();
    return row!;
  }
}
