import { and, count, desc, eq, gt, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { auditLogs } from '../schema/index.ts';

export type AuditRow = typeof auditLogs.$inferSelect;

export interface AuditFilter {
  entity?: string | undefined;
  action?: string | undefined;
  actorId?: number | undefined;
  organizationId?: number | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Entries up to this sequence number only (an approved export's pinned chain head). */
  throughSeq?: number | undefined;
}

function conditions(filter: AuditFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    filter.entity !== undefined ? eq(auditLogs.entity, filter.entity) : undefined,
    filter.action !== undefined ? eq(auditLogs.action, filter.action) : undefined,
    filter.actorId !== undefined ? eq(auditLogs.actorId, filter.actorId) : undefined,
    filter.organizationId !== undefined ? eq(auditLogs.organizationId, filter.organizationId) : undefined,
    filter.from ? gte(auditLogs.timestamp, filter.from) : undefined,
    filter.to ? lte(auditLogs.timestamp, filter.to) : undefined,
    filter.throughSeq !== undefined ? lte(auditLogs.seq, filter.throughSeq) : undefined,
  ];
  return and(...parts);
}

/** Queries of the audit chain; the table takes inserts only (triggers refuse the rest). */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  async lastLink(): Promise<{ seq: number; hash: string } | undefined> {
    const [row] = await this.db.select({ seq: auditLogs.seq, hash: auditLogs.hash }).from(auditLogs).orderBy(desc(auditLogs.seq)).limit(1);
    return row;
  }

  async lastRow(): Promise<AuditRow | undefined> {
    const [row] = await this.db.select().from(auditLogs).orderBy(desc(auditLogs.seq)).limit(1);
    return row;
  }

  async insert(row: AuditRow): Promise<void> {
    await this.db.insert(auditLogs).values(row);
  }

  /** Newest first, for the log views. */
  list(filter: AuditFilter, limit: number, offset: number): Promise<AuditRow[]> {
    return this.db.select().from(auditLogs).where(conditions(filter)).orderBy(desc(auditLogs.seq)).limit(limit).offset(offset);
  }

  async count(filter: AuditFilter): Promise<number> {
    const [row] = await this.db.select({ total: count() }).from(auditLogs).where(conditions(filter));
    return row?.total ?? 0;
  }

  /**
   * One keyset page in chain order: rows after `afterSeq`, so memory stays bounded however long the chain.
   * The page comes back as one JSON value, which drivers decode far faster than row by row.
   */
  async pageAfter(afterSeq: number, limit: number, filter: AuditFilter = {}): Promise<AuditRow[]> {
    const where = and(gt(auditLogs.seq, afterSeq), conditions(filter));
    const result = (await this.db.execute(
      sql`SELECT coalesce(json_agg(page ORDER BY page.seq), '[]'::json) AS rows FROM (SELECT * FROM ${auditLogs} WHERE ${where} ORDER BY ${auditLogs.seq} LIMIT ${limit}) page`,
    )) as unknown as { rows: { rows: AuditJsonRow[] | string }[] };
    const rows = result.rows[0]!.rows;
    return (typeof rows === 'string' ? (JSON.parse(rows) as AuditJsonRow[]) : rows).map(fromJson);
  }
}

interface AuditJsonRow {
  seq: number;
  entity: string;
  action: string;
  actor_id: number | null;
  resource_id: string | null;
  organization_id: number | null;
  status: AuditRow['status'];
  payload: Record<string, unknown>;
  ip_address: string | null;
  user_agent: string | null;
  timestamp: string;
  prev_hash: string;
  hash: string;
}

const fromJson = (row: AuditJsonRow): AuditRow => ({
  seq: Number(row.seq),
  entity: row.entity,
  action: row.action,
  actorId: row.actor_id,
  resourceId: row.resource_id,
  organizationId: row.organization_id,
  status: row.status,
  payload: row.payload,
  ipAddress: row.ip_address,
  userAgent: row.user_agent,
  timestamp: new Date(row.timestamp),
  prevHash: row.prev_hash,
  hash: row.hash,
});
