import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { UserRepository } from '../src/db/repositories/users.ts';
import { createTestApp, createUser, queryRows, STRONG_PASSWORD, type TestApp, type TestUser } from './support.ts';

let t: TestApp;
let admin: TestUser;
before(async () => {
  t = await createTestApp();
  admin = await createUser(t.app, 'rootadmin');
});
after(() => t.close());

const post = (url: string, who: TestUser, payload?: object) => t.app.inject({ method: 'POST', url, headers: who.auth, ...(payload ? { payload } : {}) });
const login = (user: TestUser, password = STRONG_PASSWORD) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password } });

async function auditActions(userId: number): Promise<string[]> {
  const rows = await queryRows<{ action: string }>(t.database, sql`SELECT action FROM audit_logs WHERE entity = 'user' AND resource_id = ${String(userId)} AND actor_id = ${admin.id} ORDER BY seq`);
  return rows.map((r) => r.action);
}

describe('GET /api/admin/users', () => {
  test('filters by status, role and email/username search, paginated', async () => {
    await createUser(t.app, 'findme_alpha');
    await createUser(t.app, 'findme_beta');
    const response = await t.app.inject({ method: 'GET', url: '/api/admin/users?search=FINDME&limit=1&page=2', headers: admin.auth });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.total, 2);
    assert.equal(body.page, 2);
    assert.equal(body.limit, 1);
    assert.equal(body.users.length, 1);
    assert.equal(body.users[0].username, 'findme_alpha');
    assert.equal(body.users[0].status, 'active');
    assert.equal(body.users[0].must_change_password, false);
    assert.ok(!('password_hash' in body.users[0]) && !response.body.includes('argon2'));

    const admins = (await t.app.inject({ method: 'GET', url: '/api/admin/users?role=admin', headers: admin.auth })).json();
    assert.deepEqual(admins.users.map((u: { id: number }) => u.id), [admin.id]);
    const wildcard = (await t.app.inject({ method: 'GET', url: '/api/admin/users?search=%25', headers: admin.auth })).json();
    assert.equal(wildcard.total, 0, 'LIKE wildcards in the search are literal');
  });

  test('administrators only; bad input is 400 VALIDATION_ERROR', async () => {
    const member = await createUser(t.app);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/admin/users' })).statusCode, 401);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: member.auth })).statusCode, 403);
    assert.equal((await post(`/api/admin/users/${admin.id}/suspend`, member, { reason: 'x' })).statusCode, 403);
    for (const query of ['page=0', 'limit=101', 'status=deleted', 'role=root', 'search=', 'extra=1']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/admin/users?${query}`, headers: admin.auth });
      assert.equal(response.statusCode, 400, query);
      assert.equal(response.json().error.code, 'VALIDATION_ERROR');
    }
    for (const [url, payload] of [['/api/admin/users/abc/suspend', { reason: 'x' }], ['/api/admin/users/0/suspend', { reason: 'x' }],
      [`/api/admin/users/${member.id}/suspend`, {}], [`/api/admin/users/${member.id}/suspend`, { reason: ' ' }]] as const) {
      assert.equal((await post(url, admin, payload)).statusCode, 400, `${url} ${JSON.stringify(payload)}`);
    }
    assert.equal((await t.app.inject({ method: 'PUT', url: `/api/admin/users/${member.id}/role`, headers: admin.auth, payload: { role: 'root' } })).statusCode, 400);
    assert.equal((await post('/api/admin/users/999999/suspend', admin, { reason: 'x' })).statusCode, 404);
    assert.equal((await post('/api/admin/users/999999/reset-password', admin)).statusCode, 404);
  });
});

describe('suspend and reactivate', () => {
  test('suspending ends sessions and API keys at once; login answers 403 until reactivated', async () => {
    const user = await createUser(t.app);
    const { key } = (await post('/api/auth/api-keys', user, { name: 'ci' })).json();
    // Warm the in-process session cache so suspension must invalidate it.
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: user.auth })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'x-api-key': key } })).statusCode, 200);

    const suspended = await post(`/api/admin/users/${user.id}/suspend`, admin, { reason: 'Terms of service' });
    assert.equal(suspended.statusCode, 200);
    assert.equal(suspended.json().status, 'suspended');
    assert.equal(suspended.json().is_active, false);

    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: user.auth })).statusCode, 401);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'x-api-key': key } })).statusCode, 401);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refresh_token: user.refreshToken } })).statusCode, 401);
    assert.equal((await login(user)).statusCode, 403);
    assert.deepEqual(await queryRows(t.database, sql`SELECT id FROM api_keys WHERE user_id = ${user.id}`), []);
    assert.deepEqual(await queryRows(t.database, sql`SELECT id FROM sessions WHERE user_id = ${user.id} AND revoked_at IS NULL`), []);
    assert.equal((await post(`/api/admin/users/${user.id}/suspend`, admin, { reason: 'again' })).statusCode, 409);

    const reactivated = await post(`/api/admin/users/${user.id}/reactivate`, admin);
    assert.equal(reactivated.statusCode, 200);
    assert.equal(reactivated.json().status, 'active');
    assert.equal((await login(user)).statusCode, 200);
    assert.equal((await post(`/api/admin/users/${user.id}/reactivate`, admin)).statusCode, 409);
    assert.deepEqual(await auditActions(user.id), ['suspend', 'reactivate']);
  });

  test('administrators cannot suspend or demote themselves', async () => {
    const self = await post(`/api/admin/users/${admin.id}/suspend`, admin, { reason: 'oops' });
    assert.equal(self.statusCode, 403);
    const demote = await t.app.inject({ method: 'PUT', url: `/api/admin/users/${admin.id}/role`, headers: admin.auth, payload: { role: 'user' } });
    assert.equal(demote.statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin.auth })).json().is_admin, true);
  });
});

describe('roles', () => {
  test('granting and removing the administrator role takes effect at once', async () => {
    const user = await createUser(t.app);
    const granted = await t.app.inject({ method: 'PUT', url: `/api/admin/users/${user.id}/role`, headers: admin.auth, payload: { role: 'admin' } });
    assert.equal(granted.statusCode, 200);
    assert.equal(granted.json().is_admin, true);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: user.auth })).statusCode, 200);
    const removed = await t.app.inject({ method: 'PUT', url: `/api/admin/users/${user.id}/role`, headers: admin.auth, payload: { role: 'user' } });
    assert.equal(removed.json().role, 'user');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: user.auth })).statusCode, 403);
    assert.deepEqual(await auditActions(user.id), ['role_change', 'role_change']);
  });

  test('two administrators demoting each other at once leave one administrator', async () => {
    const other = await createUser(t.app);
    await t.app.inject({ method: 'PUT', url: `/api/admin/users/${other.id}/role`, headers: admin.auth, payload: { role: 'admin' } });
    const [a, b] = await Promise.all([
      t.app.inject({ method: 'PUT', url: `/api/admin/users/${other.id}/role`, headers: admin.auth, payload: { role: 'user' } }),
      t.app.inject({ method: 'PUT', url: `/api/admin/users/${admin.id}/role`, headers: other.auth, payload: { role: 'user' } }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    assert.equal(statuses.filter((s) => s === 200).length, 1, JSON.stringify(statuses));
    assert.ok([403, 409].includes(statuses[1]!));
    const admins = await queryRows(t.database, sql`SELECT id FROM users WHERE role = 'admin' AND status = 'active'`);
    assert.equal(admins.length, 1);
    // Later tests act as `admin` as the only administrator: swap the roles back if this race went the other way.
    if (a.statusCode !== 200) {
      await t.app.inject({ method: 'PUT', url: `/api/admin/users/${admin.id}/role`, headers: other.auth, payload: { role: 'admin' } });
      await t.app.inject({ method: 'PUT', url: `/api/admin/users/${other.id}/role`, headers: admin.auth, payload: { role: 'user' } });
    }
  });

  test('the repository refuses to remove the last active administrator', async () => {
    const users = new UserRepository(t.database.db, t.app.services.caches);
    const admins = await queryRows<{ id: number }>(t.database, sql`SELECT id FROM users WHERE role = 'admin' AND status = 'active'`);
    assert.equal(admins.length, 1);
    const only = admins[0];
    assert.equal(await users.updateKeepingAnAdmin(only!.id, { role: 'user' }), 'last_admin');
    assert.equal(await users.updateKeepingAnAdmin(only!.id, { status: 'suspended' }), 'last_admin');
    assert.equal((await users.findById(only!.id))?.role, 'admin');
  });
});

describe('reset-password', () => {
  test('a temporary password logs in, but everything except change-password, me and logout answers 403 until changed', async () => {
    const user = await createUser(t.app);
    const reset = await post(`/api/admin/users/${user.id}/reset-password`, admin);
    assert.equal(reset.statusCode, 200);
    const { temporary_password, expires_at } = reset.json();
    assert.ok(temporary_password.length >= 16);
    const ttl = new Date(expires_at).getTime() - Date.now();
    assert.ok(ttl > 23.9 * 3600_000 && ttl <= 24 * 3600_000);

    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: user.auth })).statusCode, 401, 'existing sessions end');
    assert.equal((await login(user)).statusCode, 401, 'the old password no longer works');
    const tempLogin = await login(user, temporary_password);
    assert.equal(tempLogin.statusCode, 200);
    const auth = { authorization: `Bearer ${tempLogin.json().access_token}` };

    const blocked = await t.app.inject({ method: 'GET', url: '/api/auth/api-keys', headers: auth });
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().error_code, 'PASSWORD_CHANGE_REQUIRED');
    assert.equal(blocked.json().error.code, 'PASSWORD_CHANGE_REQUIRED');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/audit-logs', headers: auth })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth })).statusCode, 200);

    const changed = await t.app.inject({
      method: 'POST', url: '/api/auth/change-password', headers: auth,
      payload: { current_password: temporary_password, new_password: 'Chosen-Pass-77' },
    });
    assert.equal(changed.statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/api-keys', headers: auth })).statusCode, 200);
    assert.deepEqual(await auditActions(user.id), ['password_reset']);
  });

  test('an expired temporary password is refused at login', async () => {
    const user = await createUser(t.app);
    const { temporary_password } = (await post(`/api/admin/users/${user.id}/reset-password`, admin)).json();
    await t.database.db.execute(sql`UPDATE users SET password_expires_at = now() - interval '1 minute' WHERE id = ${user.id}`);
    t.app.services.caches.sessions.deleteUser(user.id);
    const response = await login(user, temporary_password);
    assert.equal(response.statusCode, 401);
    assert.match(response.json().detail, /expired/);
  });
});
