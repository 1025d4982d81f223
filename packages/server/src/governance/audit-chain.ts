import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { type AuditFilter, AuditRepository, type AuditRow } from '../db/repositories/audit.ts';
import type { Principal, RequestMeta } from '../services/principal.ts';
import type { AuditAnchors, ChainAnchor } from './audit-anchors.ts';
import { hmacSha256Hex } from './audit-keys.ts';
import { canonicalJson, sha256Hex } from './canonical.ts';

/**
 * Vocabulary of the chain (`entity` → `action`s). Add to it rather than invent synonyms:
 *   user             create (register), login, logout, update, password_change, password_reset, suspend, reactivate, role_change, delete
 *   api_key          create, delete
 *   audit_log        export
 *   signing_key      create, delete
 *   multisig_policy  update
 *   multisig_request create, sign, reject, execute
 *   experiment       create, evaluate, reevaluate
 *   version          promote, demote
 *   setting          update
 *   project, file, llm_config   create, update, delete
 *   organization, team          create, update
 *   team_member      create, role_change, delete (resource: the team; payload: user_id, role)
 *   quota            update
 *   workflow         start, stop, resume (resource: the project)
 *   plugin           install, activate, deactivate, update, delete (resource: the installation)
 *   plugin_review    create
 *   alert            create, resolve
 *   audit_log        rekey (the first keyed entry after entries hashed without a key; payload: legacy_head_seq)
 * Failed attempts use the same action with `status: 'failure'` (a failed login is `user`/`login`/`failure`).
 * The server README's "Audit coverage" table lists which action writes which entry.
 */
