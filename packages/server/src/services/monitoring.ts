import type { MonitoringRepository, MonitoringScope } from '../db/repositories/monitoring.ts';
import { STAGES } from '@resoftai/engine';
import type { HostMetrics } from '../monitoring/host-metrics.ts';
import type { LiveConnections } from '../monitoring/live-connections.ts';
import type { RequestLog } from '../monitoring/request-log.ts';
import type { AlertService } from './alerts.ts';
import { assertAdmin, type Principal } from './principal.ts';
import type { ProjectAccess } from './project-access.ts';

export interface DashboardView {
  active_workflows: number;
  success_rate: number | null;
  avg_completion_time_seconds: number | null;
  total_tokens_used_today: number;
  cache_hit_rate: number | null;
  active_alerts: number;
  timestamp: string;
}

export interface WorkflowStatsView {
  total: number;
  successful: number;
  failed: number;
  avg_tokens: number | null;
  avg_completion_time_seconds: number | null;
  cache_hit_rate: number | null;
  stage_timings: Record<string, number | null>;
  failures_by_stage: Record<string, number>;
  recent_failures: Array<{ project_id: number; workflow_id: string; stage: string | null; agent: string | null; error_code: string | null; error_message: string | null; failed_at: string }>;
  /** Every UTC day of the period, oldest first, with the finished runs started that day (zeros when none). */
  by_day: Array<{ date: string; total: number; successful: number; failed: number }>;
}

// How many of the newest failed runs the stats list with their reason.
const RECENT_FAILURES = 10;

export interface AgentsSummaryView {
  agents: Array<{
    agent_name: string;
    total_executions: number;
    successful_executions: number;
    failed_executions: number;
    avg_execution_time_seconds: number | null;
    avg_tokens_used: number | null;
    cache_hit_rate: number | null;
  }>;
  period_start: string;
  period_end: string;
}

export interface SystemMetricsView {
  cpu_usage_percent: number;
  memory_usage_percent: number;
  disk_usage_percent: number;
  active_connections: number;
  requests_per_minute: number;
  timestamp: string;
}

export interface LlmUsageView {
  total_tokens: number;
  total_cost: number;
  by_provider: Array<{ provider: string; tokens: number; cost: number; percentage: number }>;
  by_project: Array<{ project_id: number; project_name: string | null; tokens: number; cost: number }>;
  /** Every UTC day of the period, oldest first, with its model calls' tokens and cost (zeros when none). */
  by_day: Array<{ date: string; tokens: number; cost: number }>;
  period_start: string;
  period_end: string;
}

/** The dashboard's success rate, completion time and cache hit rate cover this many days. */
export const DASHBOARD_DAYS = 7;
const DAY_MS = 86_400_000;

const daysBefore = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);
const startOfUtcDay = (now: Date): Date => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

/** Each UTC day (`YYYY-MM-DD`) from the one `from` falls in to the one `to` falls in, both included. */
function utcDays(from: Date, to: Date): string[] {
  const days: string[] = [];
  for (let day = startOfUtcDay(from); day <= to; day = new Date(day.getTime() + DAY_MS)) days.push(day.toISOString().slice(0, 10));
  return days;
}

/** One entry per day of the period, viewed from that day's stored figures (undefined on a day without any). */
function everyDay<T extends { date: string }, V>(from: Date, to: Date, rows: readonly T[], view: (row: T | undefined) => V): Array<{ date: string } & V> {
  const byDate = new Map(rows.map((row) => [row.date, row]));
  return utcDays(from, to).map((date) => ({ date, ...view(byDate.get(date)) }));
}

/** Whose records a caller sees: administrators everyone's, users their own projects and usage. */
const ownerOf = (principal: Principal): number | undefined => (principal.isAdmin ? undefined : principal.userId);

export interface MonitoringServiceDeps {
  records: MonitoringRepository;
  access: ProjectAccess;
  alerts: AlertService;
  host: HostMetrics;
  connections: LiveConnections;
  requests: RequestLog;
}

/** Monitoring figures, each computed from stored records (runs, events, activities, model calls, requests). */
export class MonitoringService {
  constructor(private readonly deps: MonitoringServiceDeps) {}

