import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { addMember, api, createOrganization } from './org-support.ts';
import { type IdTokenTamper, signInAtProvider, startIdentityProvider, type TestIdentityProvider } from './oidc-support.ts';
import { createTestApp, createUser, queryRows, STRONG_PASSWORD, type TestApp, type TestUser } from './support.ts';

// Single sign-on against a real OpenID Connect provider (oidc-provider on loopback): the settings, the whole code
// flow followed as a browser would, the refusals (each provisions nothing), and password sign-in when SSO is enforced.

const PUBLIC_URL = 'http://127.0.0.1:9';
const CALLBACK = `${PUBLIC_URL}/api/auth/sso/callback`;

let t: TestApp;
let idp: TestIdentityProvider;
let admin: TestUser;
let owner: TestUser;
let outsider: TestUser;
let orgId: number;
let everyoneTeam: number;
let devsTeam: number;

async function createTeam(name: string, isDefault: boolean): Promise<number> {
  const response = await api(t.app, admin, 'POST', '/api/teams', { organization_id: orgId, name, is_default: isDefault });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.id;
}

function settings(overrides: Record<string, unknown> = {}) {
  return {
    issuer: idp.issuer, client_id: idp.clientId, client_secret: idp.clientSecret, allowed_domains: ['acme.test', 'example.com'],
    default_role: 'member', group_claim: 'groups', group_teams: [{ group: 'developers', team_id: devsTeam }], enforce: false, ...overrides,
  };
}

/** Starts a sign-in as a client that follows redirects by hand; answers the provider's authorization URL. */
async function start(returnTo?: string): Promise<string> {
  const response = await t.app.inject({ method: 'GET', url: `/api/auth/sso/acme/start${returnTo ? `?return_to=${encodeURIComponent(returnTo)}` : ''}` });
  assert.equal(response.statusCode, 302, response.body);
  const location = String(response.headers.location);
  assert.ok(location.startsWith(`${idp.issuer}/auth?`), location);
  return location;
}

async function callback(url: URL, accept = 'application/json') {
  assert.equal(`${url.origin}${url.pathname}`, CALLBACK);
  return t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { accept } });
}

async function signIn(account: string, options: { tamper?: IdTokenTamper; rewrite?: (url: URL) => void; accept?: string } = {}) {
  idp.tamper = options.tamper;
  try {
    return await callback(await signInAtProvider(await start(), account, options.rewrite), options.accept);
  } finally {
    idp.tamper = undefined;
  }
}

async function usersWithEmail(email: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.database, sql`SELECT count(*)::int AS n FROM users WHERE lower(email) = ${email}`);
  return row!.n;
}

async function identities(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.database, sql`SELECT count(*)::int AS n FROM sso_identities`);
  return row!.n;
}

before(async () => {
  t = await createTestApp({ publicUrl: PUBLIC_URL });
  idp = await startIdentityProvider({ redirectUris: [CALLBACK] });
  admin = await createUser(t.app, 'root');
  owner = await createUser(t.app, 'olga');
  outsider = await createUser(t.app, 'oskar');
  orgId = await createOrganization(t.app, admin, 'acme');
  everyoneTeam = await createTeam('everyone', true);
  devsTeam = await createTeam('devs', false);
  await addMember(t.app, admin, everyoneTeam, owner, 'owner');
  idp.accounts.set('alice', { email: 'alice@acme.test', email_verified: true, name: 'Alice Example', groups: ['developers'] });
  idp.accounts.set('bob', { email: 'bob@acme.test', email_verified: true, name: 'Bob' });
  idp.accounts.set('eve', { email: 'eve@elsewhere.test', email_verified: true });
  idp.accounts.set('unverified', { email: 'uma@acme.test', email_verified: false });
  idp.accounts.set('olga', { email: owner.email, email_verified: true });
  idp.accounts.set('oskar', { email: outsider.email, email_verified: true });
});
after(async () => {
  await t.close();
  await idp.close();
});

