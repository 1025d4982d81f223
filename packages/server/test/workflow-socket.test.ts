import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { STAGES } from '@resoftai/engine';
import { scriptedProject } from '@resoftai/engine/testing';
import { startFakeProviderServer, type FakeProviderServer } from '@resoftai/llm/testing';
import { io, type Socket } from 'socket.io-client';
import { createTestApp, createUser, STRONG_PASSWORD, testConfig, type TestApp, type TestUser } from './support.ts';
import { call, createFakeLlmConfig, createProject } from './workflow-support.ts';

const EVENTS = ['project_update', 'agent_activity', 'workflow_started', 'stage_completed', 'workflow_completed', 'workflow_failed'] as const;

interface Received {
  event: string;
  data: Record<string, unknown>;
}

let t: TestApp;
let fake: FakeProviderServer;
let base: string;
let alice: TestUser;
let bob: TestUser;
const sockets: Socket[] = [];
before(async () => {
  // Generated tests really run here, in the sandbox.
  [t, fake] = await Promise.all([createTestApp({ workflow: { ...testConfig().workflow, autoResume: true, concurrency: 2, runTests: true } }), startFakeProviderServer()]);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  alice = await createUser(t.app);
  bob = await createUser(t.app);
  await createFakeLlmConfig(t.app, alice.accessToken, fake);
});
after(async () => {
  for (const socket of sockets) socket.disconnect();
  await t.close();
  await fake.close();
});

