import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createTestApp, createUser, queryRows, type TestApp } from './support.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('an API key is shown once, stored as SHA-256 and accepted as X-API-Key or Bearer', async () => {
  const owner = await createUser(t.app);
  const created = await t.app.inject({ method: 'POST', url: '/api/auth/api-keys', headers: owner.auth, payload: { name: 'ci' } });
  assert.equal(created.statusCode, 201);
  const { key, id, name, prefix } = created.json();
  assert.match(key, /^rsk_[A-Za-z0-9_-]{43}$/);
  assert.equal(name, 'ci');
  assert.ok(key.startsWith(prefix));

  const [stored] = await queryRows<{ key_hash: string }>(t.database, sql`SELECT key_hash FROM api_keys WHERE id = ${id}`);
  assert.equal(stored!.key_hash, createHash('sha256').update(key).digest('hex'));

  const listed = await t.app.inject({ method: 'GET', url: '/api/auth/api-keys', headers: owner.auth });
  assert.equal(listed.statusCode, 200);
  assert.equal(listed.json().length, 1);
  assert.ok(!listed.body.includes(key));

  for (const headers of [{ 'x-api-key': key }, { authorization: `Bearer ${key}` }]) {
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().id, owner.id);
  }
  const afterUse = await t.app.inject({ method: 'GET', url: '/api/auth/api-keys', headers: owner.auth });
  assert.ok(afterUse.json()[0].last_used_at);
});

test('deleting a key refuses it at once; another user can neither list nor delete it', async () => {
  const owner = await createUser(t.app);
  const intruder = await createUser(t.app);
  const { key, id } = (await t.app.inject({ method: 'POST', url: '/api/auth/api-keys', headers: owner.auth, payload: { name: 'temp' } })).json();

  const intruderList = await t.app.inject({ method: 'GET', url: '/api/auth/api-keys', headers: intruder.auth });
  assert.deepEqual(intruderList.json(), []);
  const intruderDelete = await t.app.inject({ method: 'DELETE', url: `/api/auth/api-keys/${id}`, headers: intruder.auth });
  assert.equal(intruderDelete.statusCode, 404);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'x-api-key': key } })).statusCode, 200);

  const deleted = await t.app.inject({ method: 'DELETE', url: `/api/auth/api-keys/${id}`, headers: owner.auth });
  assert.equal(deleted.statusCode, 204);
  assert.equal(deleted.body, '');
  const refused = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'x-api-key': key } });
  assert.equal(refused.statusCode, 401);
  assert.equal(refused.json().detail, 'Invalid API key');
});

test('bad input: empty or long names, non-numeric ids, unknown keys', async () => {
  const owner = await createUser(t.app);
  for (const payload of [{ name: '' }, { name: '   ' }, { name: 'x'.repeat(101) }, {}, { name: 'ok', extra: 1 }]) {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/api-keys', headers: owner.auth, payload });
    assert.equal(response.statusCode, 422, JSON.stringify(payload));
  }
  assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/auth/api-keys', headers: owner.auth })).json(), []);
  for (const id of ['abc', '-1', '0', '1.5', '99999999999']) {
    const response = await t.app.inject({ method: 'DELETE', url: `/api/auth/api-keys/${id}`, headers: owner.auth });
    assert.equal(response.statusCode, 422, id);
  }
  const unknown = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'x-api-key': 'rsk_unknown' } });
  assert.equal(unknown.statusCode, 401);
});

test('an API key cannot log out a session', async () => {
  const owner = await createUser(t.app);
  const { key } = (await t.app.inject({ method: 'POST', url: '/api/auth/api-keys', headers: owner.auth, payload: { name: 'sdk' } })).json();
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { 'x-api-key': key } });
  assert.equal(response.statusCode, 400);
});
