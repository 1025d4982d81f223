import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../src/app.ts';
import { createTestApp, createUser, testConfig, type TestApp } from './support.ts';

const onPostgres = process.env.TEST_DATABASE === 'postgres';

describe('GET /api/ready', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('200 with the checks that passed: the database, and on PostgreSQL the cache invalidation listener', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/ready' });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { status: 'ready', checks: onPostgres ? { database: 'ok', cache_invalidation: 'ok' } : { database: 'ok' } });
  });

  test('is documented, with its 503', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operation = document.paths['/api/ready'].get;
    assert.ok(operation.responses['200'] && operation.responses['503']);
    assert.deepEqual(Object.keys(operation.responses['200'].content['application/json'].schema.properties.checks.properties).sort(), ['cache_invalidation', 'database', 'job_queue']);
  });

  test('is not rate limited, like /api/health', async () => {
    const defaults = testConfig().rateLimit;
    const limited = await createTestApp({ rateLimit: { ...defaults, enabled: true, perMinuteByTier: { ...defaults.perMinuteByTier, free: 1 } } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await limited.app.inject({ method: 'GET', url: '/api/ready' })).statusCode);
      assert.deepEqual(statuses, [200, 200, 200]);
    } finally {
      await limited.close();
    }
  });
});

describe('GET /api/ready without the invalidation listener', { skip: onPostgres ? false : 'the listener exists on PostgreSQL only' }, () => {
  let t: TestApp;
  let app: Awaited<ReturnType<typeof buildApp>>;
  before(async () => {
    t = await createTestApp();
    // The pool works, but the listener's connections are refused (nothing listens on port 1).
    app = await buildApp({ config: t.config, database: { ...t.database, url: 'postgres://postgres@127.0.0.1:1/postgres' }, logger: false });
    await app.ready();
  });
  after(async () => {
    await app?.close();
    await t?.close();
  });

  test('503 in the error envelope naming the failing check, while /api/health (liveness) stays 200', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/ready' });
    assert.equal(response.statusCode, 503);
    const body = response.json();
    assert.equal(body.status_code, 503);
    assert.equal(body.error.code, 'SERVICE_UNAVAILABLE');
    assert.equal(body.detail, 'Not ready: cache_invalidation failing');
    assert.equal((await app.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
  });

  test('sessions are not cached while invalidations could be missed', async () => {
    const user = await createUser(app, 'uncached_user');
    for (let i = 0; i < 2; i++) assert.equal((await app.inject({ method: 'GET', url: '/api/auth/me', headers: user.auth })).statusCode, 200);
    assert.equal(app.services.caches.sessions.active, false);
    assert.equal(app.services.caches.memberships.active, false);
    const sid = (JSON.parse(Buffer.from(user.accessToken.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;
    assert.equal(app.services.caches.sessions.get(sid, user.id), undefined);
  });
});