describe('organisation SSO settings', () => {
  test('enabling is refused until a provider is configured and discovery succeeds, and nothing is saved on refusal', async () => {
    const viaOrganization = await api(t.app, admin, 'PUT', `/api/organizations/${orgId}`, { sso_enabled: true });
    assert.equal(viaOrganization.status, 400);
    assert.equal(viaOrganization.body.error_code, 'SSO_SETTINGS_INCOMPLETE');
    const unreachable = await api(t.app, owner, 'PUT', `/api/organizations/${orgId}/sso`, { ...settings({ issuer: 'http://127.0.0.1:1' }), enabled: true });
    assert.equal(unreachable.status, 400);
    assert.equal(unreachable.body.error_code, 'SSO_DISCOVERY_FAILED');
    assert.match(unreachable.body.detail, /127\.0\.0\.1:1/);
    const plainHttp = await api(t.app, owner, 'PUT', `/api/organizations/${orgId}/sso`, { ...settings({ issuer: 'http://idp.example.com' }), enabled: true });
    assert.equal(plainHttp.body.error_code, 'SSO_DISCOVERY_FAILED');
    assert.match(plainHttp.body.detail, /https/);
    const view = await api(t.app, owner, 'GET', `/api/organizations/${orgId}/sso`);
    assert.equal(view.status, 200);
    assert.equal(view.body.configured, false);
    assert.equal(view.body.redirect_uri, CALLBACK);
    const foreignTeam = await api(t.app, owner, 'PUT', `/api/organizations/${orgId}/sso`, settings({ group_teams: [{ group: 'x', team_id: 999_999 }] }));
    assert.equal(foreignTeam.status, 422);
    assert.deepEqual(foreignTeam.body.detail[0].loc, ['body', 'group_teams', 0, 'team_id']);
  });

  test('an owner configures, tests and enables the provider; the secret is never returned; others cannot', async () => {
    const saved = await api(t.app, owner, 'PUT', `/api/organizations/${orgId}/sso`, settings());
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.client_secret_set, true);
    assert.equal(saved.body.enabled, false);
    assert.ok(!JSON.stringify(saved.body).includes(idp.clientSecret));
    const [stored] = await queryRows<{ client_secret_sealed: string }>(t.database, sql`SELECT client_secret_sealed FROM organization_sso`);
    assert.ok(!stored!.client_secret_sealed.includes(idp.clientSecret));
    const probe = await api(t.app, owner, 'POST', `/api/organizations/${orgId}/sso/test`);
    assert.equal(probe.status, 200, JSON.stringify(probe.body));
    assert.equal(probe.body.issuer, idp.issuer);
    assert.equal(probe.body.jwks_keys, 1);
    const { client_secret: _secret, ...withoutSecret } = settings();
    const enabled = await api(t.app, owner, 'PUT', `/api/organizations/${orgId}/sso`, { ...withoutSecret, enabled: true });
    assert.equal(enabled.status, 200, JSON.stringify(enabled.body));
    assert.equal(enabled.body.enabled, true);
    assert.equal(enabled.body.client_secret_set, true);
    assert.equal(enabled.body.start_url, `${PUBLIC_URL}/api/auth/sso/acme/start`);
    assert.equal((await api(t.app, outsider, 'GET', `/api/organizations/${orgId}/sso`)).status, 404);
    assert.equal((await api(t.app, outsider, 'PUT', `/api/organizations/${orgId}/sso`, settings())).status, 404);
    const audit = await queryRows<{ action: string; payload: string }>(t.database, sql`SELECT action, payload::text FROM audit_logs WHERE entity = 'sso' AND action = 'settings_update'`);
    assert.equal(audit.length, 2);
    assert.ok(audit.every((row) => !row.payload.includes(idp.clientSecret)));
  });
});

describe('signing in through the provider', () => {
  test('a new member is provisioned just in time, joins the default and mapped teams, and gets the usual tokens', async () => {
    const response = await signIn('alice');
    assert.equal(response.statusCode, 200, response.body);
    const login = response.json();
    assert.equal(login.token_type, 'bearer');
    assert.equal(login.user.email, 'alice@acme.test');
    assert.equal(login.user.full_name, 'Alice Example');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${login.access_token}` } });
    assert.equal(me.json().id, login.user.id);
    const organizations = await t.app.inject({ method: 'GET', url: '/api/organizations', headers: { authorization: `Bearer ${login.access_token}` } });
    assert.deepEqual(organizations.json().map((o: { slug: string }) => o.slug), ['acme']);
    const teams = await queryRows<{ team_id: number; role: string }>(t.database, sql`SELECT team_id, role FROM team_members WHERE user_id = ${login.user.id} ORDER BY team_id`);
    assert.deepEqual(teams, [{ team_id: everyoneTeam, role: 'member' }, { team_id: devsTeam, role: 'member' }]);
    const audit = await queryRows<{ action: string }>(t.database, sql`SELECT action FROM audit_logs WHERE entity = 'sso' AND actor_id = ${login.user.id} ORDER BY seq`);
    assert.deepEqual(audit.map((row) => row.action), ['provision', 'login']);
    const again = await signIn('alice');
    assert.equal(again.json().user.id, login.user.id);
    assert.equal(await usersWithEmail('alice@acme.test'), 1);
  });

  test('a browser is sent to the web app with the tokens in the fragment and its return path', async () => {
    const authorization = await start('/organizations');
    const response = await callback(await signInAtProvider(authorization, 'alice'), 'text/html,application/xhtml+xml');
    assert.equal(response.statusCode, 303);
    const location = new URL(String(response.headers.location), PUBLIC_URL);
    assert.equal(location.pathname, '/sso/complete');
    const fragment = new URLSearchParams(location.hash.slice(1));
    assert.equal(fragment.get('return_to'), '/organizations');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${fragment.get('access_token')}` } });
    assert.equal(me.json().email, 'alice@acme.test');
  });

  test('a member who already has an account is linked to the identity; an outsider with the same email domain is not', async () => {
    const linked = await signIn('olga');
    assert.equal(linked.statusCode, 200, linked.body);
    assert.equal(linked.json().user.id, owner.id);
    const refused = await signIn('oskar');
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error_code, 'SSO_ACCOUNT_CONFLICT');
    const [memberships] = await queryRows<{ n: number }>(t.database, sql`SELECT count(*)::int AS n FROM team_members WHERE user_id = ${outsider.id}`);
    assert.equal(memberships!.n, 0);
  });
});

