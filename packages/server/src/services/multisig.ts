import type { Db } from '../db/client.ts';
import { MultisigRepository, type MultisigRequestRow, type SigningKeyRow } from '../db/repositories/multisig.ts';
import { AppError, conflict, fieldError, forbidden, notFound } from '../errors.ts';
import { type AuditChain, type AuditEntry, auditActor } from '../governance/audit-chain.ts';
import { canonicalJson } from '../governance/canonical.ts';
import { prefixedId } from '../governance/ids.ts';
import { parsePublicKey, payloadHashOf, type SigningAlgorithm, signatureMatches } from '../governance/signatures.ts';
import { assertAdmin, type Principal } from './principal.ts';

export const OPERATION_TYPES = ['version_promotion', 'version_demotion', 'config_change', 'data_export', 'user_deletion'] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export interface MultisigPolicy {
  operation_type: OperationType;
  required_signatures: number;
  /** Roles whose members may sign; signing endpoints are administrator-only, so this is `['admin']`. */
  allowed_roles: ('admin' | 'user')[];
  expiry_hours: number;
  requester_may_sign: false;
}

// Demotion restores a known-good profile during an incident, so one approver besides the requester suffices.
const DEFAULT_POLICIES: Record<OperationType, { required_signatures: number; expiry_hours: number }> = {
  version_promotion: { required_signatures: 2, expiry_hours: 24 },
  version_demotion: { required_signatures: 1, expiry_hours: 24 },
  config_change: { required_signatures: 2, expiry_hours: 24 },
  data_export: { required_signatures: 2, expiry_hours: 24 },
  user_deletion: { required_signatures: 2, expiry_hours: 24 },
};

/** Carries out an approved operation inside the approving transaction; its result is stored on the request. */
export type MultisigExecutor = (request: MultisigRequestRow, tx: Db) => Promise<Record<string, unknown>>;

/** Told once the transaction that executed a request has committed. */
export type MultisigExecuted = (request: MultisigRequestRow) => void;

export interface SigningKeyView {
  key_id: string;
  user_id: number;
  algorithm: SigningAlgorithm;
  public_key: string;
  fingerprint: string;
  created_at: string;
}

export interface PendingRequestView {
  request_id: string;
  operation_type: string;
  requester_id: number | null;
  requester_email: string | null;
  signatures: number;
  required_signatures: number;
  created_at: string;
  expires_at: string;
  payload_hash: string;
  payload: Record<string, unknown>;
}

export interface RequestView {
  request_id: string;
  operation_type: string;
  status: 'pending' | 'executed' | 'failed' | 'rejected' | 'expired';
  requester_id: number | null;
  payload: Record<string, unknown>;
  payload_hash: string;
  required_signatures: number;
  signatures: { signer_id: number; key_id: string; comment: string | null; signed_at: string }[];
  created_at: string;
  expires_at: string;
  decided_at: string | null;
  reason: string | null;
  result: Record<string, unknown> | null;
}

const toKeyView = (key: SigningKeyRow): SigningKeyView => ({
  key_id: key.id,
  user_id: key.userId,
  algorithm: key.algorithm,
  public_key: key.publicKey,
  fingerprint: key.fingerprint,
  created_at: key.createdAt.toISOString(),
});

const effectiveStatus = (request: MultisigRequestRow, now = new Date()): RequestView['status'] =>
  request.status === 'pending' && request.expiresAt <= now ? 'expired' : request.status;

const expired = () => new AppError(410, 'Approval request has expired', { errorCode: 'REQUEST_EXPIRED' });