export interface AuditEntry {
  entity: string;
  action: string;
  /** The acting user; null for anonymous attempts (a failed login of an unknown name). */
  actorId: number | null;
  resourceId?: string | number | null;
  organizationId?: number | null;
  status?: 'success' | 'failure';
  /** What changed and why; JSON only (no undefined, NaN or functions survive canonicalization). */
  payload?: Record<string, unknown>;
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** The actor fields of an entry made on behalf of an authenticated caller: `{ ...auditActor(principal), entity, action }`. */
/** Who made a change and from where, as an audit entry records it. */
export type AuditActor = Pick<AuditEntry, 'actorId' | 'ipAddress' | 'userAgent'>;

export function auditActor(principal: Principal): AuditActor {
  return { actorId: principal.userId, ipAddress: principal.meta.ipAddress, userAgent: principal.meta.userAgent };
}

export function auditOrigin(meta: RequestMeta): Pick<AuditEntry, 'ipAddress' | 'userAgent'> {
  return { ipAddress: meta.ipAddress, userAgent: meta.userAgent };
}

export const GENESIS_HASH = '0'.repeat(64);
export const auditLogId = (seq: number): string => `log-${seq}`;

// Arbitrary constant: the transaction-scoped lock that serialises appends across processes.
const AUDIT_CHAIN_LOCK_ID = 7_351_007;
const USER_AGENT_MAX = 500;

/** An entry as exported and as hashed (every column but `hash`); absent values are null. */
export interface AuditRecord {
  id: string;
  entity: string;
  action: string;
  actor_id: number | null;
  resource_id: string | null;
  organization_id: number | null;
  status: 'success' | 'failure';
  payload: Record<string, unknown>;
  ip_address: string | null;
  user_agent: string | null;
  /** ISO 8601 UTC with milliseconds. */
  timestamp: string;
  prev_hash: string;
}

export function toAuditRecord(row: Omit<AuditRow, 'hash'>): AuditRecord {
  return {
    id: auditLogId(row.seq),
    entity: row.entity,
    action: row.action,
    actor_id: row.actorId,
    resource_id: row.resourceId,
    organization_id: row.organizationId,
    status: row.status,
    payload: row.payload,
    ip_address: row.ipAddress,
    user_agent: row.userAgent,
    timestamp: row.timestamp.toISOString(),
    prev_hash: row.prevHash,
  };
}

/**
 * The hash of an entry: HMAC-SHA256 (lowercase hex) under the chain's key of the RFC 8785 canonical JSON of its
 * `AuditRecord`, so whoever can insert rows but lacks the key cannot append an entry that verifies.
 */
export const hashAuditRow = (key: Buffer, row: Omit<AuditRow, 'hash'>): string => hmacSha256Hex(key, canonicalRecordJson(toAuditRecord(row)));

/** How entries were hashed before the chain was keyed: plain SHA-256 of the same canonical JSON. */
const legacyHashOf = (row: Omit<AuditRow, 'hash'>): string => sha256Hex(canonicalRecordJson(toAuditRecord(row)));

const str = (value: string | null): string => JSON.stringify(value);

/**
 * `canonicalJson(record)` written out with the members already in RFC 8785 order; verification hashes every
 * row, and this is several times faster than sorting keys generically (a test checks both agree).
 */
export function canonicalRecordJson(r: AuditRecord): string {
  return `{"action":${str(r.action)},"actor_id":${r.actor_id},"entity":${str(r.entity)},"id":${str(r.id)},` +
    `"ip_address":${str(r.ip_address)},"organization_id":${r.organization_id},"payload":${canonicalJson(r.payload)},` +
    `"prev_hash":${str(r.prev_hash)},"resource_id":${str(r.resource_id)},"status":${str(r.status)},` +
    `"timestamp":${str(r.timestamp)},"user_agent":${str(r.user_agent)}}`;
}

export interface ChainBreak {
  log_id: string;
  previous_log_id: string | null;
  expected_prev_hash: string;
  actual_prev_hash: string;
  missing_entries: number;
}

export interface VerifyRange {
  from?: Date | undefined;
  to?: Date | undefined;
  entity?: string | undefined;
}

/** The chain against its newest signed checkpoint: rows removed from its end show as `truncated`. */
export interface AnchorCheck {
  checkpoint: ChainAnchor;
  /** SPKI PEM of the key the checkpoints are signed with. */
  public_key: string;
  /** The newest row's seq now. */
  head_seq: number;
  /** The checkpointed row is gone: the chain lost its newest entries. */
  truncated: boolean;
  /** The checkpointed row is there but its hash is not the one signed. */
  rewritten: boolean;
}

export interface ChainVerification {
  valid: boolean;
  verified_count: number;
  tampered_count: number;
  tampered_logs: string[];
  broken_chains: ChainBreak[];
  /** Null when no checkpoint has been written yet (or checkpoints are off). */
  anchor: AnchorCheck | null;
  verification_time_ms: number;
}

const VERIFY_PAGE_SIZE = 5000;

/** The one writer of the audit log. */
export class AuditChain {
  constructor(private readonly db: Db, private readonly key: Buffer, private readonly anchors?: AuditAnchors) {}

  /**
   * After entries hashed without a key, appends the first keyed one at once, so no unkeyed entry can be
   * slipped in after the upgrade: verification accepts unkeyed hashes only before the first keyed entry.
   */
  async sealLegacyEntries(): Promise<void> {
    const last = await new AuditRepository(this.db).lastRow();
    if (!last || this.isKeyed(last) || legacyHashOf(last) !== last.hash) return;
    await this.append({ entity: 'audit_log', action: 'rekey', actorId: null, payload: { legacy_head_seq: last.seq } });
  }

  /** The newest entry's seq and hash (what a checkpoint signs); undefined for an empty chain. */
  head(): Promise<{ seq: number; hash: string } | undefined> {
    return new AuditRepository(this.db).lastLink();
  }

  private isKeyed(row: AuditRow): boolean {
    return hashAuditRow(this.key, row) === row.hash;
  }

  /**
   * Appends an entry. Pass the caller's transaction to make the entry part of it (it then holds the
   * chain lock until it commits); otherwise the append runs in its own transaction.
   */
  async append(entry: AuditEntry, tx?: Db): Promise<AuditRow> {
    return tx ? this.appendLocked(entry, tx) : this.db.transaction((own) => this.appendLocked(entry, own));
  }

