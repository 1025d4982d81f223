import type { AlertAudience, AlertFilter, AlertRepository, AlertRow, NewAlert } from '../db/repositories/alerts.ts';
import type { PageRequest } from '../db/repositories/paging.ts';
import type { AlertSeverity } from '../db/schema/index.ts';
import { notFound } from '../errors.ts';
import { type AuditActor, type AuditChain, auditActor } from '../governance/audit-chain.ts';
import type { Principal } from './principal.ts';
import type { QuotaAlertSink } from './quotas.ts';

export interface AlertView {
  id: number;
  alert_type: string;
  severity: AlertSeverity;
  message: string;
  details: Record<string, unknown>;
  is_resolved: boolean;
  created_at: string;
  resolved_at: string | null;
}

export interface NewAlertInput {
  alert_type: string;
  severity: AlertSeverity;
  message: string;
  details: Record<string, unknown>;
}

/** An alert raised by the platform itself (a rule, a quota threshold). */
export interface RaisedAlert {
  alertType: string;
  severity: AlertSeverity;
  message: string;
  details: Record<string, unknown>;
  /** Whom it concerns; without one (and without an organisation) it is for administrators. */
  userId?: number | null;
  organizationId?: number | null;
  /** One unresolved alert per key: raising it again before it is resolved does nothing. */
  dedupeKey: string;
}

/** The port other areas (quotas) raise alerts through. */
export interface AlertSink {
  raise(alert: RaisedAlert): Promise<AlertView | undefined>;
}

const toView = (row: AlertRow): AlertView => ({
  id: row.id,
  alert_type: row.alertType,
  severity: row.severity,
  message: row.message,
  details: row.details,
  is_resolved: row.isResolved,
  created_at: row.createdAt.toISOString(),
  resolved_at: row.resolvedAt?.toISOString() ?? null,
});

const alertNotFound = () => notFound('Alert not found');

/** The organisation a user manages (as its owner or admin), if any. */
export type ManagedOrganizationOf = (userId: number) => Promise<number | undefined>;

/**
 * Alerts: users see and resolve the ones concerning them (and, as an organisation's owner or admin, the
 * organisation's), administrators every one.
 */
export class AlertService implements AlertSink {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly managedOrganizationOf: ManagedOrganizationOf,
    private readonly audit: AuditChain,
  ) {}

  async list(principal: Principal, filter: Omit<AlertFilter, 'audience'>, page: PageRequest): Promise<{ items: AlertView[]; total: number }> {
    const { rows, total } = await this.alerts.list({ ...filter, audience: await this.audience(principal) }, page);
    return { items: rows.map(toView), total };
  }

  async countOpen(principal: Principal): Promise<number> {
    return this.alerts.count({ audience: await this.audience(principal), isResolved: false });
  }

  /** A manual alert, concerning its creator. */
  async create(principal: Principal, input: NewAlertInput): Promise<AlertView> {
    const row = await this.store({
      alertType: input.alert_type,
      severity: input.severity,
      message: input.message,
      details: input.details,
      userId: principal.userId,
      organizationId: null,
      dedupeKey: null,
    }, auditActor(principal));
    // An alert without a key is always stored.
    return toView(row!);
  }

  /** Resolving an already resolved alert answers it unchanged. */
  async resolve(principal: Principal, alertId: number): Promise<AlertView> {
    const alert = await this.alerts.findById(alertId);
    if (!alert || !concerns(alert, await this.audience(principal))) throw alertNotFound();
    if (alert.isResolved) return toView(alert);
    const resolved = await this.alerts.transaction(async (tx) => {
      const row = await this.alerts.resolve(alertId, principal.userId, tx);
      if (row) {
        await this.audit.append({ ...auditActor(principal), entity: 'alert', action: 'resolve', resourceId: alertId, organizationId: row.organizationId, payload: { alert_type: row.alertType } }, tx);
      }
      return row;
    });
    // Resolved by someone else meanwhile: their entry records it.
    return toView(resolved ?? (await this.alerts.findById(alertId))!);
  }

  /** Administrators see everything (undefined); others their own and their managed organisation's. */
  private async audience(principal: Principal): Promise<AlertAudience | undefined> {
    if (principal.isAdmin) return undefined;
    return { userId: principal.userId, organizationId: await this.managedOrganizationOf(principal.userId) };
  }

  /** Records the alert unless one with its key is still unresolved; the new alert, or undefined. */
  async raise(alert: RaisedAlert): Promise<AlertView | undefined> {
    const row = await this.store({
      alertType: alert.alertType,
      severity: alert.severity,
      message: alert.message,
      details: alert.details,
      userId: alert.userId ?? null,
      organizationId: alert.organizationId ?? null,
      dedupeKey: alert.dedupeKey,
    }, { actorId: null });
    return row && toView(row);
  }

  /** Stores an alert with its audit entry; one whose key an unresolved alert holds is not stored, and changes nothing. */
  private store(alert: NewAlert, actor: AuditActor): Promise<AlertRow | undefined> {
    return this.alerts.transaction(async (tx) => {
      const { dedupeKey } = alert;
      const created = dedupeKey ? await this.alerts.createUnlessOpen({ ...alert, dedupeKey }, tx) : await this.alerts.create(alert, tx);
      if (created) {
        // Type and severity only: the message and details are free text.
        await this.audit.append({
          ...actor, entity: 'alert', action: 'create', resourceId: created.id, organizationId: created.organizationId,
          payload: { alert_type: created.alertType, severity: created.severity, ...(dedupeKey ? { dedupe_key: dedupeKey } : {}) },
        }, tx);
      }
      return created;
    });
  }
}

function concerns(alert: AlertRow, audience: AlertAudience | undefined): boolean {
  if (!audience) return true;
  return alert.userId === audience.userId || (audience.organizationId !== undefined && alert.organizationId === audience.organizationId);
}

/** Raises each crossed quota threshold as an alert about the organisation; once per quota, threshold and period. */
export function quotaAlertSink(alerts: AlertSink): QuotaAlertSink {
  return {
    async thresholdCrossed(event) {
      const percent = Math.round(event.threshold * 100);
      await alerts.raise({
        alertType: `quota_${event.resourceType}`,
        severity: event.threshold >= 1 ? 'critical' : event.threshold >= 0.9 ? 'high' : 'medium',
        message: `Quota ${event.resourceType} of organization ${event.organizationId} reached ${percent}% (${event.used} of ${event.limit})`,
        details: {
          threshold: event.threshold,
          current_value: event.limit > 0 ? event.used / event.limit : null,
          used: event.used,
          limit: event.limit,
          quota_id: event.quotaId,
          period_start: event.periodStart.toISOString(),
        },
        organizationId: event.organizationId,
        dedupeKey: `quota:${event.quotaId}:${event.threshold}:${event.periodStart.toISOString()}`,
      });
    },
  };
}
