import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { scriptedProject } from '@resoftai/engine/testing';
import { startFakeProviderServer, type FakeProviderServer, type FakeResponder } from '@resoftai/llm/testing';
import { io } from 'socket.io-client';
import { buildApp } from '../src/app.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { createTestApp, createUser, queryRows, testConfig, type TestApp, type TestUser } from './support.ts';
import { call, createFakeLlmConfig, createProject } from './workflow-support.ts';

const RULES = { intervalMs: 3_600_000, windowMinutes: 60, minSamples: 1, workflowFailureRate: 0.2, llmErrorRate: 0.01, apiP95Ms: 1000, requestRetentionDays: 30 };

let t: TestApp;
let fake: FakeProviderServer;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;
const projects: Record<'cached' | 'failing' | 'bobs', number> = { cached: 0, failing: 0, bobs: 0 };

const api = (user: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown) => call(t.app, user.accessToken, method, url, payload);
const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.database, query);

async function run(user: TestUser, projectId: number, responder: FakeResponder): Promise<void> {
  fake.respondWith(responder);
  const started = await api(user, 'POST', `/api/projects/${projectId}/execute`);
  assert.equal(started.status, 200, JSON.stringify(started.body));
  await t.app.services.workflows.settled(projectId);
}

before(async () => {
  [t, fake] = await Promise.all([createTestApp({ monitoring: { rules: RULES, metricsToken: undefined } }), startFakeProviderServer()]);
  admin = await createUser(t.app);
  alice = await createUser(t.app);
  bob = await createUser(t.app);
  await createFakeLlmConfig(t.app, alice.accessToken, fake);
  await createFakeLlmConfig(t.app, bob.accessToken, fake);
  // Alice: one project run twice with the response cache (the second run is answered from it), one that fails.
  projects.cached = await createProject(t.app, alice.accessToken, { enable_cache: true });
  await run(alice, projects.cached, scriptedProject({ modules: 2 }));
  await run(alice, projects.cached, scriptedProject({ modules: 2 }));
  projects.failing = await createProject(t.app, alice.accessToken);
  await run(alice, projects.failing, scriptedProject({ modules: 2, override: (agent) => (agent === 'DeveloperAgent' ? { status: 400, errorMessage: 'bad request' } : undefined) }));
  projects.bobs = await createProject(t.app, bob.accessToken);
  await run(bob, projects.bobs, scriptedProject({ modules: 1 }));
});
after(async () => {
  await t.close();
  await fake.close();
});

/** The runs of `owner`'s projects (everyone's when null), each with the interval it ran in. */
const runsOf = (owner: number | null) => sql`
  select r.* , coalesce(r.completed_at, r.stopped_at) as ended_at from workflow_runs r join projects p on p.id = r.project_id
  where ${owner === null ? sql`true` : sql`p.user_id = ${owner}`}`;

/** The UTC dates (`YYYY-MM-DD`) of a period of `days` days ending now, oldest first: the first one partly covered. */
function periodDates(days: number): string[] {
  const now = Date.now();
  const dates: string[] = [];
  for (let day = days; day >= 0; day--) dates.push(new Date(now - day * 86_400_000).toISOString().slice(0, 10));
  return dates;
}

/** Per-day figures zero-filled over every date of the period. */
function zeroFilled<T extends { date: string }>(dates: string[], found: T[], zero: Omit<T, 'date'>): T[] {
  return dates.map((date) => found.find((row) => row.date === date) ?? ({ date, ...zero } as T));
}