/** Multi-signature approvals: requests by operation type, signed with administrators' registered keys. */
export class MultisigService {
  private readonly executors = new Map<OperationType, { execute: MultisigExecutor; afterCommit: MultisigExecuted | undefined }>();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditChain,
  ) {}

  /** Makes an operation type approvable; the executor runs exactly once, when the last required signature lands. */
  registerExecutor(operationType: OperationType, execute: MultisigExecutor, afterCommit?: MultisigExecuted): void {
    this.executors.set(operationType, { execute, afterCommit });
  }

  async registerKey(principal: Principal, publicKey: string, algorithm: SigningAlgorithm): Promise<SigningKeyView> {
    assertAdmin(principal);
    const parsed = parsePublicKey(publicKey, algorithm);
    const key = await this.db.transaction(async (tx) => {
      const keys = new MultisigRepository(tx);
      if (await keys.findKeyByFingerprint(parsed.fingerprint)) throw conflict('This public key is already registered');
      const created = await keys.createKey({ id: prefixedId('key'), userId: principal.userId, algorithm, publicKey: parsed.pem, fingerprint: parsed.fingerprint });
      await this.audit.append({ ...auditActor(principal), entity: 'signing_key', action: 'create', resourceId: created.id, payload: { algorithm, fingerprint: created.fingerprint } }, tx);
      return created;
    });
    return toKeyView(key);
  }

  async listKeys(principal: Principal): Promise<SigningKeyView[]> {
    assertAdmin(principal);
    return (await new MultisigRepository(this.db).listActiveKeys()).map(toKeyView);
  }

  /** Revokes one of the caller's own keys; signatures already made with it stay on record. */
  async revokeKey(principal: Principal, keyId: string): Promise<void> {
    assertAdmin(principal);
    await this.db.transaction(async (tx) => {
      if (!(await new MultisigRepository(tx).revokeKey(keyId, principal.userId))) throw notFound('Signing key not found');
      await this.audit.append({ ...auditActor(principal), entity: 'signing_key', action: 'delete', resourceId: keyId }, tx);
    });
  }

  async listPolicies(principal: Principal): Promise<MultisigPolicy[]> {
    assertAdmin(principal);
    return Promise.all(OPERATION_TYPES.map((type) => this.policyOf(type)));
  }

  async updatePolicy(principal: Principal, operationType: OperationType, changes: { required_signatures: number; expiry_hours: number }): Promise<MultisigPolicy> {
    assertAdmin(principal);
    await this.db.transaction(async (tx) => {
      const before = await this.policyOf(operationType, tx);
      await new MultisigRepository(tx).upsertPolicy({
        operationType, requiredSignatures: changes.required_signatures, expiryHours: changes.expiry_hours, updatedBy: principal.userId,
      });
      await this.audit.append({
        ...auditActor(principal), entity: 'multisig_policy', action: 'update', resourceId: operationType,
        payload: { from: { required_signatures: before.required_signatures, expiry_hours: before.expiry_hours }, to: changes },
      }, tx);
    });
    return this.policyOf(operationType);
  }

  /**
   * Opens an approval request. `requester` is null when the system opens it (the production monitor).
   * Pass a transaction to open it atomically with the caller's own writes; without one it gets its own.
   */
  async open(requester: Principal | null, operationType: OperationType, payload: Record<string, unknown>, tx?: Db): Promise<MultisigRequestRow> {
    if (requester) assertAdmin(requester);
    if (!this.executors.has(operationType)) throw new Error(`No executor is registered for ${operationType}: such a request could never be carried out`);
    return tx ? this.openIn(tx, requester, operationType, payload) : this.db.transaction((own) => this.openIn(own, requester, operationType, payload));
  }

  private async openIn(tx: Db, requester: Principal | null, operationType: OperationType, payload: Record<string, unknown>): Promise<MultisigRequestRow> {
    const policy = await this.policyOf(operationType, tx);
    const normalized = JSON.parse(canonicalJson(payload)) as Record<string, unknown>;
    const request = await new MultisigRepository(tx).createRequest({
      id: prefixedId('req'),
      operationType,
      requesterId: requester?.userId ?? null,
      payload: normalized,
      payloadHash: payloadHashOf(normalized),
      requiredSignatures: policy.required_signatures,
      allowedRoles: policy.allowed_roles,
      expiresAt: new Date(Date.now() + policy.expiry_hours * 3600_000),
    });
    await this.audit.append({
      ...(requester ? auditActor(requester) : { actorId: null }), entity: 'multisig_request', action: 'create', resourceId: request.id,
      payload: { operation_type: operationType, payload_hash: request.payloadHash, required_signatures: request.requiredSignatures },
    }, tx);
    return request;
  }

  async listPending(principal: Principal): Promise<PendingRequestView[]> {
    assertAdmin(principal);
    const rows = await new MultisigRepository(this.db).listPending(new Date());
    return rows.map((r) => ({
      request_id: r.id,
      operation_type: r.operationType,
      requester_id: r.requesterId,
      requester_email: r.requesterEmail,
      signatures: r.signatures,
      required_signatures: r.requiredSignatures,
      created_at: r.createdAt.toISOString(),
      expires_at: r.expiresAt.toISOString(),
      payload_hash: r.payloadHash,
      payload: r.payload,
    }));
  }

  async get(principal: Principal, requestId: string): Promise<RequestView> {
    assertAdmin(principal);
    const repository = new MultisigRepository(this.db);
    const request = await repository.findRequest(requestId);
    if (!request) throw notFound('Approval request not found');
    return this.toView(request, repository);
  }

  /**
   * Adds the caller's signature. The request row stays locked for the whole transaction, so of two last
   * signatures arriving together one executes the operation and the other finds the request decided (409).
   */
  async sign(principal: Principal, requestId: string, signature: string, comment: string | null): Promise<RequestView> {
    assertAdmin(principal);
    return this.attempt(principal, requestId, 'sign', async (tx, request) => {
      const repository = new MultisigRepository(tx);
      if (request.requesterId === principal.userId) throw forbidden('The requester cannot sign their own request');
      if ((await repository.listSignatures(request.id)).some((s) => s.signerId === principal.userId)) throw conflict('You have already signed this request');
      const key = (await repository.listActiveKeys(principal.userId)).find((k) => signatureMatches(k, request.payloadHash, signature));
      if (!key) throw fieldError(400, ['body', 'signature'], "The signature does not verify against the payload_hash with any of your registered keys");
      const count = await repository.addSignature({ requestId: request.id, signerId: principal.userId, keyId: key.id, signature, comment });
      await this.audit.append({
        ...auditActor(principal), entity: 'multisig_request', action: 'sign', resourceId: request.id,
        payload: { key_id: key.id, signatures: count, required_signatures: request.requiredSignatures, comment },
      }, tx);
      if (count < request.requiredSignatures) return request;
      return this.execute(request, tx);
    });
  }

  async reject(principal: Principal, requestId: string, reason: string): Promise<RequestView> {
    assertAdmin(principal);
    return this.attempt(principal, requestId, 'reject', async (tx, request) => {
      const rejected = await new MultisigRepository(tx).finish(request.id, { status: 'rejected', decidedBy: principal.userId, reason, result: null });
      await this.audit.append({ ...auditActor(principal), entity: 'multisig_request', action: 'reject', resourceId: request.id, payload: { reason } }, tx);
      return rejected;
    });
  }

  /** Runs a decision on a locked, pending, unexpired request the caller may act on; refused attempts are audited too. */
  private async attempt(
    principal: Principal,
    requestId: string,
    action: 'sign' | 'reject',
    decide: (tx: Db, request: MultisigRequestRow) => Promise<MultisigRequestRow>,
  ): Promise<RequestView> {
    try {
      const decided = await this.db.transaction(async (tx) => {
        const request = await new MultisigRepository(tx).lockRequest(requestId);
        if (!request) throw notFound('Approval request not found');
        if (request.status !== 'pending') throw conflict(`Approval request is already ${request.status}`);
        if (request.expiresAt <= new Date()) throw expired();
        if (!request.allowedRoles.includes(principal.role)) throw forbidden(`Only ${request.allowedRoles.join(', ')} may decide ${request.operationType} requests`);
        return decide(tx, request);
      });
      if (decided.status === 'executed') this.executors.get(decided.operationType as OperationType)?.afterCommit?.(decided);
      return this.toView(decided, new MultisigRepository(this.db));
    } catch (error) {
      if (error instanceof AppError && error.statusCode !== 404) {
        await this.audit.append({ ...auditActor(principal), entity: 'multisig_request', action, resourceId: requestId, status: 'failure', payload: { reason: error.message } });
      }
      throw error;
    }
  }

  // Runs inside a savepoint: a failing operation is recorded as `failed` and its partial writes are undone.
  private async execute(request: MultisigRequestRow, tx: Db): Promise<MultisigRequestRow> {
    const executor = this.executors.get(request.operationType as OperationType);
    let outcome: Pick<MultisigRequestRow, 'status' | 'reason' | 'result'>;
    try {
      const result = await tx.transaction((savepoint) => executor!.execute(request, savepoint));
      outcome = { status: 'executed', reason: null, result };
    } catch (error) {
      outcome = { status: 'failed', reason: error instanceof AppError ? error.message : 'The operation failed unexpectedly', result: null };
    }
    const finished = await new MultisigRepository(tx).finish(request.id, { ...outcome, decidedBy: null });
    const entry: AuditEntry = {
      actorId: null, entity: 'multisig_request', action: 'execute', resourceId: request.id, status: outcome.status === 'executed' ? 'success' : 'failure',
      payload: { operation_type: request.operationType, result: outcome.result, reason: outcome.reason },
    };
    await this.audit.append(entry, tx);
    return finished;
  }

  private async policyOf(operationType: OperationType, db: Db = this.db): Promise<MultisigPolicy> {
    const override = await new MultisigRepository(db).findPolicy(operationType);
    const defaults = DEFAULT_POLICIES[operationType];
    return {
      operation_type: operationType,
      required_signatures: override?.requiredSignatures ?? defaults.required_signatures,
      allowed_roles: ['admin'],
      expiry_hours: override?.expiryHours ?? defaults.expiry_hours,
      requester_may_sign: false,
    };
  }

  private async toView(request: MultisigRequestRow, repository: MultisigRepository): Promise<RequestView> {
    const signatures = await repository.listSignatures(request.id);
    return {
      request_id: request.id,
      operation_type: request.operationType,
      status: effectiveStatus(request),
      requester_id: request.requesterId,
      payload: request.payload,
      payload_hash: request.payloadHash,
      required_signatures: request.requiredSignatures,
      signatures: signatures.map((s) => ({ signer_id: s.signerId, key_id: s.keyId, comment: s.comment, signed_at: s.createdAt.toISOString() })),
      created_at: request.createdAt.toISOString(),
      expires_at: request.expiresAt.toISOString(),
      decided_at: request.decidedAt?.toISOString() ?? null,
      reason: request.reason,
      result: request.result,
    };
  }
}
