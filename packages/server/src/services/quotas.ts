import type { Db } from '../db/client.ts';
import type { Membership, OrganizationRepository, QuotaRow } from '../db/repositories/organizations.ts';
import type { OrganizationTier, QuotaResource } from '../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { type AuditChain, auditActor } from '../governance/audit-chain.ts';
import { assertAdmin, type Principal } from './principal.ts';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** Limits each organisation starts with, by tier (documented in the server README). */
export const QUOTA_DEFAULTS: Record<OrganizationTier, Record<QuotaResource, number>> = {
  free: { projects: 10, api_calls: 50_000, storage: 500 * MIB, team_members: 5, llm_tokens: 2_000_000 },
  starter: { projects: 50, api_calls: 300_000, storage: 5 * GIB, team_members: 20, llm_tokens: 20_000_000 },
  professional: { projects: 100, api_calls: 1_000_000, storage: 50 * GIB, team_members: 100, llm_tokens: 100_000_000 },
  enterprise: { projects: 1000, api_calls: 10_000_000, storage: 500 * GIB, team_members: 1000, llm_tokens: 1_000_000_000 },
};

/** Resources counted per calendar month (UTC); the others are counted over everything that exists. */
const MONTHLY: ReadonlySet<QuotaResource> = new Set(['api_calls', 'llm_tokens']);

/** Alert thresholds in percent of the limit. */
const THRESHOLDS = [80, 90, 100] as const;

export interface QuotaThresholdEvent {
  organizationId: number;
  quotaId: number;
  resourceType: QuotaResource;
  threshold: 0.8 | 0.9 | 1;
  used: number;
  limit: number;
  /** The period the threshold was crossed in: the month (monthly resources) or since the limit was last set. */
  periodStart: Date;
}

/** Where crossed quota thresholds go (the alert service); each threshold is reported once per period. */
export interface QuotaAlertSink {
  thresholdCrossed(event: QuotaThresholdEvent): Promise<void>;
}

export interface QuotaView {
  id: number;
  organization_id: number;
  resource_type: QuotaResource;
  limit: number;
  used: number;
  reset_at: string | null;
}

export interface QuotaUpdateView {
  id: number;
  organization_id: number;
  resource_type: QuotaResource;
  limit: number;
  used: number;
  /** True when the new limit is below what is already used: allowed, but nothing more of it can be used. */
  below_usage: boolean;
  warning: string | null;
  updated_at: string;
}

export const monthStart = (now: Date): Date => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
const nextMonthStart = (now: Date): Date => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));

export const quotaExceeded = (message: string): AppError => forbidden(message, 'PROJ_003');

const UNITS: Record<QuotaResource, string> = { projects: 'projects', api_calls: 'API calls', storage: 'bytes', team_members: 'members', llm_tokens: 'tokens' };
const describe = (resource: QuotaResource, used: number, limit: number): string =>
  `${used} of ${limit} ${UNITS[resource]}${MONTHLY.has(resource) ? ' this month' : ''}`;

/**
 * Organisation quotas: limits per resource, usage computed from the records themselves, enforcement,
 * and threshold alerts (80 %, 90 %, 100 %) raised once per period through the sink.
 */
