import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { agentOf, scriptedProject } from '@resoftai/engine/testing';
import { startFakeProviderServer, type FakeProviderServer } from '@resoftai/llm/testing';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';
import { call, createFakeLlmConfig, createProject } from './workflow-support.ts';

let t: TestApp;
let fake: FakeProviderServer;
let alice: TestUser;
let bob: TestUser;
before(async () => {
  [t, fake] = await Promise.all([createTestApp(), startFakeProviderServer()]);
  alice = await createUser(t.app);
  bob = await createUser(t.app);
  await createFakeLlmConfig(t.app, alice.accessToken, fake);
});
beforeEach(() => fake.reset());
after(async () => {
  await t.close();
  await fake.close();
});

const api = (user: TestUser, method: 'GET' | 'POST', url: string) => call(t.app, user.accessToken, method, url);
const project = async (id: number) => (await api(alice, 'GET', `/api/projects/${id}`)).body;

/** Resolves once the fake model has received a request from `agent`. */
async function untilAgentCalled(agent: string): Promise<void> {
  while (!fake.requests.some((request) => JSON.stringify(request.body).includes(agent))) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('execute', () => {
  test('runs the workflow to completion: progress 100, versioned code and test files, activities listed', async () => {
    fake.respondWith(scriptedProject({ modules: 3 }));
    const id = await createProject(t.app, alice.accessToken);
    const started = await api(alice, 'POST', `/api/projects/${id}/execute`);
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.match(started.body.workflow_id, /^wf_\d{10}_[0-9a-f]+$/);
    assert.deepEqual({ ...started.body, workflow_id: undefined, started_at: undefined }, { project_id: id, workflow_id: undefined, status: 'running', current_stage: 'requirements_analysis', started_at: undefined });
    await t.app.services.workflows.settled(id);

    const done = await project(id);
    assert.equal(done.status, 'completed');
    assert.equal(done.progress, 100);
    assert.equal(done.current_stage, 'completion');
    assert.ok(done.completed_at);
    assert.ok(Object.keys(done.deliverables).length > 0);

    const code = (await api(alice, 'GET', `/api/files?project_id=${id}&category=code`)).body;
    assert.deepEqual(code.map((file: { filename: string }) => file.filename).sort(), ['calc/module_0.py', 'calc/module_1.py', 'calc/module_2.py']);
    const tests = (await api(alice, 'GET', `/api/files?project_id=${id}&category=test`)).body;
    const testPaths = tests.map((file: { filename: string }) => file.filename);
    for (const index of [0, 1, 2]) assert.ok(testPaths.includes(`tests/test_module_${index}.py`), testPaths.join(', '));
    for (const file of [...code, ...tests]) {
      assert.ok(file.version >= 1);
      const versions = await api(alice, 'GET', `/api/files/${file.id}/versions`);
      assert.equal(versions.status, 200);
      assert.equal(versions.body.length, file.version);
    }

    const activities = await api(alice, 'GET', `/api/agent-activities?project_id=${id}&limit=100`);
    const agents = new Set(activities.body.map((activity: { agent_name: string }) => activity.agent_name));
    assert.deepEqual([...agents].sort(), ['ArchitectAgent', 'DeveloperAgent', 'ProjectManagerAgent', 'QualityExpertAgent', 'RequirementsAnalystAgent', 'TestEngineerAgent', 'UXUIDesignerAgent']);
    assert.ok(activities.body.every((activity: { status: string }) => activity.status === 'completed'));

    const runs = await queryRows<{ status: string; completed_at: Date | null; workflow_id: string }>(t.database, sql`select status, completed_at, workflow_id from workflow_runs where project_id = ${id}`);
    assert.deepEqual(runs.map((run) => [run.status, run.workflow_id]), [['completed', started.body.workflow_id]]);
    const artifacts = await queryRows<{ n: number }>(t.database, sql`select count(*)::int as n from workflow_artifacts where project_id = ${id}`);
    assert.ok(artifacts[0]!.n > 0);
  });

  test('a failed run is visible: the project names stage, agent and reason, the events can be read back, the failed calls count their tokens', async () => {
    fake.respondWith(scriptedProject({
      override: (agent) => (agent === 'UXUIDesignerAgent' ? { text: 'Here is the design, as prose only.', usage: { promptTokens: 100, completionTokens: 50 } } : undefined),
    }));
    const id = await createProject(t.app, alice.accessToken);
    assert.equal((await api(alice, 'POST', `/api/projects/${id}/execute`)).status, 200);
    await t.app.services.workflows.settled(id);

    const failed = await project(id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.last_run.status, 'failed');
    assert.equal(failed.last_run.failed_stage, 'ui_design');
    assert.equal(failed.last_run.failed_agent, 'UXUIDesignerAgent');
    assert.equal(failed.last_run.error_code, 'WORKFLOW_001');
    assert.match(failed.last_run.error_message, /does not fit the expected structure/);

    const events = await api(alice, 'GET', `/api/projects/${id}/events`);
    assert.equal(events.status, 200);
    const names = events.body.map((event: { event: string }) => event.event);
    assert.equal(names[0], 'workflow_started');
    // The run announces itself once, not once more when its first stage starts.
    assert.equal(names.slice(0, 3).filter((name: string) => name === 'project_update').length, 1);
    const last = events.body.at(-1);
    assert.equal(last.event, 'workflow_failed');
    assert.deepEqual({ stage: last.data.stage, agent: last.data.agent }, { stage: 'ui_design', agent: 'UXUIDesignerAgent' });
    assert.deepEqual(events.body.map((event: { seq: number }) => event.seq), events.body.map((_: unknown, index: number) => index + 1));
    const page = await api(alice, 'GET', `/api/projects/${id}/events?since=2&limit=3`);
    assert.deepEqual(page.body.map((event: { seq: number }) => event.seq), [3, 4, 5]);
    assert.equal((await api(bob, 'GET', `/api/projects/${id}/events`)).status, 404);
    assert.equal((await api(alice, 'GET', `/api/projects/${id}/events?since=-1`)).status, 422);

    const activities = (await api(alice, 'GET', `/api/agent-activities?project_id=${id}&limit=100`)).body;
    const designer = activities.find((activity: { agent_name: string; status: string }) => activity.agent_name === 'UXUIDesignerAgent' && activity.status === 'failed');
    // The reply and its re-ask: 150 tokens each.
    assert.equal(designer.tokens_used, 300);

    const stats = (await api(alice, 'GET', `/api/monitoring/workflows/stats?project_id=${id}`)).body;
    assert.equal(stats.failures_by_stage.ui_design, 1);
    assert.deepEqual({ stage: stats.recent_failures[0].stage, agent: stats.recent_failures[0].agent }, { stage: 'ui_design', agent: 'UXUIDesignerAgent' });
  });

  test("QualityExpertAgent reviews with the static analyzer: its findings reach the review prompt and the QA report", async () => {
    const script = scriptedProject({ modules: 1 });
    // The developer's module evaluates its input, which the analyzer's code-injection rule (S001) flags.
    fake.respondWith(async (request) => {
      const reply = await script(request);
      if (agentOf(request) !== 'DeveloperAgent' || reply.text === undefined) return reply;
      return { ...reply, text: reply.text.replace('return x + 1', 'return eval(str(x) + " + 1")') };
    });
    const id = await createProject(t.app, alice.accessToken);
    assert.equal((await api(alice, 'POST', `/api/projects/${id}/execute`)).status, 200);
    await t.app.services.workflows.settled(id);
    assert.equal((await project(id)).status, 'completed');

    const reviewPrompts = fake.requests.filter((request) => agentOf(request) === 'QualityExpertAgent').map((request) => JSON.stringify(request.body));
    assert.ok(reviewPrompts.some((prompt) => prompt.includes('calc/module_0.py:2') && prompt.includes('S001')), 'the review prompt lists the finding');
    const files = (await api(alice, 'GET', `/api/files?project_id=${id}&category=documentation&limit=100`)).body as Array<{ id: number; filename: string }>;
    const report = files.find((file) => file.filename === 'docs/qa-report.md');
    assert.ok(report, files.map((file) => file.filename).join(', '));
    assert.match((await api(alice, 'GET', `/api/files/${report.id}`)).body.content, /\*\*critical\*\* `calc\/module_0\.py:2` \(analyzer\): S001: /);
  });

  test("another user's project: 404, nothing starts", async () => {
    const id = await createProject(t.app, alice.accessToken);
    const response = await api(bob, 'POST', `/api/projects/${id}/execute`);
    assert.equal(response.status, 404);
    assert.equal(response.body.error_code, 'PROJ_001');
    assert.equal((await project(id)).status, 'pending');
    assert.equal(fake.requests.length, 0);
  });

  test('without a usable LLM config: 422 LLM_002, the project stays pending', async () => {
    const id = await createProject(t.app, bob.accessToken);
    const response = await api(bob, 'POST', `/api/projects/${id}/execute`);
    assert.equal(response.status, 422);
    assert.equal(response.body.error_code, 'LLM_002');
    assert.equal((await api(bob, 'GET', `/api/projects/${id}`)).body.status, 'pending');
  });

  test('an invalid stored config: 422, the project stays pending', async () => {
    const id = await createProject(t.app, alice.accessToken);
    await t.database.db.execute(sql`update projects set config = '{"execution_strategy": "chaotic"}'::jsonb where id = ${id}`);
    const response = await api(alice, 'POST', `/api/projects/${id}/execute`);
    assert.equal(response.status, 422);
    assert.match(JSON.stringify(response.body), /execution_strategy/);
    assert.equal((await project(id)).status, 'pending');
  });

  test('a project id that is not a number: 422', async () => {
    assert.equal((await api(alice, 'POST', '/api/projects/abc/execute')).status, 422);
  });
});

describe('stop and resume', () => {
  test('a running project: execute again is 400 PROJ_002; stop aborts the model call and ends cancelled', async () => {
    // The model answers slowly in development, so the run is caught there.
    fake.respondWith(scriptedProject({ modules: 2, override: (agent) => (agent === 'DeveloperAgent' ? { delayMs: 60_000, text: 'never' } : undefined) }));
    const id = await createProject(t.app, alice.accessToken);
    assert.equal((await api(alice, 'POST', `/api/projects/${id}/execute`)).status, 200);
    await untilAgentCalled('DeveloperAgent');

    const again = await api(alice, 'POST', `/api/projects/${id}/execute`);
    assert.equal(again.status, 400);
    assert.equal(again.body.error_code, 'PROJ_002');
    assert.equal((await api(alice, 'POST', `/api/projects/${id}/resume`)).body.error_code, 'PROJ_002');
    assert.equal((await api(bob, 'POST', `/api/projects/${id}/stop`)).status, 404);

    const stopped = await api(alice, 'POST', `/api/projects/${id}/stop`);
    assert.equal(stopped.status, 200, JSON.stringify(stopped.body));
    assert.equal(stopped.body.project_id, id);
    assert.equal(stopped.body.status, 'cancelled');
    assert.ok(stopped.body.stopped_at);
    const after = await project(id);
    assert.equal(after.status, 'cancelled');
    assert.equal(after.current_stage, 'development');
    assert.equal(t.app.services.workflows.isRunning(id), false);

    // Resume continues after the last finished stage and completes without redoing it.
    fake.reset();
    fake.respondWith(scriptedProject({ modules: 2 }));
    const resumed = await api(alice, 'POST', `/api/projects/${id}/resume`);
    assert.equal(resumed.status, 200, JSON.stringify(resumed.body));
    assert.ok(['architecture_design', 'ui_design'].includes(resumed.body.checkpoint_stage));
    assert.equal(resumed.body.current_stage, 'development');
    assert.equal(resumed.body.status, 'running');
    await t.app.services.workflows.settled(id);
    assert.equal((await project(id)).status, 'completed');
    assert.ok(!fake.requests.some((request) => JSON.stringify(request.body).includes('RequirementsAnalystAgent')));

    const audited = await queryRows<{ action: string; actor_id: number; payload: { workflow_id?: string; from_status?: string } }>(
      t.database, sql`SELECT action, actor_id, payload FROM audit_logs WHERE entity = 'workflow' AND resource_id = ${String(id)} ORDER BY seq`,
    );
    assert.deepEqual(audited.map((entry) => [entry.action, entry.actor_id]), [['start', alice.id], ['stop', alice.id], ['resume', alice.id]]);
    assert.equal(audited[2]!.payload.workflow_id, resumed.body.workflow_id);
    assert.equal(audited[1]!.payload.from_status, 'running');
  });

  test('deleting a running project stops its workflow first', async () => {
    fake.respondWith(scriptedProject({ modules: 2, override: (agent) => (agent === 'DeveloperAgent' ? { delayMs: 60_000, text: 'never' } : undefined) }));
    const id = await createProject(t.app, alice.accessToken);
    assert.equal((await api(alice, 'POST', `/api/projects/${id}/execute`)).status, 200);
    await untilAgentCalled('DeveloperAgent');
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/projects/${id}`, headers: alice.auth });
    assert.equal(deleted.statusCode, 204);
    assert.equal(t.app.services.workflows.isRunning(id), false);
    assert.equal((await api(alice, 'GET', `/api/projects/${id}`)).status, 404);
    const rows = await queryRows<{ n: number }>(t.database, sql`select count(*)::int as n from workflow_events where project_id = ${id}`);
    assert.equal(rows[0]!.n, 0);
  });

  test('stop without a running workflow: 400', async () => {
    const id = await createProject(t.app, alice.accessToken);
    const response = await api(alice, 'POST', `/api/projects/${id}/stop`);
    assert.equal(response.status, 400);
    assert.match(response.body.detail ?? response.body.message ?? JSON.stringify(response.body), /no running workflow/);
  });

  test('resume without a checkpoint: 400 with the reason, nothing starts', async () => {
    const id = await createProject(t.app, alice.accessToken);
    const response = await api(alice, 'POST', `/api/projects/${id}/resume`);
    assert.equal(response.status, 400);
    assert.match(JSON.stringify(response.body), /no checkpoint/);
    assert.equal((await project(id)).status, 'pending');
    assert.equal((await api(bob, 'POST', `/api/projects/${id}/resume`)).status, 404);
  });
});
