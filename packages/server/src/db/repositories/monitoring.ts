import { lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { STAGES } from '@resoftai/engine';
import { httpRequests } from '../schema/index.ts';

/** Whose records a figure covers: one owner's projects and usage (undefined: everyone's), optionally one project. */
export interface MonitoringScope {
  ownerId?: number | undefined;
  projectId?: number | undefined;
}

export interface WorkflowFigures {
  active: number;
  successful: number;
  failed: number;
  successRate: number | null;
  avgTokens: number | null;
  avgCompletionSeconds: number | null;
  cacheHitRate: number | null;
  stageSeconds: Record<string, number>;
}

export interface RunFailureRow {
  projectId: number;
  workflowId: string;
  stage: string | null;
  agent: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  failedAt: Date;
}

export interface AgentFigures {
  agentName: string;
  total: number;
  successful: number;
  failed: number;
  avgExecutionSeconds: number | null;
  avgTokens: number | null;
  cacheHitRate: number | null;
}

export interface UsageFigures {
  totalTokens: number;
  totalCost: number;
  byProvider: Array<{ provider: string; tokens: number; cost: number; percentage: number }>;
  byProject: Array<{ projectId: number; projectName: string | null; tokens: number; cost: number }>;
}

/** Figures of one UTC day (`YYYY-MM-DD`); days without records have no row. */
export interface DailyUsage {
  date: string;
  tokens: number;
  cost: number;
}

export interface DailyRuns {
  date: string;
  successful: number;
  failed: number;
}

export type NewHttpRequest = typeof httpRequests.$inferInsert;

const workflowStages = sql.join(STAGES.map((stage) => sql`${stage}`), sql`, `);
const at = (time: Date): SQL => sql`${time.toISOString()}::timestamptz`;
const utcDay = (time: SQL): SQL => sql`to_char(${time} at time zone 'UTC', 'YYYY-MM-DD')`;
const projectScope = (scope: MonitoringScope, projectId: SQL): SQL => sql.join([
  scope.ownerId === undefined ? sql`true` : sql`${projectId} in (select id from projects where user_id = ${scope.ownerId})`,
  scope.projectId === undefined ? sql`true` : sql`${projectId} = ${scope.projectId}`,
], sql` and `);

/**
 * Each workflow run started since `since` with the instant the project's next run started (a later run, so also in
 * the window): a model call or stage event belongs to the run of its project that started last before it (one
 * project runs one workflow at a time).
 */
const scopedRuns = (scope: MonitoringScope, since: Date): SQL => sql`
  select r.id, r.project_id, r.status, r.started_at, r.completed_at,
         lead(r.started_at) over (partition by r.project_id order by r.started_at, r.id) as next_started_at
  from workflow_runs r where r.started_at >= ${at(since)} and ${projectScope(scope, sql`r.project_id`)}`;
const inRun = (time: SQL): SQL => sql`${time} >= runs.started_at and (runs.next_started_at is null or ${time} < runs.next_started_at)`;

/** Aggregates over workflow runs, agent activities, model calls and stored request records; rounding happens here. */
export class MonitoringRepository {
  constructor(private readonly db: Db) {}

  private async rows<T>(query: SQL): Promise<T[]> {
    return ((await this.db.execute(query)) as unknown as { rows: T[] }).rows;
  }

  /** Runs started since `since` in scope: outcomes, tokens and duration per run, cache hits and stage durations. */
  async workflowFigures(scope: MonitoringScope, since: Date): Promise<WorkflowFigures> {
    const [runs] = await this.rows<Omit<WorkflowFigures, 'stageSeconds' | 'cacheHitRate'>>(sql`
      with runs as (${scopedRuns(scope, since)}),
      run_tokens as (
        select runs.id, coalesce(sum(u.prompt_tokens + u.completion_tokens), 0) as tokens
        from runs left join llm_usage u
          on u.project_id = runs.project_id and u.stage in (${workflowStages}) and ${inRun(sql`u.created_at`)}
        where runs.status in ('completed', 'failed') group by runs.id
      )
      select
        (select count(*) from workflow_runs r where r.status = 'running' and ${projectScope(scope, sql`r.project_id`)})::int as "active",
        count(*) filter (where status = 'completed')::int as "successful",
        count(*) filter (where status = 'failed')::int as "failed",
        round(100.0 * count(*) filter (where status = 'completed') / nullif(count(*) filter (where status in ('completed', 'failed')), 0), 2)::float8 as "successRate",
        (select round(avg(tokens), 2)::float8 from run_tokens) as "avgTokens",
        round(avg(extract(epoch from completed_at - started_at)) filter (where status = 'completed'), 3)::float8 as "avgCompletionSeconds"
      from runs`);
    const [cache] = await this.rows<{ cacheHitRate: number | null }>(sql`
      with runs as (${scopedRuns(scope, since)})
      select round(count(*) filter (where u.cached)::numeric / nullif(count(*), 0), 4)::float8 as "cacheHitRate"
      from runs join llm_usage u on u.project_id = runs.project_id and u.stage in (${workflowStages}) and ${inRun(sql`u.created_at`)}
      where u.status = 'success'`);
    const stages = await this.rows<{ stage: string; seconds: number }>(sql`
      with runs as (${scopedRuns(scope, since)})
      select e.payload->>'stage' as stage, round(avg((e.payload->>'duration_seconds')::numeric), 3)::float8 as seconds
      from runs join workflow_events e on e.project_id = runs.project_id and e.type = 'stage_completed' and ${inRun(sql`e.created_at`)}
      group by 1`);
    return { ...runs!, cacheHitRate: cache!.cacheHitRate, stageSeconds: Object.fromEntries(stages.map((row) => [row.stage, row.seconds])) };
  }

  /** Failed runs started since `since` in scope: how many per stage, and the newest `limit` with their reason. */
  async runFailures(scope: MonitoringScope, since: Date, limit: number): Promise<{ byStage: Record<string, number>; recent: RunFailureRow[] }> {
    const failed = sql`r.status = 'failed' and r.started_at >= ${at(since)} and ${projectScope(scope, sql`r.project_id`)}`;
    const stages = await this.rows<{ stage: string; failures: number }>(sql`
      select coalesce(r.failed_stage, 'before_any_stage') as stage, count(*)::int as failures from workflow_runs r where ${failed} group by 1`);
    const recent = await this.rows<Omit<RunFailureRow, 'failedAt'> & { failedAt: string | Date }>(sql`
      select r.project_id as "projectId", r.workflow_id as "workflowId", r.failed_stage as stage, r.failed_agent as agent,
        r.error_code as "errorCode", r.error as "errorMessage", coalesce(r.stopped_at, r.started_at) as "failedAt"
      from workflow_runs r where ${failed} order by r.id desc limit ${limit}`);
    return {
      byStage: Object.fromEntries(stages.map((row) => [row.stage, row.failures])),
      recent: recent.map((row) => ({ ...row, failedAt: new Date(row.failedAt) })),
    };
  }

  /** Agent activities started since `since` by agent, with the cache hits of the agents' model calls. */
  async agentFigures(scope: MonitoringScope, since: Date): Promise<AgentFigures[]> {
    return this.rows<AgentFigures>(sql`
      with calls as (
        select agent, round(count(*) filter (where cached)::numeric / count(*), 4)::float8 as rate
        from llm_usage
        where created_at >= ${at(since)} and status = 'success' and agent is not null and stage in (${workflowStages})
          and ${projectScope(scope, sql`project_id`)}
        group by agent
      )
      select a.agent_name as "agentName", count(*)::int as "total",
        count(*) filter (where a.status = 'completed')::int as "successful",
        count(*) filter (where a.status = 'failed')::int as "failed",
        round(avg(a.execution_time_seconds)::numeric, 3)::float8 as "avgExecutionSeconds",
        round(avg(a.tokens_used), 2)::float8 as "avgTokens",
        (select rate from calls where calls.agent = a.agent_name) as "cacheHitRate"
      from agent_activities a
      where a.started_at >= ${at(since)} and ${projectScope(scope, sql`a.project_id`)}
      group by a.agent_name order by a.agent_name`);
  }

  /** Model calls since `since` paid by `ownerId` (everyone's when undefined): tokens and cost by provider and project. */
  async usageFigures(ownerId: number | undefined, since: Date): Promise<UsageFigures> {
    const where = sql`created_at >= ${at(since)} and ${ownerId === undefined ? sql`true` : sql`user_id = ${ownerId}`}`;
    const [totals] = await this.rows<{ totalTokens: number; totalCost: number }>(sql`
      select coalesce(sum(prompt_tokens + completion_tokens), 0)::float8 as "totalTokens", coalesce(round(sum(cost_usd), 6), 0)::float8 as "totalCost"
      from llm_usage where ${where}`);
    const byProvider = await this.rows<UsageFigures['byProvider'][number]>(sql`
      select provider, sum(prompt_tokens + completion_tokens)::float8 as tokens, round(sum(cost_usd), 6)::float8 as cost,
        coalesce(round(100.0 * sum(prompt_tokens + completion_tokens) / nullif(sum(sum(prompt_tokens + completion_tokens)) over (), 0), 2), 0)::float8 as percentage
      from llm_usage where ${where} group by provider order by tokens desc, provider`);
    const byProject = await this.rows<UsageFigures['byProject'][number]>(sql`
      select u.project_id as "projectId", p.name as "projectName", sum(u.prompt_tokens + u.completion_tokens)::float8 as tokens, round(sum(u.cost_usd), 6)::float8 as cost
      from (select * from llm_usage where ${where} and project_id is not null) u left join projects p on p.id = u.project_id
      group by u.project_id, p.name order by tokens desc, u.project_id`);
    return { ...totals!, byProvider, byProject };
  }

  /** Model calls since `since` paid by `ownerId` (everyone's when undefined): tokens and cost by UTC day, oldest first. */
  async usageByDay(ownerId: number | undefined, since: Date): Promise<DailyUsage[]> {
    return this.rows<DailyUsage>(sql`
      select ${utcDay(sql`created_at`)} as date, sum(prompt_tokens + completion_tokens)::float8 as tokens, round(sum(cost_usd), 6)::float8 as cost
      from llm_usage where created_at >= ${at(since)} and ${ownerId === undefined ? sql`true` : sql`user_id = ${ownerId}`}
      group by 1 order by 1`);
  }

  /** Finished runs started since `since` in scope, by the UTC day they started, oldest first. */
  async runsByDay(scope: MonitoringScope, since: Date): Promise<DailyRuns[]> {
    return this.rows<DailyRuns>(sql`
      select ${utcDay(sql`r.started_at`)} as date,
        count(*) filter (where r.status = 'completed')::int as successful, count(*) filter (where r.status = 'failed')::int as failed
      from workflow_runs r where r.started_at >= ${at(since)} and r.status in ('completed', 'failed') and ${projectScope(scope, sql`r.project_id`)}
      group by 1 order by 1`);
  }

  /** Tokens of model calls since `since` paid by `ownerId` (everyone's when undefined). */
  async tokensSince(ownerId: number | undefined, since: Date): Promise<number> {
    const [row] = await this.rows<{ tokens: number }>(sql`
      select coalesce(sum(prompt_tokens + completion_tokens), 0)::float8 as tokens from llm_usage
      where created_at >= ${at(since)} and ${ownerId === undefined ? sql`true` : sql`user_id = ${ownerId}`}`);
    return row!.tokens;
  }

  /** Runs that ended since `since`: how many finished and how many of those failed. */
  async runOutcomesSince(since: Date): Promise<{ finished: number; failed: number }> {
    const [row] = await this.rows<{ finished: number; failed: number }>(sql`
      select count(*)::int as finished, count(*) filter (where status = 'failed')::int as failed from workflow_runs
      where status in ('completed', 'failed') and coalesce(completed_at, stopped_at) >= ${at(since)}`);
    return row!;
  }

  /** Model calls since `since` that succeeded or failed (cancelled ones aside), by provider. */
  async callOutcomesSince(since: Date): Promise<Array<{ provider: string; calls: number; errors: number }>> {
    return this.rows(sql`
      select provider, count(*)::int as calls, count(*) filter (where status = 'error')::int as errors from llm_usage
      where created_at >= ${at(since)} and status in ('success', 'error') group by provider order by provider`);
  }

  /** Inserts a batch as one JSON parameter: several times cheaper than one bind parameter per value on PGlite. */
  async insertRequests(rows: NewHttpRequest[]): Promise<void> {
    if (rows.length === 0) return;
    const records = rows.map((row) => ({
      received_at: row.receivedAt.toISOString(), method: row.method, route: row.route ?? null,
      status_code: row.statusCode, duration_ms: row.durationMs, user_id: row.userId ?? null,
    }));
    await this.db.execute(sql`
      insert into http_requests (received_at, method, route, status_code, duration_ms, user_id)
      select received_at, method, route, status_code, duration_ms, user_id
      from json_to_recordset(${JSON.stringify(records)}::json)
        as r(received_at timestamptz, method text, route text, status_code smallint, duration_ms float8, user_id int)`);
  }

  /** Requests received since `since` and the 95th percentile of their durations (continuous, in ms). */
  async requestsSince(since: Date): Promise<{ requests: number; p95Ms: number | null }> {
    const [row] = await this.rows<{ requests: number; p95Ms: number | null }>(sql`
      select count(*)::int as requests, percentile_cont(0.95) within group (order by duration_ms) as "p95Ms"
      from http_requests where received_at >= ${at(since)}`);
    return row!;
  }

  async deleteRequestsBefore(before: Date): Promise<void> {
    await this.db.delete(httpRequests).where(lt(httpRequests.receivedAt, before));
  }
}
