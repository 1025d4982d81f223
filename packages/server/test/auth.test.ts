import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { UserRepository } from '../src/db/repositories/users.ts';
import { createTokenIssuer } from '../src/security/tokens.ts';
import { createTestApp, createUser, queryRows, STRONG_PASSWORD, type TestApp } from './support.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const post = (url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });

async function userCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.database, sql`SELECT count(*)::int AS n FROM users`);
  return Number(row!.n);
}

describe('register', () => {
  test('the first user becomes admin, later ones do not', async () => {
    const first = await post('/api/auth/register', { username: 'first_user', email: 'First@Example.com', password: STRONG_PASSWORD, full_name: 'Ada Lovelace' });
    assert.equal(first.statusCode, 201);
    const body = first.json();
    assert.equal(body.username, 'first_user');
    assert.equal(body.email, 'first@example.com');
    assert.equal(body.full_name, 'Ada Lovelace');
    assert.equal(body.is_admin, true);
    assert.equal(body.role, 'admin');
    assert.equal(body.is_active, true);
    assert.equal(typeof body.id, 'number');
    assert.ok(!('password' in body) && !('password_hash' in body));

    const second = await post('/api/auth/register', { username: 'second_user', email: 'second@example.com', password: STRONG_PASSWORD });
    assert.equal(second.statusCode, 201);
    assert.equal(second.json().is_admin, false);
  });

  test('duplicate username and duplicate email get 400 with distinct messages and write nothing', async () => {
    const before = await userCount();
    const byName = await post('/api/auth/register', { username: 'FIRST_USER', email: 'other@example.com', password: STRONG_PASSWORD });
    assert.equal(byName.statusCode, 400);
    assert.equal(byName.json().detail, 'Username already registered');
    const byEmail = await post('/api/auth/register', { username: 'another', email: 'FIRST@example.com', password: STRONG_PASSWORD });
    assert.equal(byEmail.statusCode, 400);
    assert.equal(byEmail.json().detail, 'Email already registered');
    assert.equal(await userCount(), before);
  });

  for (const password of ['Short1!', 'alllowercase', 'lowercase123', 'NOLOWER123', 'x'.repeat(129) + 'A1!']) {
    test(`weak password ${JSON.stringify(password.slice(0, 16))} gets 422 and writes nothing`, async () => {
      const before = await userCount();
      const response = await post('/api/auth/register', { username: 'weakling', email: 'weak@example.com', password });
      assert.equal(response.statusCode, 422);
      const body = response.json();
      assert.equal(body.error_code, 'VALIDATION_ERROR');
      assert.deepEqual(body.detail[0].loc, ['body', 'password']);
      assert.equal(await userCount(), before);
    });
  }

  const badBodies: [string, unknown][] = [
    ['missing password', { username: 'nopass', email: 'nopass@example.com' }],
    ['extra field', { username: 'extra', email: 'extra@example.com', password: STRONG_PASSWORD, is_admin: true }],
    ['invalid email', { username: 'bademail', email: 'not-an-email', password: STRONG_PASSWORD }],
    ['oversized username', { username: 'u'.repeat(51), email: 'long@example.com', password: STRONG_PASSWORD }],
    ['SQL-looking username', { username: "x'; DROP TABLE users; --", email: 'sql@example.com', password: STRONG_PASSWORD }],
    ['very long full name', { username: 'longname', email: 'longname@example.com', password: STRONG_PASSWORD, full_name: '名'.repeat(201) }],
    ['wrong types', { username: 42, email: true, password: null }],
    ['array body', [1, 2, 3]],
  ];
  for (const [name, payload] of badBodies) {
    test(`${name} gets 422 with field locations and writes nothing`, async () => {
      const before = await userCount();
      const response = await post('/api/auth/register', payload);
      assert.equal(response.statusCode, 422, response.body);
      const body = response.json();
      assert.ok(Array.isArray(body.detail) && body.detail.length > 0);
      assert.equal(body.status_code, 422);
      assert.equal(body.error.code, 'VALIDATION_ERROR');
      assert.equal(await userCount(), before);
    });
  }

  test('unicode and SQL-looking text in free fields is stored literally', async () => {
    const response = await post('/api/auth/register', {
      username: 'unicode_user',
      email: 'unicode@example.com',
      password: STRONG_PASSWORD,
      full_name: "张三 O'Brien'); DROP TABLE users; -- 🚀",
    });
    assert.equal(response.statusCode, 201);
    assert.equal(response.json().full_name, "张三 O'Brien'); DROP TABLE users; -- 🚀");
  });

  test('malformed JSON gets 422 and a non-JSON content type gets 415', async () => {
    const malformed = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: '{"username":', headers: { 'content-type': 'application/json' } });
    assert.equal(malformed.statusCode, 422);
    assert.equal(malformed.json().detail[0].msg, 'Malformed JSON body');
    const text = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: 'hello', headers: { 'content-type': 'text/plain' } });
    assert.equal(text.statusCode, 415);
    assert.equal(text.json().error_code, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('login, refresh, logout', () => {
  test('form login with email, form login with username and JSON login all answer tokens and the user', async () => {
    const user = await createUser(t.app, 'login_user');
    const forms = [
      `username=${encodeURIComponent(user.email)}&password=${encodeURIComponent(STRONG_PASSWORD)}`,
      `username=login_user&password=${encodeURIComponent(STRONG_PASSWORD)}&grant_type=password`,
    ];
    for (const form of forms) {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.equal(body.token_type, 'bearer');
      assert.equal(body.expires_in, 1800);
      assert.equal(body.user.email, user.email);
      assert.ok(body.access_token && body.refresh_token);
    }
    const json = await post('/api/auth/login', { email: user.email.toUpperCase(), password: STRONG_PASSWORD });
    assert.equal(json.statusCode, 200);
    assert.equal(json.json().user.username, 'login_user');
  });

  test('wrong password and unknown user both get 401 AUTH_001 with the same message', async () => {
    await createUser(t.app, 'wrong_pw');
    const wrong = await post('/api/auth/login', { username: 'wrong_pw', password: 'NotThePassword1!' });
    const unknown = await post('/api/auth/login', { username: 'nobody_here', password: STRONG_PASSWORD });
    for (const response of [wrong, unknown]) {
      assert.equal(response.statusCode, 401);
      assert.equal(response.json().error_code, 'AUTH_001');
      assert.equal(response.json().error.code, 'UNAUTHORIZED');
      assert.equal(response.json().detail, 'Incorrect username or password');
    }
  });

  test('a suspended account gets 403 on login and its tokens stop working', async () => {
    const user = await createUser(t.app, 'suspended_user');
    await new UserRepository(t.database.db, t.app.services.caches).update(user.id, { status: 'suspended' });
    const login = await post('/api/auth/login', { username: 'suspended_user', password: STRONG_PASSWORD });
    assert.equal(login.statusCode, 403);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: user.auth });
    assert.equal(me.statusCode, 403);
  });

  test('refresh accepts the refresh token as Bearer header or JSON body, and refuses access tokens', async () => {
    const user = await createUser(t.app, 'refresher');
    const byHeader = await post('/api/auth/refresh', undefined, { authorization: `Bearer ${user.refreshToken}` });
    assert.equal(byHeader.statusCode, 200, byHeader.body);
    assert.deepEqual(Object.keys(byHeader.json()).sort(), ['access_token', 'expires_in', 'token_type']);
    const byBody = await post('/api/auth/refresh', { refresh_token: user.refreshToken });
    assert.equal(byBody.statusCode, 200);
    const fresh = byBody.json().access_token as string;
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${fresh}` } })).statusCode, 200);

    const withAccess = await post('/api/auth/refresh', { refresh_token: user.accessToken });
    assert.equal(withAccess.statusCode, 401);
    const withNothing = await post('/api/auth/refresh');
    assert.equal(withNothing.statusCode, 401);
  });

  test('a refresh token is not accepted as an access token', async () => {
    const user = await createUser(t.app, 'refresh_as_access');
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${user.refreshToken}` } });
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().detail, 'An access token is required');
  });

  test('logout revokes both tokens of that session only', async () => {
    const user = await createUser(t.app, 'leaver');
    const other = await post('/api/auth/login', { username: 'leaver', password: STRONG_PASSWORD });
    const otherAuth = { authorization: `Bearer ${other.json().access_token}` };

    const logout = await post('/api/auth/logout', undefined, user.auth);
    assert.equal(logout.statusCode, 200);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: user.auth });
    assert.equal(me.statusCode, 401);
    assert.equal(me.json().detail, 'Session has been revoked or has expired');
    assert.equal((await post('/api/auth/refresh', { refresh_token: user.refreshToken })).statusCode, 401);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: otherAuth })).statusCode, 200);
  });
});

