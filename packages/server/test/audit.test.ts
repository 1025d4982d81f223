import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createHmac } from 'node:crypto';
import { deriveAuditKeys } from '../src/governance/audit-keys.ts';
import { canonicalJson } from '../src/governance/canonical.ts';
import { createTestApp, createUser, queryRows, STRONG_PASSWORD, type TestApp, type TestUser } from './support.ts';

let t: TestApp;
let admin: TestUser;
let member: TestUser;
before(async () => {
  t = await createTestApp();
  admin = await createUser(t.app, 'auditadmin');
  member = await createUser(t.app, 'auditmember');
});
after(() => t.close());

interface Log { id: string; entity: string; action: string; actor_id: number | null; resource_id: string | null; status: string; payload: Record<string, unknown>; ip_address: string | null; user_agent: string | null; timestamp: string; prev_hash: string; hash: string }

async function logs(query: string): Promise<{ logs: Log[]; total: number; has_more: boolean }> {
  const response = await t.app.inject({ method: 'GET', url: `/api/admin/audit/logs?${query}`, headers: admin.auth });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

describe('auth events land in the chain', () => {
  test('register, login, failed logins, logout, password change and API keys are recorded with ip and user agent', async () => {
    const user = await createUser(t.app, 'audited');
    const failed = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'user-agent': 'audit-test/1.0' }, payload: { email: user.email, password: 'Wrong-pass1' } });
    assert.equal(failed.statusCode, 401);
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody-here', password: 'Wrong-pass1' } });
    const key = (await t.app.inject({ method: 'POST', url: '/api/auth/api-keys', headers: user.auth, payload: { name: 'ci' } })).json();
    await t.app.inject({ method: 'DELETE', url: `/api/auth/api-keys/${key.id}`, headers: user.auth });
    const changed = await t.app.inject({
      method: 'POST', url: '/api/auth/change-password', headers: user.auth,
      payload: { current_password: STRONG_PASSWORD, new_password: 'Another-pass42' },
    });
    assert.equal(changed.statusCode, 200);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: user.auth })).statusCode, 200);

    const mine = (await logs(`actor_id=${user.id}&limit=1000`)).logs.reverse();
    assert.deepEqual(
      mine.map((l) => `${l.entity}/${l.action}/${l.status}`),
      ['user/create/success', 'user/login/success', 'user/login/failure', 'api_key/create/success', 'api_key/delete/success', 'user/password_change/success', 'user/logout/success'],
    );
    assert.equal(mine[2]!.user_agent, 'audit-test/1.0');
    assert.equal(mine[2]!.payload.reason, 'bad_credentials');
    assert.equal(mine[0]!.ip_address, '127.0.0.1');
    assert.equal(mine[3]!.resource_id, String(key.id));
    assert.ok(!JSON.stringify(mine).includes(key.key), 'the API key secret is never audited');
    assert.ok(!JSON.stringify(mine).includes(STRONG_PASSWORD), 'passwords are never audited');

    const anonymous = (await logs('entity=user&action=login')).logs.find((l) => l.actor_id === null);
    assert.equal(anonymous?.payload.login, 'nobody-here');
    assert.equal(anonymous?.status, 'failure');
  });
});