describe('refused sign-ins provision nothing', () => {
  const cases: Array<{ name: string; account: string; email: string; code: string; status: number; detail: RegExp; tamper?: IdTokenTamper; rewrite?: (url: URL) => void }> = [
    { name: 'a wrong nonce', account: 'bob', email: 'bob@acme.test', code: 'SSO_TOKEN_INVALID', status: 400, detail: /nonce/, rewrite: (url) => url.searchParams.set('nonce', 'not-the-one-we-sent') },
    {
      name: 'an expired ID token', account: 'bob', email: 'bob@acme.test', code: 'SSO_TOKEN_INVALID', status: 400, detail: /validity|exp/,
      tamper: { claims: (claims) => ({ ...claims, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }) },
    },
    { name: 'a wrong audience', account: 'bob', email: 'bob@acme.test', code: 'SSO_TOKEN_INVALID', status: 400, detail: /aud/, tamper: { claims: (claims) => ({ ...claims, aud: 'another-client' }) } },
    { name: 'a token signed by another key', account: 'bob', email: 'bob@acme.test', code: 'SSO_TOKEN_INVALID', status: 400, detail: /signature/, tamper: { otherKey: true } },
    { name: 'an email outside the allowed domains', account: 'eve', email: 'eve@elsewhere.test', code: 'SSO_EMAIL_NOT_ALLOWED', status: 403, detail: /allowed email domains/ },
    { name: 'an unverified email', account: 'unverified', email: 'uma@acme.test', code: 'SSO_EMAIL_NOT_ALLOWED', status: 403, detail: /not verified/ },
  ];
  for (const refusal of cases) {
    test(`${refusal.name}: ${refusal.code}`, async () => {
      const before = await identities();
      const response = await signIn(refusal.account, { tamper: refusal.tamper, rewrite: refusal.rewrite });
      assert.equal(response.statusCode, refusal.status, response.body);
      assert.equal(response.json().error_code, refusal.code);
      assert.match(response.json().detail, refusal.detail);
      assert.equal(await usersWithEmail(refusal.email), 0);
      assert.equal(await identities(), before);
    });
  }

  test('a bad, reused or missing state is refused; a browser lands on the sign-in page with the code', async () => {
    const callbackUrl = await signInAtProvider(await start(), 'alice');
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'forged-state');
    assert.equal((await callback(forged)).json().error_code, 'SSO_STATE_INVALID');
    assert.equal((await callback(callbackUrl)).statusCode, 200);
    const replay = await callback(callbackUrl);
    assert.equal(replay.statusCode, 400);
    assert.equal(replay.json().error_code, 'SSO_STATE_INVALID');
    const page = await callback(callbackUrl, 'text/html');
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, '/signin?sso_error=SSO_STATE_INVALID');
    const bare = await t.app.inject({ method: 'GET', url: '/api/auth/sso/callback', headers: { accept: 'application/json' } });
    assert.equal(bare.json().error_code, 'SSO_STATE_INVALID');
  });

  test('an unknown organisation cannot start a sign-in', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/sso/no-such-org/start' });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error_code, 'SSO_NOT_ENABLED');
  });
});

describe('enforced single sign-on', () => {
  test('members cannot sign in with a password (the refusal names the start URL); API keys and administrators still work', async () => {
    const key = await api(t.app, owner, 'POST', '/api/auth/api-keys', { name: 'ci' });
    assert.equal(key.status, 201, JSON.stringify(key.body));
    const { client_secret: _secret, ...rest } = settings();
    assert.equal((await api(t.app, owner, 'PUT', `/api/organizations/${orgId}/sso`, { ...rest, enforce: true })).status, 200);
    const password = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: owner.email, password: STRONG_PASSWORD } });
    assert.equal(password.statusCode, 403);
    assert.equal(password.json().error_code, 'SSO_REQUIRED');
    assert.match(password.json().detail, /\/api\/auth\/sso\/acme\/start/);
    const viaKey = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'x-api-key': key.body.key } });
    assert.equal(viaKey.statusCode, 200);
    const adminLogin = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: admin.email, password: STRONG_PASSWORD } });
    assert.equal(adminLogin.statusCode, 200);
    const outsiderLogin = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: outsider.email, password: STRONG_PASSWORD } });
    assert.equal(outsiderLogin.statusCode, 200);
  });
});