function connect(token: string | undefined): Socket {
  const socket = io(base, { auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  return socket;
}

async function connected(socket: Socket): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
}

/** Records every workflow event the socket receives, in arrival order. */
function record(socket: Socket): Received[] {
  const received: Received[] = [];
  for (const event of EVENTS) socket.on(event, (data) => received.push({ event, data }));
  return received;
}

const subscribe = (socket: Socket, payload: unknown) => socket.timeout(5000).emitWithAck('subscribe_project', payload) as Promise<Record<string, unknown>>;

describe('Socket.IO', () => {
  test('no token or a bad one: connect_error', async () => {
    await assert.rejects(connected(connect(undefined)), /Not authenticated/);
    await assert.rejects(connected(connect('not-a-token')), /.+/);
  });

  test('a user who must change an administrator-reset password cannot connect until they do', async () => {
    const carol = await createUser(t.app);
    // alice registered first, so she is the administrator.
    const reset = await t.app.inject({ method: 'POST', url: `/api/admin/users/${carol.id}/reset-password`, headers: alice.auth });
    assert.equal(reset.statusCode, 200, reset.body);
    const temporaryLogin = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: carol.email, password: reset.json().temporary_password } });
    assert.equal(temporaryLogin.statusCode, 200, temporaryLogin.body);
    const token = temporaryLogin.json().access_token as string;
    await assert.rejects(connected(connect(token)), /Password change required/);

    const changed = await t.app.inject({
      method: 'POST', url: '/api/auth/change-password', headers: { authorization: `Bearer ${token}` },
      payload: { current_password: reset.json().temporary_password, new_password: 'Chosen-Pass-77' },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    await connected(connect(token));
  });

  test('a full run: every stage event arrives in order, sandboxed tests ran; a late subscriber with since replays it all', async () => {
    fake.respondWith(scriptedProject({ stack: 'node', modules: 2 }));
    const id = await createProject(t.app, alice.accessToken);
    const socket = connect(alice.accessToken);
    await connected(socket);
    const received = record(socket);
    const ack = await subscribe(socket, { project_id: id });
    assert.equal(ack.ok, true);

    assert.equal((await call(base, alice.accessToken, 'POST', `/api/projects/${id}/execute`)).status, 200);
    await t.app.services.workflows.settled(id);
    while (received.at(-1)?.event !== 'workflow_completed') await new Promise((resolve) => setTimeout(resolve, 20));

    assert.equal(received[0]!.event, 'workflow_started');
    assert.equal(received[0]!.data.project_id, id);
    const seqs = received.map((item) => item.data.seq as number);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
    assert.equal(new Set(seqs).size, seqs.length);
    const stages = received.filter((item) => item.event === 'stage_completed').map((item) => item.data.stage as string);
    assert.deepEqual([...stages].sort(), [...STAGES].sort());
    // A stage completes only after its inputs.
    for (const [index, stage] of STAGES.entries()) if (index > 0) assert.ok(stages.indexOf(stage) > stages.indexOf('requirements_analysis'));
    assert.ok(stages.indexOf('development') > stages.indexOf('architecture_design'));
    assert.ok(stages.indexOf('testing') > stages.indexOf('development'));
    assert.equal(stages.at(-1), 'completion');
    const completed = received.at(-1)!.data;
    assert.equal(completed.project_id, id);
    assert.ok((completed.tokens_used as number) > 0);
    const progress = received.filter((item) => item.event === 'project_update').map((item) => item.data.progress as number);
    assert.deepEqual(progress, [...progress].sort((a, b) => a - b));
    assert.equal(progress.at(-1), 100);
    assert.ok(received.some((item) => item.event === 'agent_activity' && item.data.agent_name === 'DeveloperAgent'));

    const report = (await call(base, alice.accessToken, 'GET', `/api/files?project_id=${id}&limit=100`)).body as Array<{ id: number; filename: string }>;
    const testReport = report.find((file) => /test.?report/i.test(file.filename));
    assert.ok(testReport, report.map((file) => file.filename).join(', '));
    const content = await t.app.inject({ method: 'GET', url: `/api/files/${testReport.id}/download`, headers: alice.auth });
    assert.match(content.body, /pass/i);

    const late = connect(alice.accessToken);
    await connected(late);
    const replayed = record(late);
    await subscribe(late, { project_id: id, since: 0 });
    assert.deepEqual(replayed.map((item) => item.data.seq), seqs);
    const partial = connect(alice.accessToken);
    await connected(partial);
    const rest = record(partial);
    await subscribe(partial, { project_id: id, since: seqs[4] });
    assert.deepEqual(rest.map((item) => item.data.seq), seqs.slice(5));
  });

  test("another user cannot subscribe: an error event, no events", async () => {
    const id = await createProject(t.app, alice.accessToken);
    const socket = connect(bob.accessToken);
    await connected(socket);
    const errors: Array<Record<string, unknown>> = [];
    socket.on('error', (data) => errors.push(data));
    const ack = await subscribe(socket, { project_id: id, since: 0 });
    assert.equal(ack.ok, false);
    assert.equal(ack.error_code, 'PROJ_001');
    const invalid = await subscribe(socket, { project_id: 'abc' });
    assert.equal(invalid.error_code, 'VALIDATION_ERROR');
    assert.equal(errors.length, 2);
  });

  test('a socket ends with its credential: logout, a deleted API key and a suspension close it; other sockets stay', async () => {
    const ended = (socket: Socket) => new Promise<Record<string, unknown>>((resolve) => {
      let error: Record<string, unknown> = {};
      socket.on('error', (data) => { error = data; });
      socket.on('disconnect', () => resolve(error));
    });
    const dave = await createUser(t.app);
    const secondLogin = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: dave.email, password: STRONG_PASSWORD } });
    assert.equal(secondLogin.statusCode, 200, secondLogin.body);
    const [loggedOut, otherSession, bystander] = [connect(dave.accessToken), connect(secondLogin.json().access_token), connect(bob.accessToken)];
    await Promise.all([connected(loggedOut), connected(otherSession), connected(bystander)]);

    const loggedOutEnded = ended(loggedOut);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: dave.auth })).statusCode, 200);
    assert.equal((await loggedOutEnded).error_code, 'AUTH_001');
    assert.equal(otherSession.connected, true, 'the session that did not log out keeps its socket');

    const key = await call(base, secondLogin.json().access_token, 'POST', '/api/auth/api-keys', { name: 'socket' });
    const keySocket = connect(key.body.key);
    await connected(keySocket);
    const keySocketEnded = ended(keySocket);
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/auth/api-keys/${key.body.id}`, headers: { authorization: `Bearer ${secondLogin.json().access_token}` } });
    assert.equal(deleted.statusCode, 204);
    await keySocketEnded;
    assert.equal(otherSession.connected, true);

    const suspendedEnded = ended(otherSession);
    const suspended = await t.app.inject({ method: 'POST', url: `/api/admin/users/${dave.id}/suspend`, headers: alice.auth, payload: { reason: 'left the company' } });
    assert.equal(suspended.statusCode, 200, suspended.body);
    await suspendedEnded;
    assert.equal(bystander.connected, true, "another user's socket is untouched");
  });

  test('a demoted administrator loses the subscriptions only the role allowed; the socket stays', async () => {
    const frank = await createUser(t.app);
    assert.equal((await t.app.inject({ method: 'PUT', url: `/api/admin/users/${frank.id}/role`, headers: alice.auth, payload: { role: 'admin' } })).statusCode, 200);
    const bobsProject = await createProject(t.app, bob.accessToken);
    const socket = connect(frank.accessToken);
    await connected(socket);
    assert.equal((await subscribe(socket, { project_id: bobsProject })).ok, true, 'administrators read every project');
    const ended = new Promise<Record<string, unknown>>((resolve) => socket.once('error', resolve));
    assert.equal((await t.app.inject({ method: 'PUT', url: `/api/admin/users/${frank.id}/role`, headers: alice.auth, payload: { role: 'user' } })).statusCode, 200);
    assert.deepEqual(await ended, { error_code: 'PROJ_001', message: 'Project not found', project_id: bobsProject });
    assert.equal(socket.connected, true);
  });

  test('an API key authenticates the handshake', async () => {
    const created = await call(base, alice.accessToken, 'POST', '/api/auth/api-keys', { name: 'socket' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const socket = connect(created.body.key);
    await connected(socket);
    assert.equal((await subscribe(socket, { project_id: await createProject(t.app, alice.accessToken) })).ok, true);
  });
});
