import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { PeriodicRunRepository } from '../src/db/repositories/periodic-runs.ts';
import type { Database } from '../src/db/client.ts';
import { ClusterSchedule } from '../src/jobs/cluster-schedule.ts';
import { type Cluster, startCluster } from './cluster-support.ts';
import { createUser, openTestDatabase, queryRows, type TestUser } from './support.ts';

const INTERVAL_MS = 400;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('periodic jobs take one turn per interval across processes', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database?.close());

  test('of two schedules sharing the database, one runs each turn; the next turn is free after the interval', async () => {
    const ran: string[] = [];
    const schedule = (name: string) => new ClusterSchedule('turn_test', INTERVAL_MS, new PeriodicRunRepository(database.db), async () => void ran.push(name), () => undefined);
    const [a, b] = [schedule('a'), schedule('b')];
    assert.equal(await a.runIfDue(), true);
    assert.equal(await b.runIfDue(), false);
    assert.equal(await a.runIfDue(), false);
    await pause(INTERVAL_MS);
    assert.equal(await b.runIfDue(), true);
    assert.equal(await a.runIfDue(), false);
    assert.deepEqual(ran, ['a', 'b']);
  });

  test('jobs are independent: a turn of one does not take the turn of another', async () => {
    const turns = new PeriodicRunRepository(database.db);
    assert.equal(await turns.claim('job_one', 60_000), true);
    assert.equal(await turns.claim('job_two', 60_000), true);
    assert.equal(await turns.claim('job_one', 60_000), false);
  });
});

const skip = process.env.TEST_DATABASE !== 'postgres' ? 'two processes share only a PostgreSQL database' : false;

describe('the alert rules of two API instances fire once', { skip }, () => {
  let cluster: Cluster;
  let admin: TestUser;
  before(async () => {
    // Any request is slower than 1 ms at the 95th percentile: the latency rule fires on the first samples.
    cluster = await startCluster({ monitoring: { rules: { intervalMs: 60_000, windowMinutes: 15, minSamples: 1, workflowFailureRate: 0.5, llmErrorRate: 0.2, apiP95Ms: 0.001, requestRetentionDays: 30 }, metricsToken: undefined } });
    admin = await createUser(cluster.a, 'schedule_admin');
  });
  after(() => cluster?.close());

  test('both run their schedule at once: one evaluates the rules, one alert is raised', async () => {
    for (let i = 0; i < 5; i += 1) await cluster.b.inject({ method: 'GET', url: '/api/auth/me', headers: admin.auth });
    await Promise.all([cluster.a.services.requestLog.flush(), cluster.b.services.requestLog.flush()]);
    const results = await Promise.all([cluster.a.services.alertSchedule.runIfDue(), cluster.b.services.alertSchedule.runIfDue()]);
    assert.deepEqual([...results].sort(), [false, true]);
    const alerts = await queryRows<{ alert_type: string }>(cluster.database, sql`SELECT alert_type FROM alerts WHERE alert_type = 'api_p95_latency'`);
    assert.equal(alerts.length, 1);
  });
});