export class QuotaService {
  constructor(
    private readonly repo: OrganizationRepository,
    private readonly audit: AuditChain,
    private readonly alerts: QuotaAlertSink,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async list(principal: Principal, organizationId: number): Promise<QuotaView[]> {
    await this.visibleOrganization(principal, organizationId);
    const now = new Date();
    const rows = await this.repo.quotasOf(organizationId);
    return Promise.all(rows.map(async (quota) => ({
      id: quota.id,
      organization_id: quota.organizationId,
      resource_type: quota.resourceType,
      limit: quota.limit,
      used: await this.used(quota.organizationId, quota.resourceType, now),
      reset_at: MONTHLY.has(quota.resourceType) ? nextMonthStart(now).toISOString() : null,
    })));
  }

  /** Administrators set a limit; one below current use is accepted and flagged in the reply. */
  async update(principal: Principal, quotaId: number, limit: number): Promise<QuotaUpdateView> {
    assertAdmin(principal);
    const row = await this.repo.transaction(async (tx) => {
      const before = await this.repo.findQuota(quotaId, tx);
      if (!before) throw notFound('Quota not found');
      const updated = (await this.repo.setQuotaLimit(quotaId, limit, tx))!;
      await this.audit.append({
        ...auditActor(principal), entity: 'quota', action: 'update', resourceId: quotaId, organizationId: updated.organizationId,
        payload: { resource_type: updated.resourceType, limit: { from: before.limit, to: limit } },
      }, tx);
      return updated;
    });
    const used = await this.used(row.organizationId, row.resourceType);
    await this.evaluate(row, used);
    const below = used > limit;
    return {
      id: row.id,
      organization_id: row.organizationId,
      resource_type: row.resourceType,
      limit: row.limit,
      used,
      below_usage: below,
      warning: below ? `The new limit is below current use (${describe(row.resourceType, used, limit)}): nothing more of it can be used until use falls below the limit` : null,
      updated_at: row.updatedAt.toISOString(),
    };
  }

  /** Creates an organisation's quotas from its tier's defaults. */
  async createFor(organizationId: number, tier: OrganizationTier, tx: Db): Promise<void> {
    await this.repo.createQuotas(organizationId, QUOTA_DEFAULTS[tier], tx);
  }

  /** After a tier change, limits still at the old tier's default move to the new tier's; limits an administrator set stay. */
  async applyTier(organizationId: number, from: OrganizationTier, to: OrganizationTier, tx: Db): Promise<void> {
    for (const quota of await this.repo.quotasOf(organizationId, tx)) {
      if (quota.limit === QUOTA_DEFAULTS[from][quota.resourceType]) await this.repo.setQuotaLimit(quota.id, QUOTA_DEFAULTS[to][quota.resourceType], tx);
    }
  }

  /** Current use of a resource, from the records: projects, file versions, team members, LLM usage, API-call counters. */
  async used(organizationId: number, resource: QuotaResource, now = new Date(), db?: Db): Promise<number> {
    switch (resource) {
      case 'projects':
        return this.repo.projectCount(organizationId, db);
      case 'storage':
        return this.repo.storageBytes(organizationId, db);
      case 'team_members':
        return this.repo.memberCount(organizationId, db);
      case 'llm_tokens':
        return this.repo.llmTokens(organizationId, monthStart(now), db);
      case 'api_calls':
        return this.repo.apiCalls(organizationId, monthStart(now), db);
    }
  }

  /** Refuses (403 PROJ_003) when adding `amount` would take the organisation over its limit. */
  async assertRoom(organizationId: number | null, resource: QuotaResource, amount: number, what: string, db?: Db): Promise<void> {
    if (organizationId === null) return;
    const quota = await this.repo.quotaFor(organizationId, resource, db);
    if (!quota) return;
    const used = await this.used(organizationId, resource, new Date(), db);
    if (used + amount > quota.limit) {
      throw quotaExceeded(`${what} would exceed organisation ${organizationId}'s ${resource} quota: ${describe(resource, used, quota.limit)} used`);
    }
  }

  /**
   * Runs `work` (which adds `amount` of the resource) in a transaction that first checks the room for it,
   * holding the organisation's quota lock, so concurrent additions cannot both take the last unit.
   */
  async withRoom<T>(organizationId: number | null, resource: QuotaResource, amount: number, what: string, work: (tx: Db) => Promise<T>): Promise<T> {
    const result = await this.repo.transaction(async (tx) => {
      if (organizationId !== null) {
        await this.repo.lockQuotas(tx, organizationId);
        await this.assertRoom(organizationId, resource, amount, what, tx);
      }
      return work(tx);
    });
    await this.observe(organizationId, resource);
    return result;
  }

  /** Checks a resource's thresholds after its use changed; alerts are raised for newly crossed ones. */
  async observe(organizationId: number | null, resource: QuotaResource): Promise<void> {
    if (organizationId === null) return;
    const quota = await this.repo.quotaFor(organizationId, resource);
    if (quota) await this.evaluate(quota, await this.used(organizationId, resource));
  }

  organizationOfProject(projectId: number, db?: Db): Promise<number | null> {
    return this.repo.organizationOfProject(projectId, db);
  }

  /**
   * Counts one API call of an organisation member this month; 429 `PROJ_003` (Retry-After until the
   * month ends) once the month's api_calls quota is used up.
   */
  async countApiCall(membership: Membership, now = new Date()): Promise<void> {
    const quota = await this.repo.quotaFor(membership.organizationId, 'api_calls');
    if (!quota) return;
    const periodStart = monthStart(now);
    const calls = await this.repo.countApiCall(membership.organizationId, periodStart, quota.limit);
    if (calls === undefined) {
      const resetAt = nextMonthStart(now);
      throw new AppError(429, `Organisation ${membership.organizationId}'s api_calls quota is used up (${quota.limit} calls this month); it resets at ${resetAt.toISOString()}`, {
        errorCode: 'PROJ_003',
        headers: { 'retry-after': String(Math.ceil((resetAt.getTime() - now.getTime()) / 1000)) },
      });
    }
    // The counter moves one call at a time, so exactly one call reaches each threshold.
    if (THRESHOLDS.some((percent) => calls * 100 >= percent * quota.limit && (calls - 1) * 100 < percent * quota.limit)) {
      await this.evaluate(quota, calls);
    }
  }

  /** See `StorageQuota`: organisations are locked in id order, so two transactions never wait on each other in a cycle. */
  async assertStorageRoom(additions: Array<{ projectId: number; bytes: number }>, tx: Db): Promise<void> {
    const byOrganization = new Map<number, { bytes: number; projectIds: number[] }>();
    for (const { projectId, bytes } of additions) {
      const organizationId = await this.repo.organizationOfProject(projectId, tx);
      if (organizationId === null) continue;
      const entry = byOrganization.get(organizationId) ?? { bytes: 0, projectIds: [] };
      entry.bytes += bytes;
      entry.projectIds.push(projectId);
      byOrganization.set(organizationId, entry);
    }
    for (const organizationId of [...byOrganization.keys()].sort((a, b) => a - b)) {
      const { bytes, projectIds } = byOrganization.get(organizationId)!;
      await this.repo.lockQuotas(tx, organizationId);
      await this.assertRoom(organizationId, 'storage', bytes, `Storing ${bytes} more bytes in project ${projectIds.join(', ')}`, tx);
    }
  }

  async observeStorage(projectId: number): Promise<void> {
    await this.observe(await this.repo.organizationOfProject(projectId), 'storage');
  }

  /** Why no more LLM tokens may be spent for the project's organisation, or null while they may. */
  async llmTokensExhausted(projectId: number): Promise<string | null> {
    return this.llmTokensExhaustedOf(await this.repo.organizationOfProject(projectId));
  }

  /** As `llmTokensExhausted`, for calls outside a project (AI review, config tests): charged to the user's organisation. */
  async llmTokensExhaustedForUser(userId: number): Promise<string | null> {
    return this.llmTokensExhaustedOf((await this.repo.membershipOf(userId))?.organizationId ?? null);
  }

  private async llmTokensExhaustedOf(organizationId: number | null): Promise<string | null> {
    if (organizationId === null) return null;
    const quota = await this.repo.quotaFor(organizationId, 'llm_tokens');
    if (!quota) return null;
    const used = await this.used(organizationId, 'llm_tokens');
    await this.evaluate(quota, used);
    if (used < quota.limit) return null;
    return `Organisation ${organizationId}'s llm_tokens quota is used up (${describe('llm_tokens', used, quota.limit)}); no more model calls until it resets at ${nextMonthStart(new Date()).toISOString()} or an administrator raises it`;
  }

  /** Records newly crossed thresholds and raises one alert for each; a failed alert is forgotten, to be raised again. */
  private async evaluate(quota: QuotaRow, used: number): Promise<void> {
    const crossed = THRESHOLDS.filter((percent) => used > 0 && used * 100 >= percent * quota.limit);
    if (crossed.length === 0) return;
    const periodStart = this.periodStart(quota);
    for (const percent of await this.repo.recordCrossings(quota, periodStart, crossed, used)) {
      const event: QuotaThresholdEvent = {
        organizationId: quota.organizationId, quotaId: quota.id, resourceType: quota.resourceType,
        threshold: (percent / 100) as QuotaThresholdEvent['threshold'], used, limit: quota.limit, periodStart,
      };
      try {
        await this.alerts.thresholdCrossed(event);
      } catch (error) {
        await this.repo.forgetCrossing(quota.id, periodStart, percent);
        this.onError(error);
      }
    }
  }

  /** A new period starts with each month (monthly resources) and whenever the limit is set. */
  private periodStart(quota: QuotaRow, now = new Date()): Date {
    if (!MONTHLY.has(quota.resourceType)) return quota.limitSetAt;
    const month = monthStart(now);
    return quota.limitSetAt > month ? quota.limitSetAt : month;
  }

  private async visibleOrganization(principal: Principal, organizationId: number): Promise<void> {
    if (principal.isAdmin) {
      if (!(await this.repo.findById(organizationId))) throw notFound('Organization not found');
      return;
    }
    const membership = await this.repo.membershipOf(principal.userId);
    if (membership?.organizationId !== organizationId) throw notFound('Organization not found');
  }
}
