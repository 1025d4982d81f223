import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { QUOTA_DEFAULTS } from '../src/services/quotas.ts';
import { addMember, api, createOrganization, createTeam, organizationCounts } from './org-support.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser, testConfig } from './support.ts';

let t: TestApp;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

before(async () => {
  // Rate limits on, so the tier an organisation gives its members shows in the headers.
  t = await createTestApp({ rateLimit: { ...testConfig().rateLimit, enabled: true, authPerMinute: 10_000 } });
  admin = await createUser(t.app, 'root');
  [alice, bob, carol] = [await createUser(t.app, 'alice'), await createUser(t.app, 'bob'), await createUser(t.app, 'carol')];
});
after(() => t.close());

const auditEntries = (entity: string) =>
  queryRows<{ action: string; resource_id: string; organization_id: number | null; actor_id: number; payload: Record<string, unknown> }>(
    t.database, sql`SELECT action, resource_id, organization_id, actor_id, payload FROM audit_logs WHERE entity = ${entity} ORDER BY seq`,
  );

async function assertRefused(call: () => Promise<{ status: number; body: unknown }>, status: number, pattern?: RegExp) {
  const before = await organizationCounts(t.database);
  const response = await call();
  assert.equal(response.status, status, JSON.stringify(response.body));
  if (pattern) assert.match(JSON.stringify(response.body), pattern);
  assert.deepEqual(await organizationCounts(t.database), before, 'nothing is written');
  return response;
}

