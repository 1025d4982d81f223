import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createProject, tableCounts } from './project-support.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

let t: TestApp;
let user: TestUser;
let port: number;
before(async () => {
  t = await createTestApp();
  user = await createUser(t.app);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
after(() => t.close());

const ENVELOPE_KEYS = ['detail', 'error', 'error_code', 'request_id', 'status_code', 'timestamp'];

/** A request over a real socket, for what `inject` never sends: raw paths, huge headers. */
function rawRequest(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) as Record<string, unknown> }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function countRows(table: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.database, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
  return row!.n;
}

describe('text the database cannot store', () => {
  test('a NUL character is refused with 422 naming the field, and nothing is written', async () => {
    const before = await tableCounts(t.database);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/projects',
      headers: user.auth,
      payload: { name: 'Shop\u0000', requirements: 'A web shop with carts, orders and payments.' },
    });
    assert.equal(response.statusCode, 422, response.body);
    assert.deepEqual(response.json().detail[0].loc, ['body', 'name']);
    assert.match(response.json().error.details[0].message, /NUL/);
    assert.deepEqual(await tableCounts(t.database), before);
  });

  test('a NUL in a login, a query string or an API key name is refused the same way', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a\u0000@example.com', password: 'x' } });
    assert.equal(login.statusCode, 422);
    const query = await t.app.inject({ method: 'GET', url: '/api/projects?status=%00', headers: user.auth });
    assert.equal(query.statusCode, 422);
    assert.deepEqual(query.json().detail[0].loc, ['querystring', 'status']);
    const keysBefore = await countRows('api_keys');
    const key = await t.app.inject({ method: 'POST', url: '/api/auth/api-keys', headers: user.auth, payload: { name: 'ci\u0000' } });
    assert.equal(key.statusCode, 422);
    assert.equal(await countRows('api_keys'), keysBefore);
  });

  test('an unpaired surrogate in free-form JSON is refused, a paired one is kept', async () => {
    const alertsBefore = await countRows('alerts');
    const lone = await t.app.inject({
      method: 'POST',
      url: '/api/monitoring/alerts',
      headers: { ...user.auth, 'content-type': 'application/json' },
      payload: '{"alert_type":"disk","severity":"medium","message":"full","details":{"note":"\\ud800"}}',
    });
    assert.equal(lone.statusCode, 422, lone.body);
    assert.deepEqual(lone.json().detail[0].loc, ['body', 'details', 'note']);
    assert.equal(await countRows('alerts'), alertsBefore);
    const paired = await t.app.inject({
      method: 'POST',
      url: '/api/monitoring/alerts',
      headers: user.auth,
      payload: { alert_type: 'disk', severity: 'medium', message: 'full 😀', details: { note: '😀' } },
    });
    assert.equal(paired.statusCode, 201, paired.body);
  });

  test('CodeRev routes refuse it with their 400', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/analyze', headers: user.auth, payload: { code: 'x = 1\u0000', language: 'python' } });
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(response.json().error.code, 'VALIDATION_ERROR');
  });
});

describe('free-form JSON', () => {
  test('a 5,000-deep details object is refused with 422, not a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/monitoring/alerts',
      headers: { ...user.auth, 'content-type': 'application/json' },
      payload: `{"alert_type":"disk","severity":"medium","message":"deep","details":${deep}}`,
    });
    assert.equal(response.statusCode, 422, response.body);
    assert.match(response.json().error.message, /deeper than 32 levels/);
  });

  test('an empty body with Content-Type: application/json is no body where the operation takes none', async () => {
    const leaving = await createUser(t.app);
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { ...leaving.auth, 'content-type': 'application/json' }, payload: '' });
    assert.equal(response.statusCode, 200, response.body);
  });

  test('an operation that needs a body still says so', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/projects', headers: { ...user.auth, 'content-type': 'application/json' }, payload: '' });
    assert.equal(response.statusCode, 422);
  });
});

describe('malformed multipart', () => {
  test('a body without its boundary, or cut short, is a 400 in the envelope and stores nothing', async () => {
    const project = await createProject(t.app, user);
    const before = await tableCounts(t.database);
    const noBoundary = await t.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...user.auth, 'content-type': 'multipart/form-data' },
      payload: 'garbage',
    });
    assert.equal(noBoundary.statusCode, 400, noBoundary.body);
    assert.deepEqual(Object.keys(noBoundary.json()).sort(), ENVELOPE_KEYS);
    const cut = await t.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...user.auth, 'content-type': 'multipart/form-data; boundary=XYZ' },
      payload: `--XYZ\r\nContent-Disposition: form-data; name="project_id"\r\n\r\n${project.id}\r\n--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.py"\r\n\r\nprint(1)`,
    });
    assert.equal(cut.statusCode, 400, cut.body);
    assert.match(cut.json().error.message, /Malformed multipart body/);
    assert.deepEqual(await tableCounts(t.database), before);
  });
});

describe('refusals before routing, in the envelope', () => {
  test('a path that is not valid UTF-8 is a 400', async () => {
    const response = await rawRequest('/api/projects/%c0%af');
    assert.equal(response.status, 400);
    assert.deepEqual(Object.keys(response.body).sort(), ENVELOPE_KEYS);
  });

  test('a path parameter over the router\'s length limit is a 4xx in the envelope (the web app\'s fallback route answers 404)', async () => {
    const response = await rawRequest(`/api/projects/${'1'.repeat(150)}`);
    assert.equal(response.status, 404, JSON.stringify(response.body));
    assert.equal(response.body.status_code, 404);
    assert.deepEqual(Object.keys(response.body).sort(), ENVELOPE_KEYS);
  });

  test('headers over the size limit are a 431', async () => {
    const response = await rawRequest(`/api/health?${'q'.repeat(20_000)}`, { 'x-padding': 'p'.repeat(20_000) });
    assert.equal(response.status, 431);
    assert.deepEqual(Object.keys(response.body).sort(), ENVELOPE_KEYS);
    assert.equal(response.body.status_code, 431);
  });
});

describe('a write and its audit entry', () => {
  test('commit together: when the audit entry cannot be written, the API key is not created either', async () => {
    await queryRows(t.database, sql.raw(`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit unavailable'; END $$`));
    await queryRows(t.database, sql.raw('CREATE TRIGGER audit_logs_refuse_insert BEFORE INSERT ON "audit_logs" FOR EACH ROW EXECUTE FUNCTION refuse_audit()'));
    try {
      const keysBefore = await countRows('api_keys');
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/api-keys', headers: user.auth, payload: { name: 'ci' } });
      assert.equal(response.statusCode, 500);
      assert.equal(await countRows('api_keys'), keysBefore);
    } finally {
      await queryRows(t.database, sql.raw('DROP TRIGGER audit_logs_refuse_insert ON "audit_logs"'));
      await queryRows(t.database, sql.raw('DROP FUNCTION refuse_audit()'));
    }
    const created = await t.app.inject({ method: 'POST', url: '/api/auth/api-keys', headers: user.auth, payload: { name: 'ci' } });
    assert.equal(created.statusCode, 201, created.body);
  });
});
