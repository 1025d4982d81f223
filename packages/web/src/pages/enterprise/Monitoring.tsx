import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import { STAGES } from '../../api/resources.ts';
import { ErrorBanner, Field, FormError, Loading, ProgressBar } from '../../components/ui.tsx';
import { useAction, useResource } from '../../hooks/resource.ts';
import { useSession } from '../../hooks/session.tsx';
import { type MessageKey, type Translate, useI18n } from '../../i18n.tsx';
import { BarChart, DailyChart, type DailySeries } from './Chart.tsx';
import { isPageRefusal, PageFailure, useAutoRefresh, useFormats } from './shared.tsx';
import './enterprise.css';

const REFRESH_MS = 30_000;
const PERIODS = [7, 30, 90] as const;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
type Severity = (typeof SEVERITIES)[number];
const ALERT_PAGE = 20;

type WorkflowStats = Awaited<ReturnType<typeof api.monitoring.workflowStats>>;
type AgentsSummary = Awaited<ReturnType<typeof api.monitoring.agentsSummary>>;
type LlmUsage = Awaited<ReturnType<typeof api.monitoring.llmUsage>>;

/** A workflow stage in the page's language; a stage this app does not know by its own name. */
const stageName = (stage: string, t: Translate) => ((STAGES as readonly string[]).includes(stage) ? t(`stage.${stage}` as MessageKey) : stage);

/** The monitoring dashboard: every figure from the server, refreshed every 30 s while the tab is visible. */
export function Monitoring() {
  const { t } = useI18n();
  const { user } = useSession();
  const formats = useFormats();
  const [days, setDays] = useState<number>(7);
  const [updatedAt, setUpdatedAt] = useState(() => new Date());
  const overview = useResource(() => api.monitoring.overview(), 'overview');
  const workflows = useResource(() => api.monitoring.workflowStats({ days }), `workflows/${days}`);
  const agents = useResource(() => api.monitoring.agentsSummary({ days }), `agents/${days}`);
  const usage = useResource(() => api.monitoring.llmUsage({ days }), `usage/${days}`);
  const refresh = () => {
    overview.reload();
    workflows.reload();
    agents.reload();
    usage.reload();
    setUpdatedAt(new Date());
  };
  useAutoRefresh(refresh, REFRESH_MS);
  if (isPageRefusal(overview.error)) return <PageFailure error={overview.error} onRetry={overview.reload} />;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('enterprise.monitoring.title')}</h1>
          <p className="muted">{t('enterprise.monitoring.refreshed', { time: formats.time(updatedAt) })}</p>
        </div>
        <div className="toolbar">
          <label htmlFor="monitoring-period">{t('enterprise.monitoring.period')}</label>
          <select id="monitoring-period" value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {PERIODS.map((period) => <option key={period} value={period}>{t('enterprise.monitoring.days', { days: period })}</option>)}
          </select>
          <button type="button" className="button" onClick={refresh}>{t('enterprise.monitoring.refresh')}</button>
        </div>
      </div>
      <ErrorBanner error={overview.error} onRetry={overview.reload} />
      {overview.data ? <Overview data={overview.data} /> : !overview.error && <Loading />}
      <section className="card" aria-labelledby="workflow-stats">
        <h2 id="workflow-stats">{t('enterprise.monitoring.workflows')}</h2>
        <ErrorBanner error={workflows.error} onRetry={workflows.reload} />
        {workflows.data ? <WorkflowSection stats={workflows.data} /> : !workflows.error && <Loading />}
      </section>
      <section className="card" aria-labelledby="agent-performance">
        <h2 id="agent-performance">{t('enterprise.monitoring.agents')}</h2>
        <ErrorBanner error={agents.error} onRetry={agents.reload} />
        {agents.data ? <AgentSection summary={agents.data} /> : !agents.error && <Loading />}
      </section>
      <section className="card" aria-labelledby="llm-usage">
        <h2 id="llm-usage">{t('enterprise.monitoring.llm')}</h2>
        <ErrorBanner error={usage.error} onRetry={usage.reload} />
        {usage.data ? <UsageSection usage={usage.data} /> : !usage.error && <Loading />}
      </section>
      {user?.role === 'admin' && <SystemSection refreshedAt={updatedAt.getTime()} />}
      <AlertsSection refreshedAt={updatedAt.getTime()} onChange={overview.reload} />
    </>
  );
}

