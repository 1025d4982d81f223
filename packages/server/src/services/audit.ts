import { Readable } from 'node:stream';
import type { Db } from '../db/client.ts';
import { type AuditFilter, AuditRepository, type AuditRow } from '../db/repositories/audit.ts';
import type { MultisigRequestRow } from '../db/repositories/multisig.ts';
import type { Membership } from '../db/repositories/organizations.ts';
import { conflict, fieldError, forbidden, notFound } from '../errors.ts';
import { type AuditChain, auditActor, type AuditRecord, type ChainVerification, toAuditRecord, type VerifyRange } from '../governance/audit-chain.ts';
import type { MultisigService } from './multisig.ts';
import { assertAdmin, type Principal } from './principal.ts';

/** The CodeRev view of an entry (`/api/admin/audit/*`); prev_hash and hash let an auditor re-verify an export. */
export type AuditLogView = AuditRecord & { hash: string };

/** The ResoftAI view of an entry (`/api/audit-logs`). */
export interface ResoftAuditLogView {
  id: number;
  action: string;
  resource_type: string;
  resource_id: number | string | null;
  user_id: number | null;
  organization_id: number | null;
  description: string;
  changes: Record<string, unknown>;
  ip_address: string | null;
  user_agent: string | null;
  timestamp: string;
}

export const toAuditLogView = (row: AuditRow): AuditLogView => ({ ...toAuditRecord(row), hash: row.hash });

function toResoftView(row: AuditRow): ResoftAuditLogView {
  const failed = row.status === 'failure' ? ' (failed)' : '';
  return {
    id: row.seq,
    action: row.action.toUpperCase(),
    resource_type: row.entity,
    resource_id: row.resourceId !== null && /^[1-9][0-9]{0,14}$/.test(row.resourceId) ? Number(row.resourceId) : row.resourceId,
    user_id: row.actorId,
    organization_id: row.organizationId,
    description: `${row.action} ${row.entity}${row.resourceId !== null ? ` ${row.resourceId}` : ''}${failed}`,
    changes: row.payload,
    ip_address: row.ipAddress,
    user_agent: row.userAgent,
    timestamp: row.timestamp.toISOString(),
  };
}

export interface TimeRange {
  from?: Date | undefined;
  to?: Date | undefined;
}

export type ExportFormat = 'json' | 'csv';

export interface AuditExport {
  contentType: string;
  filename: string;
  body: Readable;
}

const CSV_COLUMNS = ['id', 'timestamp', 'entity', 'action', 'actor_id', 'resource_id', 'organization_id', 'status', 'ip_address', 'user_agent', 'payload', 'prev_hash', 'hash'] as const;