  async dashboard(principal: Principal, now = new Date()): Promise<DashboardView> {
    const owner = ownerOf(principal);
    const workflows = await this.deps.records.workflowFigures({ ownerId: owner }, daysBefore(now, DASHBOARD_DAYS));
    return {
      active_workflows: workflows.active,
      success_rate: workflows.successRate,
      avg_completion_time_seconds: workflows.avgCompletionSeconds,
      total_tokens_used_today: await this.deps.records.tokensSince(owner, startOfUtcDay(now)),
      cache_hit_rate: workflows.cacheHitRate,
      active_alerts: await this.deps.alerts.countOpen(principal),
      timestamp: now.toISOString(),
    };
  }

  async workflowStats(principal: Principal, filter: { projectId?: number | undefined; days: number }, now = new Date()): Promise<WorkflowStatsView> {
    if (filter.projectId !== undefined) await this.deps.access.require(principal, filter.projectId, 'read');
    const scope: MonitoringScope = { ownerId: ownerOf(principal), projectId: filter.projectId };
    const since = daysBefore(now, filter.days);
    const figures = await this.deps.records.workflowFigures(scope, since);
    const failures = await this.deps.records.runFailures(scope, since, RECENT_FAILURES);
    const daily = await this.deps.records.runsByDay(scope, since);
    return {
      total: figures.successful + figures.failed,
      successful: figures.successful,
      failed: figures.failed,
      avg_tokens: figures.avgTokens,
      avg_completion_time_seconds: figures.avgCompletionSeconds,
      cache_hit_rate: figures.cacheHitRate,
      stage_timings: Object.fromEntries(STAGES.map((stage) => [stage, figures.stageSeconds[stage] ?? null])),
      failures_by_stage: failures.byStage,
      recent_failures: failures.recent.map((failure) => ({
        project_id: failure.projectId,
        workflow_id: failure.workflowId,
        stage: failure.stage,
        agent: failure.agent,
        error_code: failure.errorCode,
        error_message: failure.errorMessage,
        failed_at: failure.failedAt.toISOString(),
      })),
      by_day: everyDay(since, now, daily, (day) => ({
        total: (day?.successful ?? 0) + (day?.failed ?? 0), successful: day?.successful ?? 0, failed: day?.failed ?? 0,
      })),
    };
  }

  async agentsSummary(principal: Principal, days: number, now = new Date()): Promise<AgentsSummaryView> {
    const periodStart = daysBefore(now, days);
    const agents = await this.deps.records.agentFigures({ ownerId: ownerOf(principal) }, periodStart);
    return {
      agents: agents.map((agent) => ({
        agent_name: agent.agentName,
        total_executions: agent.total,
        successful_executions: agent.successful,
        failed_executions: agent.failed,
        avg_execution_time_seconds: agent.avgExecutionSeconds,
        avg_tokens_used: agent.avgTokens,
        cache_hit_rate: agent.cacheHitRate,
      })),
      period_start: periodStart.toISOString(),
      period_end: now.toISOString(),
    };
  }

  /** Host and traffic figures concern the whole installation: administrators only. */
  async systemMetrics(principal: Principal): Promise<SystemMetricsView> {
    assertAdmin(principal);
    await this.deps.requests.flush();
    const now = new Date();
    const { requests } = await this.deps.records.requestsSince(new Date(now.getTime() - 60_000));
    return {
      cpu_usage_percent: this.deps.host.cpuUsagePercent(),
      memory_usage_percent: this.deps.host.memoryUsagePercent(),
      disk_usage_percent: await this.deps.host.diskUsagePercent(),
      active_connections: this.deps.connections.http + this.deps.connections.sockets,
      requests_per_minute: requests,
      timestamp: now.toISOString(),
    };
  }

  async llmUsage(principal: Principal, days: number, now = new Date()): Promise<LlmUsageView> {
    const periodStart = daysBefore(now, days);
    const usage = await this.deps.records.usageFigures(ownerOf(principal), periodStart);
    const daily = await this.deps.records.usageByDay(ownerOf(principal), periodStart);
    return {
      total_tokens: usage.totalTokens,
      total_cost: usage.totalCost,
      by_provider: usage.byProvider,
      by_project: usage.byProject.map((project) => ({ project_id: project.projectId, project_name: project.projectName, tokens: project.tokens, cost: project.cost })),
      by_day: everyDay(periodStart, now, daily, (day) => ({ tokens: day?.tokens ?? 0, cost: day?.cost ?? 0 })),
      period_start: periodStart.toISOString(),
      period_end: now.toISOString(),
    };
  }
}