function Overview({ data }: { data: Awaited<ReturnType<typeof api.monitoring.overview>> }) {
  const { t } = useI18n();
  const formats = useFormats();
  const seconds = (value: number | null) => (value === null ? '—' : t('enterprise.monitoring.seconds', { value: formats.decimal(value) }));
  const cards: Array<[MessageKey, string]> = [
    ['enterprise.monitoring.activeWorkflows', formats.integer(data.active_workflows)],
    // The server gives this rate in percent (0–100), the cache hit rate as a fraction (0–1).
    ['enterprise.monitoring.successRate', data.success_rate === null ? '—' : `${formats.decimal(data.success_rate)} %`],
    ['enterprise.monitoring.avgCompletion', seconds(data.avg_completion_time_seconds)],
    ['enterprise.monitoring.tokensToday', formats.integer(data.total_tokens_used_today)],
    ['enterprise.monitoring.cacheHitRate', formats.percent(data.cache_hit_rate)],
    ['enterprise.monitoring.activeAlerts', formats.integer(data.active_alerts)],
  ];
  return (
    <dl className="enterprise-cards" aria-label={t('enterprise.monitoring.overview')}>
      {cards.map(([label, value]) => (
        <div className="card enterprise-stat" key={label}>
          <dt>{t(label)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function WorkflowSection({ stats }: { stats: WorkflowStats }) {
  const { t } = useI18n();
  const formats = useFormats();
  const timed = useMemo(() => Object.entries(stats.stage_timings).filter((entry): entry is [string, number] => entry[1] !== null), [stats]);
  const stages = useMemo(() => timed.map(([stage]) => stageName(stage, t)), [timed, t]);
  const stageSeconds = useMemo(() => timed.map(([, seconds]) => seconds), [timed]);
  const failures = Object.entries(stats.failures_by_stage);
  const dates = useMemo(() => stats.by_day.map((day) => day.date), [stats]);
  const daily = useMemo<DailySeries[]>(() => [
    { label: t('enterprise.monitoring.runs'), values: stats.by_day.map((day) => day.total), format: formats.integer },
    { label: t('enterprise.monitoring.successful'), values: stats.by_day.map((day) => day.successful), format: formats.integer },
    { label: t('enterprise.monitoring.failed'), values: stats.by_day.map((day) => day.failed), format: formats.integer },
  ], [stats, t, formats.integer]);
  return (
    <>
      <dl className="verdict">
        <div><dt>{t('enterprise.monitoring.runs')}</dt><dd>{formats.integer(stats.total)}</dd></div>
        <div className="verdict-ok"><dt>{t('enterprise.monitoring.successful')}</dt><dd>{formats.integer(stats.successful)}</dd></div>
        <div className={stats.failed > 0 ? 'verdict-bad' : ''}><dt>{t('enterprise.monitoring.failed')}</dt><dd>{formats.integer(stats.failed)}</dd></div>
        <div><dt>{t('enterprise.monitoring.avgTokens')}</dt><dd>{stats.avg_tokens === null ? '—' : formats.integer(stats.avg_tokens)}</dd></div>
        <div><dt>{t('enterprise.monitoring.avgCompletion')}</dt><dd>{stats.avg_completion_time_seconds === null ? '—' : t('enterprise.monitoring.seconds', { value: formats.decimal(stats.avg_completion_time_seconds) })}</dd></div>
        <div><dt>{t('enterprise.monitoring.cacheHitRate')}</dt><dd>{formats.percent(stats.cache_hit_rate)}</dd></div>
      </dl>
      {stats.total === 0 && <p className="empty">{t('enterprise.monitoring.noRuns')}</p>}
      {stats.total > 0 && <DailyChart title={t('enterprise.monitoring.runsByDay')} dateLabel={t('enterprise.monitoring.date')} dates={dates} series={daily} wholeNumbers />}
      {timed.length > 0 && (
        <BarChart title={t('enterprise.monitoring.stageTimings')} label={t('enterprise.monitoring.avgSeconds')} categories={stages} values={stageSeconds} format={formats.decimal} />
      )}
      {failures.length > 0 && (
        <>
          <h3>{t('enterprise.monitoring.failuresByStage')}</h3>
          <ul className="enterprise-chips">
            {failures.map(([stage, count]) => <li key={stage} className="badge badge-failed">{stage === 'before_any_stage' ? t('enterprise.monitoring.beforeAnyStage') : stageName(stage, t)}: {count}</li>)}
          </ul>
        </>
      )}
      {stats.recent_failures.length > 0 && (
        <table className="table">
          <caption className="enterprise-caption">{t('enterprise.monitoring.recentFailures')}</caption>
          <thead><tr><th>{t('enterprise.monitoring.when')}</th><th>{t('enterprise.monitoring.project')}</th><th>{t('enterprise.monitoring.stage')}</th><th>{t('enterprise.monitoring.reason')}</th></tr></thead>
          <tbody>
            {stats.recent_failures.map((failure) => (
              <tr key={failure.workflow_id}>
                <td>{formats.dateTime(failure.failed_at)}</td>
                <td>#{failure.project_id}</td>
                <td>{failure.stage ? stageName(failure.stage, t) : '—'}{failure.agent && <span className="muted small"> · {failure.agent}</span>}</td>
                <td className="enterprise-wrap">{failure.error_code && <code>{failure.error_code}</code>} {failure.error_message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function AgentSection({ summary }: { summary: AgentsSummary }) {
  const { t } = useI18n();
  const formats = useFormats();
  const names = useMemo(() => summary.agents.map((agent) => agent.agent_name), [summary]);
  const executions = useMemo(() => summary.agents.map((agent) => agent.total_executions), [summary]);
  if (summary.agents.length === 0) return <p className="empty">{t('enterprise.monitoring.noAgents')}</p>;
  return (
    <>
      <BarChart title={t('enterprise.monitoring.executionsByAgent')} label={t('enterprise.monitoring.executions')} categories={names} values={executions} format={formats.integer} wholeNumbers />
      <table className="table">
        <caption className="enterprise-caption">{t('enterprise.monitoring.agentDetails')}</caption>
        <thead>
          <tr>
            <th>{t('enterprise.monitoring.agent')}</th><th>{t('enterprise.monitoring.successful')}</th><th>{t('enterprise.monitoring.failed')}</th>
            <th>{t('enterprise.monitoring.avgSeconds')}</th><th>{t('enterprise.monitoring.avgTokens')}</th><th>{t('enterprise.monitoring.cacheHitRate')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.agents.map((agent) => (
            <tr key={agent.agent_name}>
              <th scope="row">{agent.agent_name}</th>
              <td>{formats.integer(agent.successful_executions)}</td>
              <td>{formats.integer(agent.failed_executions)}</td>
              <td>{agent.avg_execution_time_seconds === null ? '—' : formats.decimal(agent.avg_execution_time_seconds)}</td>
              <td>{agent.avg_tokens_used === null ? '—' : formats.integer(agent.avg_tokens_used)}</td>
              <td>{formats.percent(agent.cache_hit_rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function UsageSection({ usage }: { usage: LlmUsage }) {
  const { t } = useI18n();
  const formats = useFormats();
  const providers = useMemo(() => usage.by_provider.map((row) => row.provider), [usage]);
  const providerTokens = useMemo(() => usage.by_provider.map((row) => row.tokens), [usage]);
  const projectNames = useMemo(() => usage.by_project.map((row) => row.project_name ?? t('enterprise.monitoring.deletedProject', { id: row.project_id })), [usage, t]);
  const projectTokens = useMemo(() => usage.by_project.map((row) => row.tokens), [usage]);
  const dates = useMemo(() => usage.by_day.map((day) => day.date), [usage]);
  const daily = useMemo<DailySeries[]>(() => [
    { label: t('enterprise.monitoring.tokens'), values: usage.by_day.map((day) => day.tokens), format: formats.integer },
    { label: t('enterprise.monitoring.cost'), values: usage.by_day.map((day) => day.cost), format: formats.money, right: true },
  ], [usage, t, formats.integer, formats.money]);
  return (
    <>
      <dl className="verdict">
        <div><dt>{t('enterprise.monitoring.totalTokens')}</dt><dd data-testid="llm-total-tokens">{formats.integer(usage.total_tokens)}</dd></div>
        <div><dt>{t('enterprise.monitoring.totalCost')}</dt><dd>{formats.money(usage.total_cost)}</dd></div>
      </dl>
      {usage.by_provider.length === 0 && <p className="empty">{t('enterprise.monitoring.noUsage')}</p>}
      {usage.by_provider.length > 0 && <DailyChart title={t('enterprise.monitoring.usageByDay')} dateLabel={t('enterprise.monitoring.date')} dates={dates} series={daily} wholeNumbers />}
      {usage.by_provider.length > 0 && (
        <div className="enterprise-pair">
          <div>
            <BarChart title={t('enterprise.monitoring.tokensByProvider')} label={t('enterprise.monitoring.tokens')} categories={providers} values={providerTokens} format={formats.integer} wholeNumbers />
            <table className="table">
              <caption className="enterprise-caption">{t('enterprise.monitoring.costByProvider')}</caption>
              <thead><tr><th>{t('enterprise.monitoring.provider')}</th><th>{t('enterprise.monitoring.cost')}</th><th>{t('enterprise.monitoring.share')}</th></tr></thead>
              <tbody>
                {usage.by_provider.map((row) => <tr key={row.provider}><th scope="row">{row.provider}</th><td>{formats.money(row.cost)}</td><td>{formats.decimal(row.percentage)} %</td></tr>)}
              </tbody>
            </table>
          </div>
          <div>
            <BarChart title={t('enterprise.monitoring.tokensByProject')} label={t('enterprise.monitoring.tokens')} categories={projectNames} values={projectTokens} format={formats.integer} wholeNumbers />
            <table className="table">
              <caption className="enterprise-caption">{t('enterprise.monitoring.costByProject')}</caption>
              <thead><tr><th>{t('enterprise.monitoring.project')}</th><th>{t('enterprise.monitoring.cost')}</th></tr></thead>
              <tbody>
                {usage.by_project.map((row, index) => <tr key={row.project_id}><th scope="row" className="enterprise-wrap">{projectNames[index]}</th><td>{formats.money(row.cost)}</td></tr>)}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </>
  );
}

/** Host figures, administrators only (the server answers 403 to anyone else). */
function SystemSection({ refreshedAt }: { refreshedAt: number }) {
  const { t } = useI18n();
  const formats = useFormats();
  const metrics = useResource(() => api.monitoring.systemMetrics(), `system/${refreshedAt}`);
  const gauges: Array<[MessageKey, number]> = metrics.data
    ? [['enterprise.monitoring.cpu', metrics.data.cpu_usage_percent], ['enterprise.monitoring.memory', metrics.data.memory_usage_percent], ['enterprise.monitoring.disk', metrics.data.disk_usage_percent]]
    : [];
  return (
    <section className="card" aria-labelledby="system-metrics">
      <h2 id="system-metrics">{t('enterprise.monitoring.system')}</h2>
      {metrics.error?.status === 403 ? <p className="muted">{t('enterprise.monitoring.systemForbidden')}</p> : <ErrorBanner error={metrics.error} onRetry={metrics.reload} />}
      {!metrics.data && !metrics.error && <Loading />}
      {metrics.data && (
        <>
          <div className="enterprise-gauges">
            {gauges.map(([label, value]) => (
              <div key={label}>
                <p className="enterprise-gauge-label"><span>{t(label)}</span><strong>{formats.decimal(value)} %</strong></p>
                <ProgressBar value={value} label={t(label)} />
              </div>
            ))}
          </div>
          <dl className="verdict">
            <div><dt>{t('enterprise.monitoring.connections')}</dt><dd>{formats.integer(metrics.data.active_connections)}</dd></div>
            <div><dt>{t('enterprise.monitoring.requestsPerMinute')}</dt><dd>{formats.integer(metrics.data.requests_per_minute)}</dd></div>
          </dl>
        </>
      )}
    </section>
  );
}

type AlertFilter = 'open' | 'resolved' | 'all';

function AlertsSection({ refreshedAt, onChange }: { refreshedAt: number; onChange: () => void }) {
  const { t } = useI18n();
  const formats = useFormats();
  const [filter, setFilter] = useState<AlertFilter>('open');
  const [page, setPage] = useState(1);
  const list = useResource(
    () => api.monitoring.alerts({ is_resolved: filter === 'all' ? undefined : filter === 'resolved' ? 'true' : 'false', skip: (page - 1) * ALERT_PAGE, limit: ALERT_PAGE }),
    `alerts/${filter}/${page}/${refreshedAt}`,
  );
  const resolve = useAction(async (id: number) => {
    await api.monitoring.resolveAlert(id);
    list.reload();
    onChange();
  });
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / ALERT_PAGE));
  return (
    <section className="card" aria-labelledby="alerts">
      <div className="card-head">
        <h2 id="alerts">{t('enterprise.alerts.title')}</h2>
        <div className="toggle" role="group" aria-label={t('enterprise.alerts.filter')}>
          {(['open', 'resolved', 'all'] as const).map((value) => (
            <button key={value} type="button" className="button button-small" aria-pressed={filter === value} onClick={() => { setFilter(value); setPage(1); }}>
              {t(`enterprise.alerts.${value}`)}
            </button>
          ))}
        </div>
      </div>
      <ErrorBanner error={list.error ?? resolve.error} onRetry={list.reload} />
      {!list.data && !list.error && <Loading />}
      {list.data?.items.length === 0 && <p className="empty">{t('enterprise.alerts.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <table className="table">
          <thead><tr><th>{t('enterprise.alerts.severity')}</th><th>{t('enterprise.alerts.type')}</th><th>{t('enterprise.alerts.message')}</th><th>{t('enterprise.alerts.created')}</th><th><span className="sr-only">{t('enterprise.alerts.resolve')}</span></th></tr></thead>
          <tbody>
            {list.data.items.map((alert) => (
              <tr key={alert.id}>
                <td><span className={`badge enterprise-severity-${alert.severity}`}>{t(`enterprise.severity.${alert.severity}`)}</span></td>
                <td className="mono small">{alert.alert_type}</td>
                <td className="enterprise-wrap">{alert.message}</td>
                <td>{formats.dateTime(alert.created_at)}</td>
                <td>
                  {alert.is_resolved
                    ? <span className="muted small">{t('enterprise.alerts.resolvedAt', { time: alert.resolved_at ? formats.dateTime(alert.resolved_at) : '—' })}</span>
                    : <button type="button" className="button button-small" disabled={resolve.busy} aria-label={t('enterprise.alerts.resolveOne', { message: alert.message })} onClick={() => void resolve.run(alert.id)}>{t('enterprise.alerts.resolve')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <div className="pager">
          <button type="button" className="button button-small" disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('common.previous')}</button>
          <span className="muted">{t('projects.page', { page, pages })}</span>
          <button type="button" className="button button-small" disabled={page >= pages} onClick={() => setPage(page + 1)}>{t('common.next')}</button>
        </div>
      )}
      <NewAlert onCreated={() => { list.reload(); onChange(); }} />
    </section>
  );
}

function NewAlert({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const [alertType, setAlertType] = useState('');
  const [severity, setSeverity] = useState<Severity>('medium');
  const [message, setMessage] = useState('');
  const create = useAction(async () => {
    await api.monitoring.createAlert({ alert_type: alertType, severity, message, details: {} });
    setAlertType('');
    setMessage('');
    onCreated();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  return (
    <form className="form enterprise-subform" onSubmit={submit} noValidate aria-labelledby="new-alert">
      <h3 id="new-alert">{t('enterprise.alerts.new')}</h3>
      <div className="field-row">
        <Field label={t('enterprise.alerts.type')} name="alert_type" error={create.error} hint={t('enterprise.alerts.typeHint')}>
          {(props) => <input {...props} value={alertType} onChange={(event) => setAlertType(event.target.value)} maxLength={100} required />}
        </Field>
        <Field label={t('enterprise.alerts.severity')} name="severity" error={create.error}>
          {(props) => (
            <select {...props} value={severity} onChange={(event) => setSeverity(event.target.value as Severity)}>
              {SEVERITIES.map((value) => <option key={value} value={value}>{t(`enterprise.severity.${value}`)}</option>)}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('enterprise.alerts.message')} name="message" error={create.error}>
        {(props) => <textarea {...props} rows={2} value={message} onChange={(event) => setMessage(event.target.value)} maxLength={2000} required />}
      </Field>
      <FormError error={create.error} />
      <div className="actions"><button type="submit" className="button button-primary" disabled={create.busy}>{t('enterprise.alerts.create')}</button></div>
    </form>
  );
}
