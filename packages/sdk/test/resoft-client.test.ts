import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { scriptedProject } from '@resoftai/engine/testing';
import { startFakeProviderServer, type FakeProviderServer } from '@resoftai/llm/testing';
import { createTestApp, createUser, STRONG_PASSWORD, type TestApp, type TestUser } from '../../server/test/support.ts';
import { ApiError, AuthenticationError, NotFoundError, PermissionDeniedError, ResoftClient, ValidationError, type WorkflowEvent } from '../src/index.ts';
import { startRelay } from './support.ts';

let t: TestApp;
let fake: FakeProviderServer;
let base: string;
let alice: TestUser;
let client: ResoftClient;

before(async () => {
  [t, fake] = await Promise.all([createTestApp({ accessTokenTtlSeconds: 60 }), startFakeProviderServer()]);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  alice = await createUser(t.app);
  client = new ResoftClient({ baseUrl: base, token: alice.accessToken, refreshToken: alice.refreshToken });
  await client.llmConfigs.create({ name: 'fake', provider: 'deepseek', api_key: 'sk-sdk-test-0123456789', api_base: fake.baseUrlFor('deepseek'), is_default: true });
});
after(async () => {
  await t.close();
  await fake.close();
});

describe('ResoftClient', () => {
  test('credentials: logs in on first use, renews a refused token, and hands every token pair to onTokens', async () => {
    const seen: string[] = [];
    const byPassword = new ResoftClient({ baseUrl: base, credentials: { login: alice.email, password: STRONG_PASSWORD }, onTokens: (tokens) => seen.push(tokens.access_token) });
    assert.equal((await byPassword.auth.me()).email, alice.email);
    assert.equal(seen.length, 1);

    // An access token the server no longer accepts (logged out) is renewed through the credentials.
    await fetch(`${base}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${seen[0]}` } });
    assert.equal((await byPassword.auth.me()).email, alice.email);
    assert.equal(seen.length, 2);
    assert.notEqual(seen[1], seen[0]);
  });

  test('a refresh token alone renews the session when the access token is refused', async () => {
    const other = await createUser(t.app);
    const renewed: string[] = [];
    const withStaleToken = new ResoftClient({ baseUrl: base, token: 'not-a-valid-token', refreshToken: other.refreshToken, onTokens: (tokens) => renewed.push(tokens.access_token) });
    assert.equal((await withStaleToken.auth.me()).id, other.id);
    assert.equal(renewed.length, 1);
  });

  test('a session that cannot be renewed ends once, with onSessionEnded; an anonymous 401 ends nothing', async () => {
    const other = await createUser(t.app);
    let ended = 0;
    const session = new ResoftClient({ baseUrl: base, token: other.accessToken, onSessionEnded: () => ended++ });
    await session.auth.logout();
    await assert.rejects(session.auth.me(), AuthenticationError);
    assert.equal(ended, 0, 'logout forgot the token: nothing was held to end');

    const revoked = new ResoftClient({ baseUrl: base, token: other.accessToken, onSessionEnded: () => ended++ });
    await assert.rejects(revoked.auth.me(), AuthenticationError);
    assert.equal(ended, 1);
    await assert.rejects(revoked.auth.me(), AuthenticationError);
    assert.equal(ended, 1);
  });

  test('errors are typed with the envelope: status, error_code, request_id, refused fields', async () => {
    const anonymous = new ResoftClient({ baseUrl: base });
    const unauthenticated = await anonymous.projects.list().catch((error: unknown) => error);
    assert.ok(unauthenticated instanceof AuthenticationError);
    assert.equal(unauthenticated.status, 401);
    assert.match(unauthenticated.requestId ?? '', /.+/);

    const refusedSocket = await new ResoftClient({ baseUrl: base, apiKey: 'rsk_not_a_key' }).projects.follow(1).next().catch((error: unknown) => error);
    assert.ok(refusedSocket instanceof ApiError);
    assert.equal(refusedSocket.status, 401);
    assert.equal(refusedSocket.errorCode, 'AUTH_001');

    const missing = await client.projects.get(987_654).catch((error: unknown) => error);
    assert.ok(missing instanceof NotFoundError);
    assert.equal(missing.status, 404);

    const refused = await client.projects.create({ name: '', requirements: 'short' }).catch((error: unknown) => error);
    assert.ok(refused instanceof ValidationError);
    assert.equal(refused.status, 422);
    assert.ok(refused.fields.some((field) => field.loc.includes('name')), JSON.stringify(refused.fields));
  });

  test('a user cannot read another user\'s project through the SDK either', async () => {
    const project = await client.projects.create({ name: 'private', requirements: 'A private requirement that is long enough.' });
    const bob = await createUser(t.app);
    const bobClient = new ResoftClient({ baseUrl: base, token: bob.accessToken });
    const refused = await bobClient.projects.get(project.id).catch((error: unknown) => error);
    assert.ok(refused instanceof NotFoundError || refused instanceof PermissionDeniedError, String(refused));
    await assert.rejects(bobClient.projects.follow(project.id).next(), (error: Error & { status?: number }) => error.status === 403);
  });

  test('files: upload, new version, versions, download, list with its total', async () => {
    const project = await client.projects.create({ name: 'files', requirements: 'A project that holds a few files for the SDK.' });
    const file = await client.files.upload(project.id, { path: 'src/app.py', content: 'print("one")\n' });
    assert.equal(file.filename, 'src/app.py');
    await client.files.update(file.id, 'print("two")\n');
    const versions = await client.files.versions(file.id);
    assert.equal(versions.length, 2);
    assert.equal(new TextDecoder().decode(await client.files.download(file.id)), 'print("two")\n');
    const page = await client.files.list({ project_id: project.id });
    assert.equal(page.total, 1);
    assert.equal(page.items[0]!.id, file.id);
  });

  test("projects.codeQualityHistory: the project's batch analyses newest first; monitoring series by day", async () => {
    const project = await client.projects.create({ name: 'quality', requirements: 'A project whose code quality is followed over time.' });
    await client.files.upload(project.id, { path: 'src/app.py', content: 'def run(data):\n    eval(data)\n' });
    const report = await client.projects.analyzeCode(project.id);
    const history = await client.projects.codeQualityHistory(project.id, { limit: 5 });
    assert.equal(history.total, 1);
    assert.deepEqual(history.items.map((item) => [item.project_id, item.overall_score, item.summary.critical]), [[project.id, report.overall_score, report.summary.critical]]);

    const usage = await client.monitoring.llmUsage({ days: 7 });
    assert.equal(usage.by_day.length, 8);
    assert.equal(usage.by_day.reduce((sum, day) => sum + day.tokens, 0), usage.total_tokens);
    const stats = await client.monitoring.workflowStats({ days: 7 });
    assert.equal(stats.by_day.at(-1)!.date, new Date().toISOString().slice(0, 10));
    assert.equal(stats.by_day.reduce((sum, day) => sum + day.total, 0), stats.total);
  });

  test('following a run that is stopped ends with its update to cancelled', async () => {
    fake.respondWith(scriptedProject({ modules: 2, override: (agent) => (agent === 'DeveloperAgent' ? { delayMs: 60_000, text: 'never' } : undefined) }));
    const project = await client.projects.create({ name: 'stopped', requirements: 'Build a small calculation library with one module per computation, each tested.', config: { enable_cache: false } });
    await client.projects.execute(project.id);
    const events: WorkflowEvent[] = [];
    let stopping: Promise<unknown> | undefined;
    for await (const event of client.projects.follow(project.id)) {
      events.push(event);
      if (!stopping && event.event === 'agent_activity' && event.stage === 'development') stopping = client.projects.stop(project.id);
    }
    await stopping;
    const last = events.at(-1)!;
    assert.equal(last.event, 'project_update');
    assert.equal(last.event === 'project_update' && last.status, 'cancelled');
  });

  test('a whole workflow followed through projects.follow: every event in order, across a dropped connection, to completion', async () => {
    fake.respondWith(scriptedProject({ modules: 2 }));
    const relay = await startRelay(new URL(base));
    try {
      const viaRelay = new ResoftClient({ baseUrl: relay.url, token: alice.accessToken });
      const project = await viaRelay.projects.create({ name: 'followed', requirements: 'Build a small calculation library with one module per computation, each tested.', config: { enable_cache: false } });
      await viaRelay.projects.execute(project.id);
      const events: WorkflowEvent[] = [];
      let dropped = false;
      for await (const event of viaRelay.projects.follow(project.id)) {
        events.push(event);
        if (!dropped && event.event === 'stage_completed') {
          dropped = true;
          relay.dropAll();
        }
      }
      assert.ok(dropped);
      assert.ok(relay.connections > 2, 'the socket connected again after the drop');
      assert.deepEqual(events.map((event) => event.seq), events.map((_, index) => index + 1), 'no gap and no repeat');
      assert.equal(events.at(-1)!.event, 'workflow_completed');
      const stored = await client.projects.events(project.id);
      assert.equal(stored.length, events.length);
      assert.equal((await client.projects.get(project.id)).status, 'completed');
      const zip = await client.projects.download(project.id);
      assert.equal(Buffer.from(zip.subarray(0, 2)).toString(), 'PK');

      // Following a finished run replays its history and ends; `since` skips what was already seen.
      const replayed: WorkflowEvent[] = [];
      for await (const event of client.projects.follow(project.id, { since: events.length - 2 })) replayed.push(event);
      assert.deepEqual(replayed.map((event) => event.seq), [events.length - 1, events.length]);
    } finally {
      await relay.close();
    }
  });
});
