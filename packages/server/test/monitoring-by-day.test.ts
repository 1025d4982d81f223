import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createProject } from './project-support.ts';
import { createTestApp, createUser, type TestApp, type TestUser } from './support.ts';

const DAY_MS = 86_400_000;
const NOW = Date.now();
const ago = (days: number, minutes = 0) => new Date(NOW - days * DAY_MS - minutes * 60_000);
const dateOf = (time: Date) => time.toISOString().slice(0, 10);

let t: TestApp;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;

// Model calls: [user, when, prompt + completion tokens, cost]; alice's 10-day-old call is outside a 7-day window.
let calls: Array<{ user: () => TestUser; at: Date; prompt: number; completion: number; cost: number }>;
// Workflow runs of alice's project (a running one counts in no day) and one of bob's.
let runs: Array<{ user: () => TestUser; at: Date; status: 'completed' | 'failed' | 'running' }>;

before(async () => {
  t = await createTestApp();
  admin = await createUser(t.app);
  alice = await createUser(t.app);
  bob = await createUser(t.app);
  calls = [
    { user: () => alice, at: ago(0, 1), prompt: 100, completion: 20, cost: 0.0012 },
    { user: () => alice, at: ago(0, 2), prompt: 5, completion: 5, cost: 0.0000131 },
    { user: () => alice, at: ago(2), prompt: 300, completion: 0, cost: 0.003 },
    { user: () => alice, at: ago(3), prompt: 1000, completion: 234, cost: 0.5 },
    { user: () => alice, at: ago(10), prompt: 7, completion: 0, cost: 0.07 },
    { user: () => bob, at: ago(2), prompt: 9999, completion: 1, cost: 9 },
  ];
  for (const call of calls) {
    await t.database.db.execute(sql`
      INSERT INTO llm_usage (user_id, provider, model, prompt_tokens, completion_tokens, latency_ms, cost_usd, cached, status, created_at)
      VALUES (${call.user().id}, 'deepseek', 'deepseek-chat', ${call.prompt}, ${call.completion}, 10, ${call.cost}, false, 'success', ${call.at.toISOString()})`);
  }
  const projectOf = new Map([[alice.id, (await createProject(t.app, alice)).id], [bob.id, (await createProject(t.app, bob)).id]]);
  runs = [
    { user: () => alice, at: ago(0, 5), status: 'completed' },
    { user: () => alice, at: ago(1), status: 'failed' },
    { user: () => alice, at: ago(1, 30), status: 'completed' },
    { user: () => alice, at: ago(1, 60), status: 'completed' },
    { user: () => alice, at: ago(4), status: 'failed' },
    { user: () => alice, at: ago(0, 1), status: 'running' },
    { user: () => alice, at: ago(20), status: 'completed' },
    { user: () => bob, at: ago(1), status: 'failed' },
  ];
  for (const [index, run] of runs.entries()) {
    const ended = run.status === 'running' ? null : new Date(run.at.getTime() + 60_000).toISOString();
    await t.database.db.execute(sql`
      INSERT INTO workflow_runs (workflow_id, project_id, user_id, mode, status, owner, started_at, completed_at)
      VALUES (${`wf-${index}`}, ${projectOf.get(run.user().id)!}, ${run.user().id}, 'execute', ${run.status}, 'test', ${run.at.toISOString()}, ${ended})`);
  }
});
after(() => t.close());

const get = async (user: TestUser, url: string) => {
  const response = await t.app.inject({ method: 'GET', url, headers: user.auth });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
};

/** Every UTC date from `start`'s to `end`'s, both included. */
function datesBetween(start: string, end: string): string[] {
  const dates: string[] = [];
  for (let day = Date.parse(`${start.slice(0, 10)}T00:00:00Z`); day <= Date.parse(end); day += DAY_MS) dates.push(new Date(day).toISOString().slice(0, 10));
  return dates;
}

describe('GET /api/monitoring/llm/usage by_day', () => {
  for (const days of [7, 30]) {
    test(`days=${days}: every day of the period, the caller's tokens and cost per day, zeros elsewhere`, async () => {
      const usage = await get(alice, `/api/monitoring/llm/usage?days=${days}`);
      const dates = datesBetween(usage.period_start, usage.period_end);
      assert.equal(dates.length, days + 1);
      assert.deepEqual(usage.by_day.map((day: { date: string }) => day.date), dates);
      const since = Date.parse(usage.period_start);
      const expected = new Map(dates.map((date) => [date, { tokens: 0, cost: 0 }]));
      for (const call of calls.filter((c) => c.user() === alice && c.at.getTime() >= since)) {
        const day = expected.get(dateOf(call.at))!;
        day.tokens += call.prompt + call.completion;
        day.cost += call.cost;
      }
      for (const day of usage.by_day) {
        const want = expected.get(day.date)!;
        assert.equal(day.tokens, want.tokens, day.date);
        // Costs are rounded to 6 decimals, as every cost figure is.
        assert.equal(day.cost, Number(want.cost.toFixed(6)), day.date);
      }
      const sum = usage.by_day.reduce((total: number, day: { tokens: number }) => total + day.tokens, 0);
      assert.equal(sum, usage.total_tokens);
      assert.ok(usage.by_day.some((day: { tokens: number }) => day.tokens === 0), 'zero-filled days are listed');
    });
  }

  test('administrators see everyone\'s calls per day', async () => {
    const usage = await get(admin, '/api/monitoring/llm/usage?days=7');
    const twoDaysAgo = usage.by_day.find((day: { date: string }) => day.date === dateOf(ago(2)));
    const expected = calls.filter((c) => dateOf(c.at) === dateOf(ago(2))).reduce((sum, c) => sum + c.prompt + c.completion, 0);
    assert.equal(twoDaysAgo.tokens, expected);
    assert.ok(expected >= 10_000);
  });
});

describe('GET /api/monitoring/workflows/stats by_day', () => {
  test('every day of the period with the finished runs started that day; totals agree', async () => {
    const stats = await get(alice, '/api/monitoring/workflows/stats?days=7');
    assert.equal(stats.by_day.length, 8);
    assert.equal(stats.by_day.at(-1).date, dateOf(new Date()));
    const since = NOW - 7 * DAY_MS;
    for (const day of stats.by_day) {
      const started = runs.filter((run) => run.user() === alice && run.at.getTime() >= since && dateOf(run.at) === day.date);
      const successful = started.filter((run) => run.status === 'completed').length;
      const failed = started.filter((run) => run.status === 'failed').length;
      assert.deepEqual(day, { date: day.date, total: successful + failed, successful, failed });
    }
    const sum = (key: 'total' | 'successful' | 'failed') => stats.by_day.reduce((total: number, day: Record<string, number>) => total + day[key]!, 0);
    assert.equal(sum('total'), stats.total);
    assert.equal(sum('successful'), stats.successful);
    assert.equal(sum('failed'), stats.failed);
    assert.equal(stats.total, 5);
  });

  test("bob sees his own runs only; a longer period reaches older days", async () => {
    const bobs = await get(bob, '/api/monitoring/workflows/stats?days=7');
    assert.deepEqual(bobs.by_day.filter((day: { total: number }) => day.total > 0), [{ date: dateOf(ago(1)), total: 1, successful: 0, failed: 1 }]);
    const month = await get(alice, '/api/monitoring/workflows/stats?days=30');
    assert.equal(month.by_day.length, 31);
    assert.equal(month.by_day.find((day: { date: string }) => day.date === dateOf(ago(20))).successful, 1);
  });
});
