import type { MonitoringRepository } from '../db/repositories/monitoring.ts';
import type { AlertSink, AlertView } from '../services/alerts.ts';

export interface AlertRuleSettings {
  /** How often the rules run in the cluster. */
  intervalMs: number;
  /** The trailing window each rule looks at. */
  windowMinutes: number;
  /** Fewer runs, calls or requests than this in the window say nothing. */
  minSamples: number;
  /** Share of finished runs that failed (0–1) at or above which an alert is raised. */
  workflowFailureRate: number;
  /** Share of a provider's calls that failed (0–1) at or above which an alert is raised. */
  llmErrorRate: number;
  /** API 95th-percentile latency (ms) at or above which an alert is raised. */
  apiP95Ms: number;
  /** Request records older than this are deleted. */
  requestRetentionDays: number;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/**
 * Installation-wide rules over the stored records; each raises its alert (for administrators) once until it is
 * resolved. `tick` is their periodic pass (a ClusterSchedule runs it every `intervalMs`); `evaluate` runs them now.
 */
export class AlertRules {
  constructor(
    private readonly records: MonitoringRepository,
    private readonly alerts: AlertSink,
    private readonly settings: AlertRuleSettings,
  ) {}

  /** Runs every rule over the window ending `now`; the alerts raised. */
  async evaluate(now = new Date()): Promise<AlertView[]> {
    const { windowMinutes, minSamples } = this.settings;
    const since = new Date(now.getTime() - windowMinutes * 60_000);
    const raised: Array<AlertView | undefined> = [];

    const runs = await this.records.runOutcomesSince(since);
    const failureRate = runs.finished > 0 ? runs.failed / runs.finished : 0;
    if (runs.finished >= minSamples && failureRate >= this.settings.workflowFailureRate) {
      raised.push(await this.alerts.raise({
        alertType: 'workflow_failure_rate',
        severity: 'high',
        message: `${runs.failed} of ${runs.finished} workflow runs failed in the last ${windowMinutes} minutes`,
        details: { threshold: this.settings.workflowFailureRate, current_value: round(failureRate, 4), failed: runs.failed, finished: runs.finished, window_minutes: windowMinutes },
        dedupeKey: 'workflow_failure_rate',
      }));
    }

    for (const provider of await this.records.callOutcomesSince(since)) {
      const errorRate = provider.errors / provider.calls;
      if (provider.calls < minSamples || errorRate < this.settings.llmErrorRate) continue;
      raised.push(await this.alerts.raise({
        alertType: 'llm_error_rate',
        severity: 'high',
        message: `${provider.errors} of ${provider.calls} calls to ${provider.provider} failed in the last ${windowMinutes} minutes`,
        details: { provider: provider.provider, threshold: this.settings.llmErrorRate, current_value: round(errorRate, 4), errors: provider.errors, calls: provider.calls, window_minutes: windowMinutes },
        dedupeKey: `llm_error_rate:${provider.provider}`,
      }));
    }

    const requests = await this.records.requestsSince(since);
    if (requests.requests >= minSamples && requests.p95Ms !== null && requests.p95Ms >= this.settings.apiP95Ms) {
      raised.push(await this.alerts.raise({
        alertType: 'api_p95_latency',
        severity: 'medium',
        message: `API p95 latency was ${Math.round(requests.p95Ms)} ms over the last ${windowMinutes} minutes`,
        details: { threshold: this.settings.apiP95Ms, current_value: round(requests.p95Ms, 3), requests: requests.requests, window_minutes: windowMinutes },
        dedupeKey: 'api_p95_latency',
      }));
    }
    return raised.filter((alert) => alert !== undefined);
  }

  /** One periodic pass: the rules, then request records past their retention. */
  async tick(now = new Date()): Promise<void> {
    await this.evaluate(now);
    await this.records.deleteRequestsBefore(new Date(now.getTime() - this.settings.requestRetentionDays * 86_400_000));
  }
}
