import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { agentOf, scriptedProject } from '@resoftai/engine/testing';
import { startFakeProviderServer, type FakeProviderServer, type FakeResponder } from '@resoftai/llm/testing';
import { PluginRepository } from '../src/db/repositories/plugins.ts';
import { SecretBox } from '../src/security/secret-box.ts';
import { PluginHookDispatcher } from '../src/services/plugin-hooks.ts';
import { pluginConfig } from './plugin-support.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';
import { call, createFakeLlmConfig, createProject } from './workflow-support.ts';

interface Delivery {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  body: { event: string; user_id: number; data: Record<string, unknown>; sent_at: string };
}

/** A local webhook receiver that keeps every request. */
async function startReceiver(): Promise<{ url: string; deliveries: Delivery[]; close(): Promise<void> }> {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      deliveries.push({ headers: request.headers, raw, body: JSON.parse(raw) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, deliveries, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const SECRET = 'whsec-0123456789abcdef';
const HEADER = 'Copyright 2026 Example Corp\nSPDX-License-Identifier: MIT';

let t: TestApp;
let fake: FakeProviderServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
before(async () => {
  [t, fake, receiver] = await Promise.all([createTestApp(pluginConfig), startFakeProviderServer(), startReceiver()]);
});
beforeEach(() => fake.reset());
after(async () => {
  await t.close();
  await fake.close();
  await receiver.close();
});

async function api(user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const response = await t.app.inject({ method, url, headers: user.auth, ...(payload === undefined ? {} : { payload: payload as object }) });
  assert.ok(response.statusCode < 300, `${method} ${url}: ${response.body}`);
  return response.body ? response.json() : undefined;
}

async function userWithModel(): Promise<TestUser> {
  const user = await createUser(t.app);
  await createFakeLlmConfig(t.app, user.accessToken, fake);
  return user;
}

/** Runs a project's workflow to its end; answers the project. */
async function runWorkflow(user: TestUser, responder: FakeResponder = scriptedProject({ modules: 2 })) {
  fake.respondWith(responder);
  const id = await createProject(t.app, user.accessToken);
  const started = await call(t.app, user.accessToken, 'POST', `/api/projects/${id}/execute`);
  assert.equal(started.status, 200, JSON.stringify(started.body));
  await t.app.services.workflows.settled(id);
  return (await call(t.app, user.accessToken, 'GET', `/api/projects/${id}`)).body;
}

async function fileContent(user: TestUser, projectId: number, path: string): Promise<string> {
  const files = await api(user, 'GET', `/api/files?project_id=${projectId}&limit=100`);
  const file = files.find((candidate: { filename: string }) => candidate.filename === path);
  assert.ok(file, `${path} among ${files.map((candidate: { filename: string }) => candidate.filename).join(', ')}`);
  return (await api(user, 'GET', `/api/files/${file.id}`)).content;
}

/** The scripted Node project, with the developer's code squeezed onto one line (as a model may write it). */
function unformattedNodeProject(transform: (code: string) => string = (code) => code): FakeResponder {
  const script = scriptedProject({ modules: 2, stack: 'node' });
  return async (request) => {
    const reply = await script(request);
    if (agentOf(request) !== 'DeveloperAgent' || reply.text === undefined) return reply;
    return { ...reply, text: transform(reply.text.replace(/\) \{\n {2}return (.+);\n\}/g, '){return $1}')) };
  };
}

describe('webhook-notifier', () => {
  test("posts the installing user's workflow events, signed; another user's run posts nothing; toggled off it stops", async () => {
    const alice = await userWithModel();
    const bob = await userWithModel();
    await api(alice, 'POST', '/api/marketplace/plugins/webhook-notifier/install', {});
    await api(alice, 'PUT', '/api/plugins/webhook-notifier/settings', { url: receiver.url, secret: SECRET });

    const project = await runWorkflow(alice);
    assert.equal(project.status, 'completed');
    const events = receiver.deliveries.map((delivery) => delivery.body.event);
    assert.deepEqual(events, [
      'workflow.started',
      ...Array<string>(7).fill('stage.completed'),
      'workflow.completed',
    ]);
    const stages = receiver.deliveries.filter((delivery) => delivery.body.event === 'stage.completed').map((delivery) => delivery.body.data.stage);
    assert.deepEqual([...stages].sort(), ['architecture_design', 'completion', 'development', 'qa_review', 'requirements_analysis', 'testing', 'ui_design']);
    for (const delivery of receiver.deliveries) {
      const expected = createHmac('sha256', SECRET).update(delivery.raw).digest('hex');
      assert.equal(delivery.headers['x-resoftai-signature'], `sha256=${expected}`);
      assert.equal(delivery.headers['x-resoftai-event'], delivery.body.event);
      assert.equal(delivery.body.user_id, alice.id);
      assert.equal(delivery.body.data.project_id, project.id);
    }
    const stored = await queryRows<{ workflow_id: string }>(t.database, sql`select workflow_id from workflow_runs where project_id = ${project.id}`);
    assert.equal(receiver.deliveries[0]!.body.data.workflow_id, stored[0]!.workflow_id);
    const qa = receiver.deliveries.find((delivery) => delivery.body.data.stage === 'qa_review')!;
    assert.deepEqual(Object.keys((qa.body.data.analysis as object)).sort(), ['score', 'summary'], 'findings stay on the platform');
    const posted = receiver.deliveries.length;

    assert.equal((await runWorkflow(bob)).status, 'completed');
    assert.equal(receiver.deliveries.length, posted, "bob's run posts nothing");

    const off = await api(alice, 'POST', '/api/plugins/webhook-notifier/toggle');
    assert.equal(off.is_active, false);
    assert.equal((await runWorkflow(alice)).status, 'completed');
    assert.equal(receiver.deliveries.length, posted, 'a deactivated plugin does not run');
  });
});

describe('file.saving plugins', () => {
  test('code-formatter then license-header: saved code is formatted and carries the header', async () => {
    const carol = await userWithModel();
    await api(carol, 'POST', '/api/marketplace/plugins/code-formatter/install', {});
    await api(carol, 'POST', '/api/marketplace/plugins/license-header/install', {});
    await api(carol, 'PUT', '/api/plugins/license-header/settings', { header: HEADER });

    const project = await runWorkflow(carol, unformattedNodeProject());
    assert.equal(project.status, 'completed');
    const header = '// Copyright 2026 Example Corp\n// SPDX-License-Identifier: MIT\n\n';
    assert.equal(await fileContent(carol, project.id, 'src/module_0.js'), `${header}export function compute0(x) {\n  return x + 1;\n}\n`);
    assert.ok((await fileContent(carol, project.id, 'test/module_1.test.js')).startsWith(header));
    assert.ok(!(await fileContent(carol, project.id, 'docs/SRS.md')).includes('Copyright'), 'documents get no header');
  });

  test('a user without plugins gets the code as generated', async () => {
    const dave = await userWithModel();
    const project = await runWorkflow(dave, unformattedNodeProject());
    assert.equal(await fileContent(dave, project.id, 'src/module_0.js'), 'export function compute0(x){return x + 1}\n');
  });
});

describe('security-gate', () => {
  test('fails qa_review when the analyzer reports a critical finding; passes clean code', async () => {
    const erin = await userWithModel();
    await api(erin, 'POST', '/api/marketplace/plugins/security-gate/install', {});

    const failed = await runWorkflow(erin, unformattedNodeProject((text) => text.replace('return x + 1', 'return eval(x) + 1')));
    assert.equal(failed.status, 'failed');
    assert.equal(failed.current_stage, 'qa_review');
    const events = await queryRows<{ payload: { stage: string; error_message: string } }>(t.database, sql`select payload from workflow_events where project_id = ${failed.id} and type = 'workflow_failed'`);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.payload.stage, 'qa_review');
    assert.match(events[0]!.payload.error_message, /plugin security-gate failed qa_review: .*1 critical finding.*src\/module_0\.js:1 S001/);
    const completed = await queryRows<{ n: number }>(t.database, sql`select count(*)::int as n from workflow_events where project_id = ${failed.id} and type = 'stage_completed' and payload->>'stage' in ('qa_review', 'completion')`);
    assert.equal(completed[0]!.n, 0);

    assert.equal((await runWorkflow(erin, unformattedNodeProject())).status, 'completed');
  });

  test('fails closed: when the analysis itself fails, qa_review is rejected with the reason and the failure is logged', async () => {
    const grace = await createUser(t.app);
    assert.equal((await api(grace, 'POST', '/api/marketplace/plugins/security-gate/install', {})).version, '1.1.0');
    const warnings: string[] = [];
    const dispatcher = new PluginHookDispatcher(
      new PluginRepository(t.database.db), new SecretBox(t.config.encryptionKey), 5000, { warn: (_fields, message) => warnings.push(message) },
      async () => { throw new Error('parser crashed'); },
    );
    const hooks = dispatcher.forWorkflow({ userId: grace.id, projectId: 1, workflowId: 'wf_gate' });
    const completion = { duration_seconds: 1, tokens_used: 1, code_files: [{ path: 'src/app.js', content: 'eval(x);\n' }] };
    const verdict = await hooks.stageCompleted({ ...completion, stage: 'qa_review' });
    assert.equal(verdict.rejection, "plugin security-gate failed qa_review: security-gate: the code could not be checked (the static analyzer failed on the project's code: parser crashed), so the gate does not pass it");
    assert.deepEqual(warnings, ["the qa_review analysis failed; plugins get analysis_error instead"]);
    assert.equal((await hooks.stageCompleted({ ...completion, stage: 'testing' })).rejection, null, 'other stages need no analysis');
  });
});

describe('a failing plugin', () => {
  test('throws in its hooks: logged and disabled for the run, the workflow completes and other plugins still run', async () => {
    const frank = await userWithModel();
    await api(frank, 'POST', '/api/marketplace/plugins/crashing-plugin/install', {});
    await api(frank, 'POST', '/api/marketplace/plugins/license-header/install', {});
    await api(frank, 'PUT', '/api/plugins/license-header/settings', { header: HEADER });
    const calls = () => (globalThis as { crashingPluginCalls?: string[] }).crashingPluginCalls ?? [];
    const warnings: Array<{ details: Record<string, unknown>; message: string }> = [];
    const warn = t.app.log.warn;
    t.app.log.warn = ((details: Record<string, unknown>, message: string) => void warnings.push({ details, message })) as typeof warn;
    const project = await runWorkflow(frank, unformattedNodeProject()).finally(() => { t.app.log.warn = warn; });
    assert.deepEqual(warnings.map((warning) => [warning.details.plugin, warning.details.hook, warning.details.user_id]), [['crashing-plugin', 'workflow.started', frank.id]]);
    assert.match(String(warnings[0]!.details.err), /crashing-plugin always fails/);
    assert.equal(project.status, 'completed');
    assert.ok((await fileContent(frank, project.id, 'src/module_0.js')).startsWith('// Copyright 2026 Example Corp\n'));
    assert.deepEqual(calls(), ['workflow.started'], 'after its first failure the plugin is not called again in that run');
    assert.equal((await runWorkflow(frank)).status, 'completed');
    assert.deepEqual(calls(), ['workflow.started', 'workflow.started'], 'the next run calls it again');
  });
});

describe('every hook', () => {
  test('hears its payloads; llm.prompt changes what the model receives; analysis.completed follows code analyses', async () => {
    const grace = await userWithModel();
    const heard = () => ((globalThis as { hookRecorder?: Array<{ hook: string; user_id: number; payload: Record<string, unknown> }> }).hookRecorder ?? [])
      .filter((entry) => entry.user_id === grace.id);
    await api(grace, 'POST', '/api/marketplace/plugins/hook-recorder/install', {});
    const project = await runWorkflow(grace);
    assert.equal(project.status, 'completed');
    const hooks = new Set(heard().map((entry) => entry.hook));
    assert.deepEqual([...hooks].sort(), ['file.saving', 'llm.prompt', 'stage.completed', 'workflow.completed', 'workflow.started']);
    const saved = heard().filter((entry) => entry.hook === 'file.saving').map((entry) => entry.payload.path);
    assert.ok(saved.includes('calc/module_0.py') && saved.includes('docs/SRS.md'), saved.join(', '));
    const prompts = heard().filter((entry) => entry.hook === 'llm.prompt');
    assert.equal(prompts.length, fake.requests.length, 'one llm.prompt per model call');
    assert.ok(fake.requests.every((request) => JSON.stringify(request.body).includes('Plugin note: prefer small functions.')));
    const qa = heard().find((entry) => entry.hook === 'stage.completed' && entry.payload.stage === 'qa_review')!;
    const analysis = qa.payload.analysis as { summary: Record<string, number>; findings: Array<{ file_path: string }> };
    assert.equal(analysis.summary.critical, 0);
    assert.equal(Object.values(analysis.summary).reduce((sum, n) => sum + n, 0), analysis.findings.length);
    assert.ok(analysis.findings.every((finding) => finding.file_path.startsWith('calc/')), 'the code files are analysed');
    assert.equal(heard().find((entry) => entry.hook === 'stage.completed' && entry.payload.stage === 'testing')!.payload.analysis, null);

    const failing = await runWorkflow(grace, scriptedProject({ modules: 1, override: (agent) => (agent === 'ArchitectAgent' ? { status: 400, errorMessage: 'refused' } : undefined) }));
    assert.equal(failing.status, 'failed');
    const failed = heard().filter((entry) => entry.hook === 'workflow.failed');
    assert.equal(failed.length, 1);
    assert.equal(failed[0]!.payload.project_id, failing.id);
    assert.equal(failed[0]!.payload.stage, 'architecture_design');

    const recorded = () => (globalThis as { hookRecorder?: unknown[] }).hookRecorder?.length;
    const before = recorded();
    const henry = await createUser(t.app);
    await api(henry, 'POST', '/api/code-analysis', { code: 'x = 1\n', language: 'python' });
    assert.equal(recorded(), before, "another user's analysis runs none of grace's plugins");
    await api(grace, 'POST', '/api/code-analysis', { code: 'def f(x):\n    return eval(x)\n', language: 'python' });
    const analysed = heard().filter((entry) => entry.hook === 'analysis.completed');
    assert.equal(analysed.length, 1);
    assert.equal(analysed[0]!.payload.language, 'python');
    assert.equal((analysed[0]!.payload.summary as { critical: number }).critical, 1);
  });
});