/** Workflow figures computed independently: each call, event and duration placed by its run's start and end. */
async function expectedWorkflowStats(owner: number | null) {
  const [figures] = await rows<{ successful: number; failed: number; avg_tokens: number | null; avg_completion_time_seconds: number | null; cache_hit_rate: number | null }>(sql`
    with r as (${runsOf(owner)}),
    tokens as (select r.id, r.status, (select coalesce(sum(u.prompt_tokens + u.completion_tokens), 0) from llm_usage u
      where u.project_id = r.project_id and u.created_at between r.started_at and r.ended_at) as tokens from r)
    select
      (select count(*) from r where status = 'completed')::int as successful,
      (select count(*) from r where status = 'failed')::int as failed,
      (select round(avg(tokens), 2)::float8 from tokens where status in ('completed', 'failed')) as avg_tokens,
      (select round(avg(extract(epoch from completed_at - started_at)), 3)::float8 from r where status = 'completed') as avg_completion_time_seconds,
      (select round(count(*) filter (where u.cached)::numeric / count(*), 4)::float8 from r join llm_usage u
        on u.project_id = r.project_id and u.created_at between r.started_at and r.ended_at where u.status = 'success') as cache_hit_rate`);
  const stages = await rows<{ stage: string; seconds: number }>(sql`
    with r as (${runsOf(owner)})
    select e.payload->>'stage' as stage, round(avg((e.payload->>'duration_seconds')::numeric), 3)::float8 as seconds
    from r join workflow_events e on e.project_id = r.project_id and e.created_at between r.started_at and r.ended_at
    where e.type = 'stage_completed' group by 1`);
  const stageTimings: Record<string, number | null> = Object.fromEntries(
    ['requirements_analysis', 'architecture_design', 'ui_design', 'development', 'testing', 'qa_review', 'completion'].map((stage) => [stage, null]),
  );
  for (const { stage, seconds } of stages) stageTimings[stage] = seconds;
  // Failures as their workflow_failed events told them, newest first.
  const failures = await rows<{ project_id: number; workflow_id: string; stage: string | null; agent: string | null; error_code: string; error_message: string }>(sql`
    with r as (${runsOf(owner)})
    select r.project_id, r.workflow_id, e.payload->>'stage' as stage, e.payload->>'agent' as agent, e.payload->>'error_code' as error_code, e.payload->>'error_message' as error_message
    from r join workflow_events e on e.project_id = r.project_id and e.type = 'workflow_failed' and e.payload->>'workflow_id' = r.workflow_id
    order by r.id desc`);
  const failuresByStage: Record<string, number> = {};
  for (const failure of failures) failuresByStage[failure.stage ?? 'before_any_stage'] = (failuresByStage[failure.stage ?? 'before_any_stage'] ?? 0) + 1;
  const days = await rows<{ date: string; total: number; successful: number; failed: number }>(sql`
    with r as (${runsOf(owner)})
    select to_char(started_at at time zone 'UTC', 'YYYY-MM-DD') as date, count(*)::int as total,
      count(*) filter (where status = 'completed')::int as successful, count(*) filter (where status = 'failed')::int as failed
    from r where status in ('completed', 'failed') group by 1`);
  const byDay = zeroFilled(periodDates(7), days, { total: 0, successful: 0, failed: 0 });
  return { total: figures!.successful + figures!.failed, ...figures!, stage_timings: stageTimings, failures_by_stage: failuresByStage, recent_failures: failures, by_day: byDay };
}

/** The stats as served, without the failure times (the run's end, which the events do not carry). */
function withoutFailureTimes(stats: { recent_failures: Array<{ failed_at: string }> }) {
  for (const failure of stats.recent_failures) assert.ok(!Number.isNaN(Date.parse(failure.failed_at)));
  return { ...stats, recent_failures: stats.recent_failures.map(({ failed_at: _failedAt, ...rest }) => rest) };
}