describe('GET /api/admin/audit/logs', () => {
  test('filters by entity, action, actor and time, newest first, with total and has_more', async () => {
    const all = await logs('limit=2');
    assert.equal(all.logs.length, 2);
    assert.equal(all.has_more, true);
    assert.ok(all.total > 2);
    assert.ok(Number(all.logs[0]!.id.slice(4)) > Number(all.logs[1]!.id.slice(4)));
    assert.match(all.logs[0]!.id, /^log-\d+$/);

    const logins = await logs(`entity=user&action=login&actor_id=${member.id}`);
    assert.ok(logins.logs.length >= 1);
    assert.ok(logins.logs.every((l) => l.action === 'login' && l.actor_id === member.id));

    const future = await logs(`from_ts=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
    assert.deepEqual(future, { logs: [], total: 0, has_more: false });
    const past = await logs('to_ts=2000-01-01');
    assert.equal(past.total, 0);
  });

  test('administrators only: 401 without credentials, 403 for other users', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/admin/audit/logs' })).statusCode, 401);
    const forbidden = await t.app.inject({ method: 'GET', url: '/api/admin/audit/logs?limit=5000', headers: member.auth });
    assert.equal(forbidden.statusCode, 403, 'authorization comes before validation');
    assert.equal(forbidden.json().error.code, 'FORBIDDEN');
    for (const [method, url] of [['POST', '/api/admin/audit/verify'], ['GET', '/api/admin/audit/export?format=csv']] as const) {
      assert.equal((await t.app.inject({ method, url, headers: member.auth })).statusCode, 403, url);
      assert.equal((await t.app.inject({ method, url })).statusCode, 401, url);
    }
  });

  test('bad input answers 400 VALIDATION_ERROR', async () => {
    for (const query of ['limit=0', 'limit=1001', 'limit=abc', 'actor_id=-1', 'from_ts=yesterday', 'to_ts=2024-13-40', 'unknown=1',
      `from_ts=2024-02-01T00:00:00Z&to_ts=2024-01-01T00:00:00Z`]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/admin/audit/logs?${query}`, headers: admin.auth });
      assert.equal(response.statusCode, 400, query);
      assert.equal(response.json().error.code, 'VALIDATION_ERROR', query);
    }
  });
});

describe('the chain', () => {
  test('each entry links to the previous one and its hash is the documented canonical hash', async () => {
    const rows = await queryRows<{ seq: string; prev_hash: string; hash: string }>(t.database, sql`SELECT seq, prev_hash, hash FROM audit_logs ORDER BY seq`);
    assert.equal(rows[0]!.prev_hash, '0'.repeat(64));
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash);
    const [newest] = (await logs('limit=1')).logs;
    const { hash, ...record } = newest!;
    const { hmacKey } = deriveAuditKeys(t.config.encryptionKey);
    assert.equal(createHmac('sha256', hmacKey).update(canonicalJson(record)).digest('hex'), hash, 'an exported entry without its hash re-hashes to it under the key');
  });

  test('concurrent appends never fork the chain', async () => {
    const { auditChain } = t.app.services;
    await Promise.all(Array.from({ length: 40 }, (_, i) => auditChain.append({ entity: 'project', action: 'create', actorId: admin.id, resourceId: i })));
    const rows = await queryRows<{ seq: string }>(t.database, sql`SELECT seq FROM audit_logs ORDER BY seq`);
    rows.forEach((row, index) => assert.equal(Number(row.seq), index + 1));
    const verified = await t.app.inject({ method: 'POST', url: '/api/admin/audit/verify', headers: admin.auth });
    assert.equal(verified.json().valid, true);
  });

  test('the table refuses UPDATE, DELETE and TRUNCATE', async () => {
    for (const statement of [sql`UPDATE audit_logs SET action = 'forged' WHERE seq = 1`, sql`DELETE FROM audit_logs WHERE seq = 1`, sql`TRUNCATE audit_logs`]) {
      await assert.rejects(t.database.db.execute(statement), (error: Error & { cause?: Error }) => /append-only/.test(`${error.message} ${error.cause?.message}`));
    }
    assert.equal((await queryRows(t.database, sql`SELECT 1 FROM audit_logs WHERE seq = 1 AND action <> 'forged'`)).length, 1);
  });
});