describe('tokens that must be refused', () => {
  test('expired, tampered, foreign-key and alg:none tokens get 401', async () => {
    const user = await createUser(t.app, 'token_victim');
    const [header, payload, signature] = user.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const sessionId = claims.sid as string;

    const expired = createTokenIssuer(t.config.jwtSecret, { access: -10, refresh: 60 }).sign('access', user.id, sessionId);
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: '1' })).toString('base64url')}.${signature}`;
    const foreign = createTokenIssuer('another-secret-that-is-long-enough-000', { access: 60, refresh: 60 }).sign('access', user.id, sessionId);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;

    const cases: [string, string, string][] = [
      ['expired', expired, 'AUTH_002'],
      ['tampered', tampered, 'AUTH_001'],
      ['foreign key', foreign, 'AUTH_001'],
      ['alg none', none, 'AUTH_001'],
      ['garbage', 'not.a.jwt', 'AUTH_001'],
    ];
    for (const [name, token, code] of cases) {
      const response = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.statusCode, 401, name);
      assert.equal(response.json().error_code, code, name);
    }
  });

  test('no credential gets 401 and the envelope', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().detail, 'Not authenticated');
  });
});

describe('me and change-password', () => {
  test('GET and PUT /api/auth/me', async () => {
    const user = await createUser(t.app, 'profile_user');
    await createUser(t.app, 'profile_other');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: user.auth });
    assert.equal(me.json().username, 'profile_user');

    const updated = await t.app.inject({ method: 'PUT', url: '/api/auth/me', headers: user.auth, payload: { full_name: 'John Smith', email: 'John.Smith@example.com' } });
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.json().full_name, 'John Smith');
    assert.equal(updated.json().email, 'john.smith@example.com');
    assert.ok(updated.json().updated_at >= updated.json().created_at);

    const taken = await t.app.inject({ method: 'PUT', url: '/api/auth/me', headers: user.auth, payload: { email: 'profile_other@example.com' } });
    assert.equal(taken.statusCode, 400);
    const escalation = await t.app.inject({ method: 'PUT', url: '/api/auth/me', headers: user.auth, payload: { role: 'admin' } });
    assert.equal(escalation.statusCode, 422);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: user.auth });
    assert.equal(after.json().email, 'john.smith@example.com');
    assert.equal(after.json().is_admin, false);
  });

  test('change-password checks the current password and strength, then ends the other sessions', async () => {
    const user = await createUser(t.app, 'pw_changer');
    const other = await post('/api/auth/login', { username: 'pw_changer', password: STRONG_PASSWORD });
    const otherAuth = { authorization: `Bearer ${other.json().access_token}` };

    const wrong = await post('/api/auth/change-password', { current_password: 'Wrong-Pass-1', new_password: 'NewSecurePass123!' }, user.auth);
    assert.equal(wrong.statusCode, 401);
    const weak = await post('/api/auth/change-password', { current_password: STRONG_PASSWORD, new_password: 'weak' }, user.auth);
    assert.equal(weak.statusCode, 422);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: otherAuth })).statusCode, 200);

    const ok = await post('/api/auth/change-password', { current_password: STRONG_PASSWORD, new_password: 'NewSecurePass123!' }, user.auth);
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().message, 'Password changed successfully');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: user.auth })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: otherAuth })).statusCode, 401);
    assert.equal((await post('/api/auth/login', { username: 'pw_changer', password: STRONG_PASSWORD })).statusCode, 401);
    assert.equal((await post('/api/auth/login', { username: 'pw_changer', password: 'NewSecurePass123!' })).statusCode, 200);
  });

  test('passwords are stored as argon2id hashes', async () => {
    await createUser(t.app, 'hash_check');
    const [row] = await queryRows<{ password_hash: string }>(t.database, sql`SELECT password_hash FROM users WHERE username = 'hash_check'`);
    assert.match(row!.password_hash, /^\$argon2id\$/);
  });
});