describe('figures after real workflow runs match the stored records', () => {
  test('workflow stats: outcomes, tokens, completion time, cache hit rate and stage timings', async () => {
    const stats = await api(alice, 'GET', '/api/monitoring/workflows/stats');
    assert.equal(stats.status, 200, JSON.stringify(stats.body));
    assert.deepEqual(withoutFailureTimes(stats.body), await expectedWorkflowStats(alice.id));
    assert.deepEqual([stats.body.total, stats.body.successful, stats.body.failed], [3, 2, 1]);
    assert.ok((stats.body.cache_hit_rate ?? 0) > 0, 'the second run was answered from the response cache');
    assert.ok((stats.body.avg_tokens ?? 0) > 0);
    assert.notEqual(stats.body.stage_timings.completion, null);

    const one = await api(alice, 'GET', `/api/monitoring/workflows/stats?project_id=${projects.failing}&days=30`);
    assert.deepEqual([one.body.total, one.body.successful, one.body.failed, one.body.avg_completion_time_seconds], [1, 0, 1, null]);

    const everyone = await api(admin, 'GET', '/api/monitoring/workflows/stats');
    assert.deepEqual(withoutFailureTimes(everyone.body), await expectedWorkflowStats(null));
    assert.equal(everyone.body.total, 4);
  });

  test('days: runs started before the window are left out', async () => {
    const shift = (interval: string) => t.database.db.execute(sql`
      update workflow_runs set started_at = started_at + ${interval}::interval, stopped_at = stopped_at + ${interval}::interval where project_id = ${projects.failing}`);
    await shift('-10 days');
    try {
      const week = await api(alice, 'GET', '/api/monitoring/workflows/stats?days=7');
      assert.deepEqual([week.body.total, week.body.successful, week.body.failed], [2, 2, 0]);
      const month = await api(alice, 'GET', '/api/monitoring/workflows/stats?days=30');
      assert.deepEqual([month.body.total, month.body.successful, month.body.failed], [3, 2, 1]);
    } finally {
      await shift('10 days');
    }
  });

  test('agents summary: executions, durations, tokens and cache hit rate per agent', async () => {
    const summary = await api(alice, 'GET', '/api/monitoring/agents/summary?days=7');
    assert.equal(summary.status, 200, JSON.stringify(summary.body));
    const expected = await rows(sql`
      select a.agent_name, count(*)::int as total_executions,
        count(*) filter (where a.status = 'completed')::int as successful_executions,
        count(*) filter (where a.status = 'failed')::int as failed_executions,
        round(avg(a.execution_time_seconds)::numeric, 3)::float8 as avg_execution_time_seconds,
        round(avg(a.tokens_used), 2)::float8 as avg_tokens_used,
        (select round(count(*) filter (where u.cached)::numeric / count(*), 4)::float8 from llm_usage u
          where u.agent = a.agent_name and u.user_id = ${alice.id} and u.status = 'success') as cache_hit_rate
      from agent_activities a join projects p on p.id = a.project_id where p.user_id = ${alice.id}
      group by a.agent_name order by a.agent_name`);
    assert.deepEqual(summary.body.agents, expected);
    // Parallel developer steps may fail together or be cancelled by the first failure.
    assert.ok(summary.body.agents.find((agent: { agent_name: string }) => agent.agent_name === 'DeveloperAgent').failed_executions >= 1);
    const days = (Date.parse(summary.body.period_end) - Date.parse(summary.body.period_start)) / 86_400_000;
    assert.equal(days, 7);
  });

  test('LLM usage: tokens and cost by provider and by project', async () => {
    const usage = await api(alice, 'GET', '/api/monitoring/llm/usage');
    assert.equal(usage.status, 200, JSON.stringify(usage.body));
    const [totals] = await rows<{ total_tokens: number; total_cost: number }>(sql`
      select sum(prompt_tokens + completion_tokens)::float8 as total_tokens, round(sum(cost_usd), 6)::float8 as total_cost from llm_usage where user_id = ${alice.id}`);
    const byProject = await rows(sql`
      select u.project_id, p.name as project_name, sum(u.prompt_tokens + u.completion_tokens)::float8 as tokens, round(sum(u.cost_usd), 6)::float8 as cost
      from llm_usage u join projects p on p.id = u.project_id where u.user_id = ${alice.id} group by u.project_id, p.name order by tokens desc`);
    const days = await rows<{ date: string; tokens: number; cost: number }>(sql`
      select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as date, sum(prompt_tokens + completion_tokens)::float8 as tokens,
        round(sum(cost_usd), 6)::float8 as cost from llm_usage where user_id = ${alice.id} group by 1`);
    assert.deepEqual({ ...usage.body, period_start: undefined, period_end: undefined }, {
      ...totals,
      by_provider: [{ provider: 'deepseek', tokens: totals!.total_tokens, cost: totals!.total_cost, percentage: 100 }],
      by_project: byProject,
      by_day: zeroFilled(periodDates(30), days, { tokens: 0, cost: 0 }),
      period_start: undefined,
      period_end: undefined,
    });
    assert.deepEqual(usage.body.by_project.map((project: { project_id: number }) => project.project_id).sort(), [projects.cached, projects.failing].sort());
    assert.ok(usage.body.total_tokens > 0 && usage.body.total_cost > 0);
    assert.equal((Date.parse(usage.body.period_end) - Date.parse(usage.body.period_start)) / 86_400_000, 30);
  });

  test('dashboard overview', async () => {
    const created = await api(alice, 'POST', '/api/monitoring/alerts', { alert_type: 'custom', severity: 'low', message: 'dashboard check' });
    assert.equal(created.status, 201);
    const dashboard = await api(alice, 'GET', '/api/monitoring/dashboard/overview');
    assert.equal(dashboard.status, 200, JSON.stringify(dashboard.body));
    const stats = await expectedWorkflowStats(alice.id);
    const [today] = await rows<{ tokens: number; open: number }>(sql`
      select (select coalesce(sum(prompt_tokens + completion_tokens), 0)::float8 from llm_usage
                where user_id = ${alice.id} and created_at >= date_trunc('day', now() at time zone 'utc') at time zone 'utc') as tokens,
             (select count(*)::int from alerts where user_id = ${alice.id} and not is_resolved) as open`);
    assert.deepEqual({ ...dashboard.body, timestamp: undefined }, {
      active_workflows: 0,
      success_rate: 66.67,
      avg_completion_time_seconds: stats.avg_completion_time_seconds,
      total_tokens_used_today: today!.tokens,
      cache_hit_rate: stats.cache_hit_rate,
      active_alerts: today!.open,
      timestamp: undefined,
    });
    assert.ok(dashboard.body.active_alerts >= 1);
  });

  test('system metrics: host figures, connections in progress and requests of the last minute (administrators)', async () => {
    const metrics = await api(admin, 'GET', '/api/monitoring/system/metrics');
    assert.equal(metrics.status, 200, JSON.stringify(metrics.body));
    for (const key of ['cpu_usage_percent', 'memory_usage_percent', 'disk_usage_percent']) {
      assert.ok(metrics.body[key] >= 0 && metrics.body[key] <= 100, `${key} ${metrics.body[key]}`);
    }
    assert.ok(metrics.body.memory_usage_percent > 0);
    // Only this request is in progress and no socket is connected.
    assert.equal(metrics.body.active_connections, 1);
    await t.app.services.requestLog.flush();
    const timestamp = new Date(metrics.body.timestamp);
    const [counted] = await rows<{ n: number }>(sql`
      select count(*)::int as n from http_requests
      where received_at >= ${new Date(timestamp.getTime() - 60_000).toISOString()}::timestamptz and received_at <= ${timestamp.toISOString()}::timestamptz`);
    // The metrics request itself is recorded once answered, after the figure was taken.
    assert.equal(metrics.body.requests_per_minute, counted!.n - 1);
    assert.ok(metrics.body.requests_per_minute > 0);

    const refused = await api(alice, 'GET', '/api/monitoring/system/metrics');
    assert.equal(refused.status, 403);
  });

  test('connected Socket.IO clients count as active connections', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const socket = io(base, { auth: { token: admin.accessToken }, transports: ['websocket'], reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const metrics = await api(admin, 'GET', '/api/monitoring/system/metrics');
      assert.equal(metrics.body.active_connections, 2);
    } finally {
      socket.disconnect();
    }
  });

  test('requests are recorded with their route pattern, status and caller', async () => {
    assert.equal((await api(alice, 'GET', `/api/projects/${projects.cached}`)).status, 200);
    assert.equal((await api(bob, 'GET', `/api/projects/${projects.cached}`)).status, 404);
    await t.app.services.requestLog.flush();
    const recorded = await rows<{ route: string; status_code: number; user_id: number; method: string }>(sql`
      select route, status_code, user_id, method from http_requests where route = '/api/projects/:project_id' order by id desc limit 2`);
    assert.deepEqual(recorded, [
      { route: '/api/projects/:project_id', status_code: 404, user_id: bob.id, method: 'GET' },
      { route: '/api/projects/:project_id', status_code: 200, user_id: alice.id, method: 'GET' },
    ]);
  });
});