// RFC 4180: values are exported verbatim (so the chain can be re-verified from the file), quoted when needed.
function csvField(value: unknown): string {
  const text = value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function checkRange(range: TimeRange, location: 'query' | 'body'): void {
  if (range.from && range.to && range.from > range.to) throw fieldError(400, [location, 'from_ts'], 'from_ts must not be after to_ts');
}

export class AuditService {
  constructor(
    private readonly chain: AuditChain,
    private readonly logs: AuditRepository,
    private readonly multisig: MultisigService,
    /** The caller's organisation and role in it: its owners and admins read the organisation's whole log. */
    private readonly membershipOf: (userId: number) => Promise<Membership | undefined>,
  ) {
    multisig.registerExecutor('data_export', (request, tx) => this.pinExport(request, tx));
  }

  async list(principal: Principal, filter: AuditFilter, limit: number, offset: number): Promise<{ logs: AuditLogView[]; total: number; has_more: boolean }> {
    assertAdmin(principal);
    checkRange(filter, 'query');
    const [rows, total] = await Promise.all([this.logs.list(filter, limit, offset), this.logs.count(filter)]);
    return { logs: rows.map(toAuditLogView), total, has_more: offset + rows.length < total };
  }

  async verify(principal: Principal, range: VerifyRange): Promise<ChainVerification> {
    assertAdmin(principal);
    checkRange(range, 'body');
    return this.chain.verify(range);
  }

  /** Streams the range page by page; the export itself is recorded first. */
  async export(principal: Principal, format: ExportFormat, range: TimeRange): Promise<AuditExport> {
    assertAdmin(principal);
    checkRange(range, 'query');
    await this.chain.append({
      ...auditActor(principal), entity: 'audit_log', action: 'export',
      payload: { format, from_ts: range.from?.toISOString() ?? null, to_ts: range.to?.toISOString() ?? null },
    });
    return this.exportFile(format, range);
  }

  /** Opens a `data_export` approval request for an export of the chain. */
  async requestExport(principal: Principal, format: ExportFormat, range: TimeRange, reason: string) {
    assertAdmin(principal);
    checkRange(range, 'body');
    const request = await this.multisig.open(principal, 'data_export', {
      format, from_ts: range.from?.toISOString() ?? null, to_ts: range.to?.toISOString() ?? null, reason,
    });
    return { success: true as const, status: 'pending_approval' as const, request_id: request.id };
  }

  /** Streams an approved export to its requester: the approved range, up to the chain head pinned at approval. */
  async downloadApproved(principal: Principal, requestId: string): Promise<AuditExport> {
    assertAdmin(principal);
    const request = await this.multisig.get(principal, requestId);
    if (request.operation_type !== 'data_export') throw notFound('Export request not found');
    if (request.requester_id !== principal.userId) throw forbidden('Only the requester downloads an approved export');
    if (request.status !== 'executed') throw conflict(`The export request is ${request.status}, not approved`);
    const { format, from_ts: from, to_ts: to, through_seq: throughSeq } = request.result as { format: ExportFormat; from_ts: string | null; to_ts: string | null; through_seq: number };
    await this.chain.append({ ...auditActor(principal), entity: 'audit_log', action: 'export', payload: { request_id: requestId, format, from_ts: from, to_ts: to, through_seq: throughSeq } });
    return this.exportFile(format, { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined, throughSeq });
  }

  // The approval pins the chain head, so the approved export never grows with entries written after it.
  private async pinExport(request: MultisigRequestRow, tx: Db): Promise<Record<string, unknown>> {
    const head = await new AuditRepository(tx).lastLink();
    const { format, from_ts, to_ts } = request.payload;
    return { format, from_ts, to_ts, through_seq: head?.seq ?? 0, through_log_id: head ? `log-${head.seq}` : null, through_hash: head?.hash ?? null };
  }

  private exportFile(format: ExportFormat, range: TimeRange & { throughSeq?: number | undefined }): AuditExport {
    const pages = this.chain.pages(range);
    const stamp = new Date().toISOString().replaceAll(':', '-');
    if (format === 'csv') {
      return { contentType: 'text/csv; charset=utf-8', filename: `audit-logs-${stamp}.csv`, body: Readable.from(csvChunks(pages)) };
    }
    return { contentType: 'application/json; charset=utf-8', filename: `audit-logs-${stamp}.json`, body: Readable.from(jsonChunks(pages)) };
  }

  /**
   * The organisation view: administrators see every entry; an organisation's owners and admins every entry of their
   * organisation (with `organization_id`); other users only their own.
   */
  async listForResoft(
    principal: Principal,
    query: { organizationId?: number | undefined; action?: string | undefined; resourceType?: string | undefined; userId?: number | undefined; days?: number | undefined },
    limit: number,
    skip: number,
  ): Promise<ResoftAuditLogView[]> {
    const membership = !principal.isAdmin && query.organizationId !== undefined ? await this.membershipOf(principal.userId) : undefined;
    const managesOrganization = membership?.organizationId === query.organizationId && (membership?.role === 'owner' || membership?.role === 'admin');
    const readsAll = principal.isAdmin || managesOrganization;
    if (!readsAll && query.userId !== undefined && query.userId !== principal.userId) {
      throw forbidden("Only administrators and the organisation's owners and admins can read other users' audit logs");
    }
    const rows = await this.logs.list(
      {
        organizationId: query.organizationId,
        action: query.action?.toLowerCase(),
        entity: query.resourceType,
        actorId: readsAll ? query.userId : principal.userId,
        from: query.days !== undefined ? new Date(Date.now() - query.days * 86_400_000) : undefined,
      },
      limit,
      skip,
    );
    return rows.map(toResoftView);
  }
}

async function* csvChunks(pages: AsyncIterable<AuditRow[]>): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  for await (const page of pages) {
    yield page.map((row) => {
      const view = toAuditLogView(row);
      return `${CSV_COLUMNS.map((column) => csvField(view[column])).join(',')}\r\n`;
    }).join('');
  }
}

async function* jsonChunks(pages: AsyncIterable<AuditRow[]>): AsyncGenerator<string> {
  let separator = '\n';
  yield '[';
  for await (const page of pages) {
    yield page.map((row) => {
      const line = `${separator}${JSON.stringify(toAuditLogView(row))}`;
      separator = ',\n';
      return line;
    }).join('');
  }
  yield '\n]\n';
}