describe('organisations', () => {
  test('an administrator creates one: the documented reply, quotas from its tier, an audit entry', async () => {
    const response = await api(t.app, admin, 'POST', '/api/organizations', {
      name: '我的公司', slug: 'my-company', tier: 'professional', contact_email: 'admin@company.com', description: '公司描述',
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const org = response.body;
    assert.deepEqual(
      { name: org.name, slug: org.slug, tier: org.tier, is_active: org.is_active, sso_enabled: org.sso_enabled, contact_email: org.contact_email },
      { name: '我的公司', slug: 'my-company', tier: 'professional', is_active: true, sso_enabled: false, contact_email: 'admin@company.com' },
    );
    assert.ok(Number.isInteger(org.id) && !Number.isNaN(Date.parse(org.created_at)));

    const quotas = await api(t.app, admin, 'GET', `/api/quotas?organization_id=${org.id}`);
    assert.equal(quotas.status, 200);
    assert.deepEqual(
      Object.fromEntries(quotas.body.map((quota: { resource_type: string; limit: number }) => [quota.resource_type, quota.limit])),
      QUOTA_DEFAULTS.professional,
    );
    const [entry] = (await auditEntries('organization')).filter((row) => row.resource_id === String(org.id));
    assert.equal(entry!.action, 'create');
    assert.equal(entry!.organization_id, org.id);
    assert.equal(entry!.actor_id, admin.id);
  });

  test('bad input: not an administrator 403, duplicate slug 409, bad slug, unknown tier or missing name 422; nothing written', async () => {
    const body = { name: 'Acme', slug: 'acme-1', tier: 'free' };
    await assertRefused(() => api(t.app, alice, 'POST', '/api/organizations', body), 403);
    await assertRefused(() => api(t.app, admin, 'POST', '/api/organizations', { ...body, slug: 'my-company' }), 409, /already taken/);
    for (const slug of ['Acme', 'acme_1', 'acme 1', '']) {
      const refused = await assertRefused(() => api(t.app, admin, 'POST', '/api/organizations', { ...body, slug }), 422);
      assert.deepEqual((refused.body as { detail: { loc: string[] }[] }).detail[0]!.loc, ['body', 'slug']);
    }
    await assertRefused(() => api(t.app, admin, 'POST', '/api/organizations', { ...body, tier: 'gold' }), 422, /tier/);
    await assertRefused(() => api(t.app, admin, 'POST', '/api/organizations', { slug: 'acme-1', tier: 'free' }), 422, /name/);
    await assertRefused(() => api(t.app, admin, 'POST', '/api/organizations', { ...body, contact_email: 'not-an-email' }), 422, /contact_email/);
  });

  test('listing: administrators see every organisation (filters tier and is_active), members their own, others none', async () => {
    const freeId = await createOrganization(t.app, admin, 'free-co', 'free');
    const teamId = await createTeam(t.app, admin, freeId);
    await addMember(t.app, admin, teamId, carol, 'viewer');
    assert.equal((await api(t.app, admin, 'PUT', `/api/organizations/${freeId}`, { is_active: false })).status, 200);

    const all = await api(t.app, admin, 'GET', '/api/organizations');
    assert.deepEqual(all.body.map((org: { slug: string }) => org.slug), ['my-company', 'free-co']);
    assert.deepEqual((await api(t.app, admin, 'GET', '/api/organizations?tier=free')).body.map((org: { id: number }) => org.id), [freeId]);
    assert.deepEqual((await api(t.app, admin, 'GET', '/api/organizations?is_active=true')).body.map((org: { slug: string }) => org.slug), ['my-company']);
    assert.deepEqual((await api(t.app, admin, 'GET', '/api/organizations?is_active=false&tier=free')).body.map((org: { id: number }) => org.id), [freeId]);
    assert.deepEqual((await api(t.app, carol, 'GET', '/api/organizations')).body.map((org: { id: number }) => org.id), [freeId]);
    assert.deepEqual((await api(t.app, bob, 'GET', '/api/organizations')).body, []);
    assert.equal((await api(t.app, admin, 'GET', '/api/organizations?tier=gold')).status, 422);
    assert.equal((await api(t.app, admin, 'GET', '/api/organizations?is_active=maybe')).status, 422);
  });

  test('update: administrators only; a tier change moves limits still at the old defaults and keeps ones set by hand', async () => {
    const id = await createOrganization(t.app, admin, 'growing', 'starter');
    const quotas = (await api(t.app, admin, 'GET', `/api/quotas?organization_id=${id}`)).body as { id: number; resource_type: string }[];
    const projectsQuota = quotas.find((quota) => quota.resource_type === 'projects')!;
    assert.equal((await api(t.app, admin, 'PUT', `/api/quotas/${projectsQuota.id}`, { limit: 77 })).status, 200);

    const response = await api(t.app, admin, 'PUT', `/api/organizations/${id}`, { tier: 'enterprise', sso_enabled: false, name: 'Growing Inc' });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.tier, 'enterprise');
    assert.equal(response.body.name, 'Growing Inc');
    assert.ok(Date.parse(response.body.updated_at) >= Date.parse(response.body.created_at));
    const limits = Object.fromEntries((await api(t.app, admin, 'GET', `/api/quotas?organization_id=${id}`)).body.map((quota: { resource_type: string; limit: number }) => [quota.resource_type, quota.limit]));
    assert.deepEqual(limits, { ...QUOTA_DEFAULTS.enterprise, projects: 77 });
    const [update] = (await auditEntries('organization')).filter((row) => row.action === 'update' && row.resource_id === String(id));
    assert.equal(update!.payload.previous_tier, 'starter');

    await assertRefused(() => api(t.app, alice, 'PUT', `/api/organizations/${id}`, { tier: 'free' }), 403);
    await assertRefused(() => api(t.app, admin, 'PUT', `/api/organizations/${id}`, { slug: 'my-company' }), 409);
    await assertRefused(() => api(t.app, admin, 'PUT', `/api/organizations/${id}`, { tier: 'platinum' }), 422);
    await assertRefused(() => api(t.app, admin, 'PUT', `/api/organizations/${id}`, {}), 422);
    await assertRefused(() => api(t.app, admin, 'PUT', '/api/organizations/999999', { tier: 'free' }), 404);
    await assertRefused(() => api(t.app, admin, 'PUT', `/api/organizations/${id}`, { sso_enabled: true }), 400, /SSO_SETTINGS_INCOMPLETE/);
  });
});

describe('teams and members', () => {
  let orgId: number;
  let teamId: number;
  let dave: TestUser;
  let erin: TestUser;

  before(async () => {
    orgId = await createOrganization(t.app, admin, 'team-co', 'professional');
    teamId = await createTeam(t.app, admin, orgId, 'core');
    dave = await createUser(t.app, 'dave');
    erin = await createUser(t.app, 'erin');
    await addMember(t.app, admin, teamId, alice, 'owner');
    await addMember(t.app, admin, teamId, bob, 'member');
  });

  test('an organisation owner creates a team and manages its members; every change is audited', async () => {
    const created = await api(t.app, alice, 'POST', '/api/teams', { organization_id: orgId, name: '开发团队', description: '负责核心功能开发', is_default: true });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(
      { organization_id: created.body.organization_id, name: created.body.name, description: created.body.description, is_default: created.body.is_default },
      { organization_id: orgId, name: '开发团队', description: '负责核心功能开发', is_default: true },
    );
    const devTeam = created.body.id as number;

    const added = await api(t.app, alice, 'POST', `/api/teams/${devTeam}/members`, { user_id: dave.id, role: 'member' });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.deepEqual({ team_id: added.body.team_id, user_id: added.body.user_id, role: added.body.role }, { team_id: devTeam, user_id: dave.id, role: 'member' });
    assert.ok(!Number.isNaN(Date.parse(added.body.joined_at)));

    const changed = await api(t.app, alice, 'PUT', `/api/teams/${devTeam}/members/${dave.id}/role`, { role: 'admin' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual({ id: changed.body.id, user_id: changed.body.user_id, role: changed.body.role }, { id: added.body.id, user_id: dave.id, role: 'admin' });

    // Dave is now an organisation admin: he manages teams too, but not the owner role.
    const again = await api(t.app, dave, 'POST', `/api/teams/${devTeam}/members`, { user_id: erin.id, role: 'viewer' });
    assert.equal(again.status, 201, JSON.stringify(again.body));
    await assertRefused(() => api(t.app, dave, 'PUT', `/api/teams/${devTeam}/members/${erin.id}/role`, { role: 'owner' }), 403, /owner/);
    await assertRefused(() => api(t.app, dave, 'DELETE', `/api/teams/${teamId}/members/${alice.id}`), 403, /owner/);

    const removed = await t.app.inject({ method: 'DELETE', url: `/api/teams/${devTeam}/members/${erin.id}`, headers: dave.auth });
    assert.equal(removed.statusCode, 204);
    assert.equal(removed.body, '');

    const team = await auditEntries('team');
    assert.ok(team.some((row) => row.action === 'create' && row.resource_id === String(devTeam) && row.organization_id === orgId && row.actor_id === alice.id));
    const members = (await auditEntries('team_member')).filter((row) => row.resource_id === String(devTeam));
    assert.deepEqual(members.map((row) => [row.action, row.payload.user_id]), [
      ['create', dave.id], ['role_change', dave.id], ['create', erin.id], ['delete', erin.id],
    ]);
    assert.deepEqual(members[1]!.payload.role, { from: 'member', to: 'admin' });
  });

  test("each user lists their own teams with their role, and no one else's", async () => {
    const bobs = await api(t.app, bob, 'GET', '/api/teams');
    assert.equal(bobs.status, 200);
    const core = (bobs.body as Array<{ id: number; role: string }>).find((team) => team.id === teamId);
    assert.equal(core?.role, 'member');
    const outsider = await createUser(t.app, 'outsider-teams');
    assert.deepEqual((await api(t.app, outsider, 'GET', '/api/teams')).body, []);
  });

  test('bad input: members 403, outsiders 404, unknown user 404, already a member 409, another organisation 409, unknown role 422; nothing written', async () => {
    // Bob is a plain member of the organisation: he cannot manage its teams.
    await assertRefused(() => api(t.app, bob, 'POST', '/api/teams', { organization_id: orgId, name: 'rogue' }), 403, /owners and admins/);
    await assertRefused(() => api(t.app, bob, 'POST', `/api/teams/${teamId}/members`, { user_id: erin.id, role: 'member' }), 403);
    await assertRefused(() => api(t.app, bob, 'PUT', `/api/teams/${teamId}/members/${bob.id}/role`, { role: 'owner' }), 403);
    await assertRefused(() => api(t.app, bob, 'DELETE', `/api/teams/${teamId}/members/${alice.id}`), 403);
    // Erin is in no organisation: the organisation and its teams do not exist for her.
    await assertRefused(() => api(t.app, erin, 'POST', '/api/teams', { organization_id: orgId, name: 'rogue' }), 404);
    await assertRefused(() => api(t.app, erin, 'POST', `/api/teams/${teamId}/members`, { user_id: erin.id, role: 'owner' }), 404);

    await assertRefused(() => api(t.app, alice, 'POST', '/api/teams', { organization_id: orgId, name: 'core' }), 409, /already has a team/);
    await assertRefused(() => api(t.app, admin, 'POST', '/api/teams', { organization_id: 999_999, name: 'x' }), 404);
    await assertRefused(() => api(t.app, alice, 'POST', `/api/teams/${teamId}/members`, { user_id: 999_999, role: 'member' }), 404, /User 999999 not found/);
    await assertRefused(() => api(t.app, alice, 'POST', `/api/teams/${teamId}/members`, { user_id: bob.id, role: 'viewer' }), 409, /already a member/);
    // Carol belongs to another organisation.
    await assertRefused(() => api(t.app, alice, 'POST', `/api/teams/${teamId}/members`, { user_id: carol.id, role: 'member' }), 409, /one organization/);
    for (const role of ['superuser', 'Owner', '']) {
      await assertRefused(() => api(t.app, alice, 'POST', `/api/teams/${teamId}/members`, { user_id: erin.id, role }), 422, /role/);
      await assertRefused(() => api(t.app, alice, 'PUT', `/api/teams/${teamId}/members/${bob.id}/role`, { role }), 422, /role/);
    }
    await assertRefused(() => api(t.app, alice, 'POST', `/api/teams/${teamId}/members`, { user_id: erin.id }), 422, /role/);
    await assertRefused(() => api(t.app, alice, 'PUT', `/api/teams/${teamId}/members/${erin.id}/role`, { role: 'admin' }), 404, /not a member/);
    await assertRefused(() => api(t.app, alice, 'DELETE', `/api/teams/${teamId}/members/${erin.id}`), 404, /not a member/);
    await assertRefused(() => api(t.app, alice, 'POST', '/api/teams/999999/members', { user_id: erin.id, role: 'member' }), 404, /Team not found/);
  });

  test('a new member needs a seat in the team_members quota (403 PROJ_003 when full)', async () => {
    const seats = (await api(t.app, admin, 'GET', `/api/quotas?organization_id=${orgId}`)).body.find((quota: { resource_type: string }) => quota.resource_type === 'team_members');
    assert.equal(seats.used, 3, 'alice, bob and dave');
    assert.equal((await api(t.app, admin, 'PUT', `/api/quotas/${seats.id}`, { limit: 3 })).status, 200);
    await assertRefused(() => api(t.app, alice, 'POST', `/api/teams/${teamId}/members`, { user_id: erin.id, role: 'member' }), 403, /PROJ_003/);
    // An existing member joining another team takes no new seat.
    const other = await createTeam(t.app, alice, orgId, 'second');
    assert.equal((await api(t.app, alice, 'POST', `/api/teams/${other}/members`, { user_id: bob.id, role: 'viewer' })).status, 201);
  });

  test('the organisation\'s tier sets its members\' per-minute rate limit; outside one (or when it is inactive) the default tier', async () => {
    const limitOf = async (user: TestUser) => (await api(t.app, user, 'GET', '/api/projects')).headers['x-ratelimit-limit'];
    assert.equal(await limitOf(erin), '60', 'no organisation: free');
    assert.equal(await limitOf(alice), '300', 'professional');
    assert.equal((await api(t.app, admin, 'PUT', `/api/organizations/${orgId}`, { tier: 'enterprise' })).status, 200);
    assert.equal(await limitOf(alice), '1000', 'enterprise');
    assert.equal((await api(t.app, admin, 'PUT', `/api/organizations/${orgId}`, { tier: 'starter' })).status, 200);
    assert.equal(await limitOf(bob), '300', 'starter');
    assert.equal((await api(t.app, admin, 'PUT', `/api/organizations/${orgId}`, { tier: 'free' })).status, 200);
    assert.equal(await limitOf(bob), '60', 'free');
    assert.equal((await api(t.app, admin, 'PUT', `/api/organizations/${orgId}`, { tier: 'enterprise', is_active: false })).status, 200);
    assert.equal(await limitOf(bob), '60', 'inactive organisation: the default tier');
  });

  test('joining or leaving a team changes the member\'s rate limit on the next request', async () => {
    const limitOf = async (user: TestUser) => (await api(t.app, user, 'GET', '/api/projects')).headers['x-ratelimit-limit'];
    assert.equal((await api(t.app, admin, 'PUT', `/api/organizations/${orgId}`, { tier: 'enterprise', is_active: true })).status, 200);
    assert.equal(await limitOf(dave), '1000');
    assert.equal(await limitOf(erin), '60');
    const devTeam = (await queryRows<{ team_id: number }>(t.database, sql`SELECT team_id FROM team_members WHERE user_id = ${dave.id}`))[0]!.team_id;
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/teams/${devTeam}/members/${dave.id}`, headers: alice.auth })).statusCode, 204);
    assert.equal(await limitOf(dave), '60', 'left the organisation');
    assert.equal((await api(t.app, alice, 'POST', `/api/teams/${teamId}/members`, { user_id: erin.id, role: 'viewer' })).status, 201);
    assert.equal(await limitOf(erin), '1000', 'joined it');
  });
});