  private async appendLocked(entry: AuditEntry, tx: Db): Promise<AuditRow> {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_ID})`);
    const repository = new AuditRepository(tx);
    const last = await repository.lastLink();
    const unsealed: Omit<AuditRow, 'hash'> = {
      seq: (last?.seq ?? 0) + 1,
      entity: entry.entity,
      action: entry.action,
      actorId: entry.actorId,
      resourceId: entry.resourceId === undefined || entry.resourceId === null ? null : String(entry.resourceId),
      organizationId: entry.organizationId ?? null,
      status: entry.status ?? 'success',
      // Round-trips through canonical JSON so the hashed payload is exactly what jsonb gives back.
      payload: JSON.parse(canonicalJson(entry.payload ?? {})) as Record<string, unknown>,
      ipAddress: entry.ipAddress ?? null,
      userAgent: entry.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
      timestamp: new Date(),
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const row = { ...unsealed, hash: hashAuditRow(this.key, unsealed) };
    await repository.insert(row);
    return row;
  }

  /**
   * Walks the whole chain in order and reports on the range: rows whose hash does not match their content
   * (entity and time filters apply), and links whose prev_hash or sequence do not follow (time filter applies:
   * a deleted row's entity is unknown).
   */
  async verify(range: VerifyRange = {}): Promise<ChainVerification> {
    const started = performance.now();
    const repository = new AuditRepository(this.db);
    const inTime = (row: AuditRow) => (!range.from || row.timestamp >= range.from) && (!range.to || row.timestamp <= range.to);
    const tampered: string[] = [];
    const breaks: ChainBreak[] = [];
    let verified = 0;
    let previous: { seq: number; hash: string } | undefined;
    // Unkeyed hashes are those of entries written before the chain was keyed: accepted only before the first keyed one.
    let keyedSeen = false;
    const anchor = await this.anchors?.latest();
    let anchoredRow: AuditRow | undefined;
    // The next page is fetched while this one is hashed, so the database and this process work at once.
    let nextPage = repository.pageAfter(0, VERIFY_PAGE_SIZE);
    for (let page = await nextPage; page.length > 0; page = await nextPage) {
      nextPage = repository.pageAfter(page[page.length - 1]!.seq, VERIFY_PAGE_SIZE);
      for (const row of page) {
        const expectedPrev = previous?.hash ?? GENESIS_HASH;
        const expectedSeq = (previous?.seq ?? 0) + 1;
        if (inTime(row) && (row.prevHash !== expectedPrev || row.seq !== expectedSeq)) {
          breaks.push({
            log_id: auditLogId(row.seq),
            previous_log_id: previous ? auditLogId(previous.seq) : null,
            expected_prev_hash: expectedPrev,
            actual_prev_hash: row.prevHash,
            missing_entries: row.seq - expectedSeq,
          });
        }
        const checked = inTime(row) && (range.entity === undefined || row.entity === range.entity);
        if (checked || !keyedSeen) {
          const keyed = this.isKeyed(row);
          const intact = keyed || (!keyedSeen && legacyHashOf(row) === row.hash);
          keyedSeen ||= keyed;
          if (checked) {
            verified += 1;
            if (!intact) tampered.push(auditLogId(row.seq));
          }
        }
        if (row.seq === anchor?.seq) anchoredRow = row;
        previous = { seq: row.seq, hash: row.hash };
      }
    }
    const anchorCheck: AnchorCheck | null = anchor
      ? { checkpoint: anchor, public_key: this.anchors!.publicKeyPem, head_seq: previous?.seq ?? 0, truncated: anchoredRow === undefined, rewritten: anchoredRow !== undefined && anchoredRow.hash !== anchor.hash }
      : null;
    return {
      valid: tampered.length === 0 && breaks.length === 0 && !anchorCheck?.truncated && !anchorCheck?.rewritten,
      verified_count: verified,
      tampered_count: tampered.length,
      tampered_logs: tampered,
      broken_chains: breaks,
      anchor: anchorCheck,
      verification_time_ms: Math.round(performance.now() - started),
    };
  }

  /** Rows in chain order, one keyset page at a time. */
  async *pages(filter: AuditFilter, pageSize = 1000): AsyncGenerator<AuditRow[]> {
    const repository = new AuditRepository(this.db);
    let after = 0;
    for (;;) {
      const page = await repository.pageAfter(after, pageSize, filter);
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1]!.seq;
    }
  }
}