describe('export', () => {
  test('JSON and CSV stream every entry in range with its hashes, and the export itself is recorded', async () => {
    const { total } = await logs('limit=1');
    const json = await t.app.inject({ method: 'GET', url: '/api/admin/audit/export?format=json', headers: admin.auth });
    assert.equal(json.statusCode, 200);
    assert.match(json.headers['content-type'] as string, /application\/json/);
    assert.match(json.headers['content-disposition'] as string, /attachment; filename="audit-logs-.*\.json"/);
    const exported = json.json() as Log[];
    assert.equal(exported.length, total + 1, 'includes the entry recording this export');
    assert.equal(exported.at(-1)!.entity, 'audit_log');
    assert.equal(exported.at(-1)!.action, 'export');
    assert.equal(exported[1]!.prev_hash, exported[0]!.hash);

    const csv = await t.app.inject({ method: 'GET', url: '/api/admin/audit/export?format=csv', headers: admin.auth });
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    const lines = csv.body.trimEnd().split('\r\n');
    assert.equal(lines[0], 'id,timestamp,entity,action,actor_id,resource_id,organization_id,status,ip_address,user_agent,payload,prev_hash,hash');
    assert.equal(lines.length, 1 + total + 2);
    assert.match(lines[1]!, /^log-1,/);

    const none = await t.app.inject({ method: 'GET', url: '/api/admin/audit/export?format=csv&to_ts=2000-01-01', headers: admin.auth });
    assert.equal(none.body.trimEnd().split('\r\n').length, 1);
  });

  test('unknown formats and reversed ranges answer 400 and export nothing', async () => {
    const before = (await logs('entity=audit_log&action=export')).total;
    for (const query of ['format=xml', 'format=', 'from_ts=2024-02-01&to_ts=2024-01-01']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/admin/audit/export?${query}`, headers: admin.auth });
      assert.equal(response.statusCode, 400, query);
      assert.equal(response.json().error.code, 'VALIDATION_ERROR');
    }
    assert.equal((await logs('entity=audit_log&action=export')).total, before);
  });
});

describe('POST /api/admin/audit/verify', () => {
  test('reports a valid chain, counts the range and rejects reversed ranges', async () => {
    const whole = await t.app.inject({ method: 'POST', url: '/api/admin/audit/verify', headers: admin.auth, payload: {} });
    assert.equal(whole.statusCode, 200);
    const report = whole.json();
    assert.equal(report.valid, true);
    assert.equal(report.tampered_count, 0);
    assert.deepEqual(report.broken_chains, []);
    assert.equal(report.verified_count, (await logs('limit=1')).total);
    assert.equal(typeof report.verification_time_ms, 'number');

    const keys = await t.app.inject({ method: 'POST', url: '/api/admin/audit/verify', headers: admin.auth, payload: { entity: 'api_key' } });
    assert.equal(keys.json().verified_count, (await logs('entity=api_key')).total);

    const reversed = await t.app.inject({
      method: 'POST', url: '/api/admin/audit/verify', headers: admin.auth,
      payload: { from_ts: '2024-01-31T23:59:59Z', to_ts: '2024-01-01T00:00:00Z' },
    });
    assert.equal(reversed.statusCode, 400);
    assert.equal(reversed.json().error.code, 'VALIDATION_ERROR');
    const unknownField = await t.app.inject({ method: 'POST', url: '/api/admin/audit/verify', headers: admin.auth, payload: { since: 'x' } });
    assert.equal(unknownField.statusCode, 400);
  });
});

describe('GET /api/audit-logs (ResoftAI view)', () => {
  test('administrators see every entry in the documented shape; users only their own', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/audit-logs?action=LOGIN&days=7', headers: admin.auth });
    assert.equal(response.statusCode, 200);
    const entries = response.json() as { id: number; action: string; resource_type: string; resource_id: number; user_id: number; description: string; changes: object; timestamp: string }[];
    assert.ok(entries.length >= 2);
    assert.ok(entries.every((e) => e.action === 'LOGIN' && e.resource_type === 'user'));
    assert.ok(Number.isInteger(entries[0]!.id));
    assert.ok(new Set(entries.map((e) => e.user_id)).size > 1);
    const memberLogin = entries.find((e) => e.user_id === member.id)!;
    assert.equal(memberLogin.resource_id, member.id);
    assert.equal(memberLogin.description, `login user ${member.id}`);

    const own = (await t.app.inject({ method: 'GET', url: '/api/audit-logs', headers: member.auth })).json() as { user_id: number }[];
    assert.ok(own.length >= 2);
    assert.ok(own.every((e) => e.user_id === member.id));
    const other = await t.app.inject({ method: 'GET', url: `/api/audit-logs?user_id=${admin.id}`, headers: member.auth });
    assert.equal(other.statusCode, 403);
  });

  test('bad input answers 422', async () => {
    for (const query of ['action=PROMOTE', 'days=0', 'days=x', 'user_id=abc', 'limit=0']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/audit-logs?${query}`, headers: admin.auth });
      assert.equal(response.statusCode, 422, query);
    }
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/audit-logs' })).statusCode, 401);
  });
});