describe('users see their own figures only', () => {
  test("bob's figures leave out alice's runs and usage; alice's project is hidden", async () => {
    const stats = await api(bob, 'GET', '/api/monitoring/workflows/stats');
    assert.deepEqual(withoutFailureTimes(stats.body), await expectedWorkflowStats(bob.id));
    assert.deepEqual([stats.body.total, stats.body.successful], [1, 1]);
    const hidden = await api(bob, 'GET', `/api/monitoring/workflows/stats?project_id=${projects.cached}`);
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.error_code, 'PROJ_001');

    const usage = await api(bob, 'GET', '/api/monitoring/llm/usage');
    assert.deepEqual(usage.body.by_project.map((project: { project_id: number }) => project.project_id), [projects.bobs]);
    const [bobs] = await rows<{ tokens: number }>(sql`select sum(prompt_tokens + completion_tokens)::float8 as tokens from llm_usage where user_id = ${bob.id}`);
    assert.equal(usage.body.total_tokens, bobs!.tokens);

    const agents = await api(bob, 'GET', '/api/monitoring/agents/summary');
    assert.ok(agents.body.agents.every((agent: { failed_executions: number }) => agent.failed_executions === 0));

    const all = await api(admin, 'GET', '/api/monitoring/llm/usage');
    const [everyone] = await rows<{ tokens: number }>(sql`select sum(prompt_tokens + completion_tokens)::float8 as tokens from llm_usage`);
    assert.equal(all.body.total_tokens, everyone!.tokens);
    assert.equal(all.body.by_project.length, 3);
  });

  test("alerts: another user's alert is neither listed nor resolvable; administrators see and resolve every one", async () => {
    const created = await api(alice, 'POST', '/api/monitoring/alerts', { alert_type: 'custom', severity: 'medium', message: '自定义告警消息', details: { custom_field: 'value' } });
    assert.equal(created.status, 201);
    assert.deepEqual({ ...created.body, id: undefined, created_at: undefined }, {
      id: undefined, alert_type: 'custom', severity: 'medium', message: '自定义告警消息', details: { custom_field: 'value' }, is_resolved: false, created_at: undefined, resolved_at: null,
    });
    const id = created.body.id;
    const bobs = await api(bob, 'GET', '/api/monitoring/alerts');
    assert.ok(!bobs.body.some((alert: { id: number }) => alert.id === id));
    assert.equal((await api(bob, 'POST', `/api/monitoring/alerts/${id}/resolve`)).status, 404);
    assert.ok((await api(admin, 'GET', '/api/monitoring/alerts?limit=100')).body.some((alert: { id: number }) => alert.id === id));

    const medium = await api(alice, 'GET', '/api/monitoring/alerts?severity=medium&is_resolved=false');
    assert.deepEqual(medium.body.map((alert: { id: number }) => alert.id), [id]);

    const resolved = await api(alice, 'POST', `/api/monitoring/alerts/${id}/resolve`);
    assert.equal(resolved.status, 200);
    assert.equal(resolved.body.is_resolved, true);
    assert.ok(resolved.body.resolved_at);
    const again = await api(admin, 'POST', `/api/monitoring/alerts/${id}/resolve`);
    assert.deepEqual(again.body, resolved.body);
    assert.deepEqual((await api(alice, 'GET', '/api/monitoring/alerts?is_resolved=true&severity=medium')).body.map((alert: { id: number }) => alert.id), [id]);
    assert.deepEqual((await api(alice, 'GET', '/api/monitoring/alerts?severity=medium&is_resolved=false')).body, []);
  });
});

