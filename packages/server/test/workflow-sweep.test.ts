import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { scriptedProject } from '@resoftai/engine/testing';
import { startFakeProviderServer, type FakeProviderServer } from '@resoftai/llm/testing';
import { buildApp } from '../src/app.ts';
import { createTestApp, createUser, queryRows, testConfig, type TestApp, type TestUser } from './support.ts';
import { call, createFakeLlmConfig, createProject } from './workflow-support.ts';

// Auto-resume off and a small token budget from the "environment".
let t: TestApp;
let fake: FakeProviderServer;
let alice: TestUser;
before(async () => {
  [t, fake] = await Promise.all([createTestApp({ workflow: { ...testConfig().workflow, autoResume: false, concurrency: 2, budget: { max_tokens: 1000 } } }), startFakeProviderServer()]);
  alice = await createUser(t.app);
  await createFakeLlmConfig(t.app, alice.accessToken, fake);
});
after(async () => {
  await t.close();
  await fake.close();
});

async function leftRunning(owner: string, heartbeatAgeSeconds: number): Promise<number> {
  const id = await createProject(t.app, alice.accessToken);
  await t.database.db.execute(sql`update projects set status = 'running', current_stage = 'development' where id = ${id}`);
  await t.database.db.execute(sql`insert into workflow_runs (workflow_id, project_id, user_id, mode, status, owner, heartbeat_at)
    values ('wf_1700000000_dead', ${id}, ${alice.id}, 'execute', 'running', ${owner}, now() - make_interval(secs => ${heartbeatAgeSeconds}))`);
  return id;
}

const statusOf = async (id: number) => (await call(t.app, alice.accessToken, 'GET', `/api/projects/${id}`)).body.status;
const runStatuses = async (id: number) => (await queryRows<{ status: string }>(t.database, sql`select status from workflow_runs where project_id = ${id} order by id`)).map((row) => row.status);

test('runs of dead processes become interrupted (not resumed when auto-resume is off); a live process keeps its run', async () => {
  const stale = await leftRunning('another-host:4242:abcd', 3600);
  const live = await leftRunning('another-host:4243:abcd', 0);
  await t.app.services.workflows.recover();
  assert.equal(await statusOf(stale), 'interrupted');
  assert.deepEqual(await runStatuses(stale), ['interrupted']);
  assert.equal(await statusOf(live), 'running');
  assert.deepEqual(await runStatuses(live), ['running']);
  assert.equal(t.app.services.workflows.isRunning(stale), false);
  const updates = await queryRows<{ seq: number; payload: { status: string } }>(t.database, sql`select seq, payload from workflow_events where project_id = ${stale} and type = 'project_update'`);
  assert.deepEqual(updates.map((row) => [row.seq, row.payload.status]), [[1, 'interrupted']]);

  // An interrupted project waits for resume or stop; stop makes it cancelled.
  const stopped = await call(t.app, alice.accessToken, 'POST', `/api/projects/${stale}/stop`);
  assert.equal(stopped.status, 200);
  assert.equal(stopped.body.status, 'cancelled');
  // Resume needs a checkpoint, which a run that died before its first one does not have.
  assert.match(JSON.stringify((await call(t.app, alice.accessToken, 'POST', `/api/projects/${stale}/resume`)).body), /no checkpoint/);
});

test('the token budget from the environment stops the run with a clear workflow_failed reason', async () => {
  fake.respondWith(scriptedProject({ modules: 3 }));
  const id = await createProject(t.app, alice.accessToken);
  assert.equal((await call(t.app, alice.accessToken, 'POST', `/api/projects/${id}/execute`)).status, 200);
  await t.app.services.workflows.settled(id);
  assert.equal(await statusOf(id), 'failed');
  const [failed] = await queryRows<{ payload: { error_message: string; error_code: string } }>(t.database, sql`select payload from workflow_events where project_id = ${id} and type = 'workflow_failed'`);
  assert.match(failed!.payload.error_message, /token budget exhausted/);
  assert.deepEqual(await runStatuses(id), ['failed']);
});

test('a graceful shutdown leaves the run interrupted; the next start resumes it to completion', async () => {
  const first = await buildApp({ config: { ...t.config, workflow: { ...t.config.workflow, budget: {} } }, database: t.database, logger: false });
  await first.ready();
  fake.respondWith(scriptedProject({ modules: 3, delayMs: 100 }));
  const id = await createProject(first, alice.accessToken);
  assert.equal((await call(first, alice.accessToken, 'POST', `/api/projects/${id}/execute`)).status, 200);
  while (!fake.requests.some((request) => JSON.stringify(request.body).includes('DeveloperAgent'))) await new Promise((resolve) => setTimeout(resolve, 20));
  await first.close();
  assert.equal(await statusOf(id), 'interrupted');
  assert.deepEqual(await runStatuses(id), ['interrupted']);

  const second = await buildApp({ config: { ...t.config, workflow: { ...t.config.workflow, autoResume: true, budget: {} } }, database: t.database, logger: false });
  try {
    await second.ready();
    await second.services.workflows.recover();
    assert.equal(second.services.workflows.isRunning(id), true);
    await second.services.workflows.settled(id);
    assert.equal(await statusOf(id), 'completed');
    assert.deepEqual(await runStatuses(id), ['interrupted', 'completed']);
  } finally {
    await second.close();
  }
});