describe('bad input: 422, nothing written', () => {
  test('days outside 1–365, unknown severity, bad flags and bodies', async () => {
    const [before] = await rows<{ n: number }>(sql`select count(*)::int as n from alerts`);
    for (const url of [
      '/api/monitoring/workflows/stats?days=0', '/api/monitoring/workflows/stats?days=366', '/api/monitoring/workflows/stats?days=-3',
      '/api/monitoring/agents/summary?days=0', '/api/monitoring/llm/usage?days=366', '/api/monitoring/llm/usage?days=abc',
      '/api/monitoring/alerts?severity=urgent', '/api/monitoring/alerts?is_resolved=maybe', '/api/monitoring/workflows/stats?project_id=abc',
    ]) {
      const response = await api(alice, 'GET', url);
      assert.equal(response.status, 422, url);
      assert.ok(Array.isArray(response.body.detail), url);
    }
    for (const body of [
      { alert_type: 'custom', severity: 'urgent', message: 'x' },
      { alert_type: 'custom', severity: 'low' },
      { alert_type: '', severity: 'low', message: 'x' },
      { alert_type: 'custom', severity: 'low', message: 'x', details: 'text' },
    ]) {
      assert.equal((await api(alice, 'POST', '/api/monitoring/alerts', body)).status, 422, JSON.stringify(body));
    }
    assert.equal((await api(alice, 'POST', '/api/monitoring/alerts/abc/resolve')).status, 422);
    assert.equal((await api(alice, 'POST', '/api/monitoring/alerts/999999/resolve')).status, 404);
    const [afterwards] = await rows<{ n: number }>(sql`select count(*)::int as n from alerts`);
    assert.equal(afterwards!.n, before!.n);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/monitoring/dashboard/overview' })).statusCode, 401);
  });
});

describe('alert rules', () => {
  const openAlerts = (type: string) => rows<{ id: number }>(sql`select id from alerts where alert_type = ${type} and not is_resolved`);

  test('workflow failure rate, LLM error rate and API p95 latency each fire once until resolved', async () => {
    const { alertRules } = t.app.services;
    // Slow requests as the request log stores them: enough to lift the p95 over the threshold.
    await t.database.db.execute(sql`
      insert into http_requests (received_at, method, route, status_code, duration_ms)
      select now(), 'GET', '/api/projects', 200, 5000 from generate_series(1, 200)`);
    const first = await alertRules.evaluate();
    assert.deepEqual(first.map((alert) => alert.alert_type).sort(), ['api_p95_latency', 'llm_error_rate', 'workflow_failure_rate']);
    const failure = first.find((alert) => alert.alert_type === 'workflow_failure_rate')!;
    assert.equal(failure.severity, 'high');
    assert.deepEqual(failure.details, { threshold: 0.2, current_value: 0.25, failed: 1, finished: 4, window_minutes: 60 });
    const llm = first.find((alert) => alert.alert_type === 'llm_error_rate')!;
    const [calls] = await rows<{ calls: number; errors: number }>(sql`
      select count(*)::int as calls, count(*) filter (where status = 'error')::int as errors from llm_usage where status in ('success', 'error')`);
    assert.equal(llm.details.calls, calls!.calls);
    assert.equal(llm.details.errors, calls!.errors);
    assert.ok(calls!.errors >= 1);

    assert.deepEqual(await alertRules.evaluate(), []);
    for (const type of ['workflow_failure_rate', 'llm_error_rate', 'api_p95_latency']) assert.equal((await openAlerts(type)).length, 1, type);

    // Installation-wide alerts are for administrators.
    assert.ok(!(await api(alice, 'GET', '/api/monitoring/alerts?limit=100')).body.some((alert: { id: number }) => alert.id === failure.id));
    assert.equal((await api(alice, 'POST', `/api/monitoring/alerts/${failure.id}/resolve`)).status, 404);
    assert.equal((await api(admin, 'POST', `/api/monitoring/alerts/${failure.id}/resolve`)).status, 200);
    const second = await alertRules.evaluate();
    assert.deepEqual(second.map((alert) => alert.alert_type), ['workflow_failure_rate']);
    assert.notEqual(second[0]!.id, failure.id);
  });

  test('a periodic pass also deletes request records past their retention', async () => {
    await t.database.db.execute(sql`
      insert into http_requests (received_at, method, route, status_code, duration_ms) values (now() - interval '31 days', 'GET', '/old', 200, 1)`);
    await t.app.services.alertRules.tick();
    const [old] = await rows<{ n: number }>(sql`select count(*)::int as n from http_requests where route = '/old'`);
    assert.equal(old!.n, 0);
    const [kept] = await rows<{ n: number }>(sql`select count(*)::int as n from http_requests`);
    assert.ok(kept!.n > 0);
  });

  test('raise() through the port: concurrent raises with one key store one alert, for the user it concerns', async () => {
    const { alerts } = t.app.services;
    const raise = () => alerts.raise({
      alertType: 'quota_threshold', severity: 'high', message: 'projects quota at 80 %', details: { threshold: 0.8, current_value: 0.8 }, userId: alice.id, dedupeKey: 'quota:1:projects:80',
    });
    const results = await Promise.all(Array.from({ length: 8 }, raise));
    assert.equal(results.filter((alert) => alert !== undefined).length, 1);
    const stored = await openAlerts('quota_threshold');
    assert.equal(stored.length, 1);
    assert.ok((await api(alice, 'GET', '/api/monitoring/alerts?severity=high')).body.some((alert: { id: number }) => alert.id === stored[0]!.id));
    assert.ok(!(await api(bob, 'GET', '/api/monitoring/alerts?severity=high')).body.some((alert: { id: number }) => alert.id === stored[0]!.id));
  });
});

describe('GET /metrics', () => {
  test('Prometheus text: request histogram by route pattern, workflow and LLM counters, queue depth', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^text\/plain/);
    const text = response.body;
    assert.match(text, /resoftai_http_request_duration_seconds_count\{method="GET",route="\/api\/projects\/:project_id",status_code="404"\} 1\n/);
    assert.match(text, /resoftai_workflow_events_total\{event="completed"\} 3\n/);
    assert.match(text, /resoftai_workflow_events_total\{event="failed"\} 1\n/);
    assert.match(text, /resoftai_workflow_events_total\{event="started"\} 4\n/);
    assert.match(text, /resoftai_workflow_queue_depth\{state="running"\} 0\n/);
    assert.match(text, /resoftai_workflow_queue_depth\{state="queued"\} 0\n/);
    const calls = await rows<{ status: string; cached: boolean; n: number }>(sql`
      select status, cached, count(*)::int as n from llm_usage where provider = 'deepseek' group by 1, 2`);
    for (const { status, cached, n } of calls) {
      assert.ok(text.includes(`resoftai_llm_calls_total{provider="deepseek",status="${status}",cached="${cached}"} ${n}\n`), `${status} ${cached} ${n}`);
    }
    const [tokens] = await rows<{ prompt: number }>(sql`select sum(prompt_tokens)::int as prompt from llm_usage where provider = 'deepseek'`);
    assert.ok(text.includes(`resoftai_llm_tokens_total{provider="deepseek",kind="prompt"} ${tokens!.prompt}\n`));
  });

  test('refused to other addresses without METRICS_TOKEN; with one, the bearer token is required', async () => {
    const remote = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' });
    assert.equal(remote.statusCode, 403);
    const token = 'metrics-token-0123456789abcdef';
    const guarded = await buildApp({ config: testConfig({ monitoring: { rules: RULES, metricsToken: token } }), database: t.database, logger: false });
    await guarded.ready();
    assert.equal(guarded.services.alertSchedule.running, true);
    try {
      assert.equal((await guarded.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
      assert.equal((await guarded.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789abcde' } })).statusCode, 401);
      const allowed = await guarded.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: `Bearer ${token}` } });
      assert.equal(allowed.statusCode, 200);
      assert.match(allowed.body, /resoftai_http_request_duration_seconds/);
    } finally {
      await guarded.close();
    }
    assert.equal(guarded.services.alertSchedule.running, false);
  });
});

describe('configuration', () => {
  test('monitoring settings come from the environment, bad values stop the start', () => {
    const env = { JWT_SECRET: 'x'.repeat(32), ENCRYPTION_KEY: '0'.repeat(64) };
    assert.deepEqual(loadConfig({ ...env, MONITORING_RULES_INTERVAL_SECONDS: '30', ALERT_LLM_ERROR_RATE: '0.05', METRICS_TOKEN: 't'.repeat(16) }).monitoring, {
      rules: { intervalMs: 30_000, windowMinutes: 15, minSamples: 10, workflowFailureRate: 0.5, llmErrorRate: 0.05, apiP95Ms: 2000, requestRetentionDays: 30 },
      metricsToken: 't'.repeat(16),
    });
    for (const [name, value] of [['ALERT_LLM_ERROR_RATE', '1.5'], ['ALERT_WORKFLOW_FAILURE_RATE', '0'], ['METRICS_TOKEN', 'short'], ['MONITORING_RULES_INTERVAL_SECONDS', '0']]) {
      assert.throws(() => loadConfig({ ...env, [name!]: value }), (error: unknown) => error instanceof ConfigError && error.message.includes(name!), name);
    }
  });
});
