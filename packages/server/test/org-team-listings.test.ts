import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { addMember, api, createOrganization, createTeam, organizationCounts } from './org-support.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

// GET /api/organizations/{org_id}/teams and GET /api/teams/{team_id}/members: who sees what, and nothing written.

let t: TestApp;
let admin: TestUser;
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;
let otherOwner: TestUser;
let orgId: number;
let otherOrgId: number;
let devTeam: number;
let opsTeam: number;
let otherTeam: number;

const ENVELOPE_KEYS = ['detail', 'error', 'error_code', 'request_id', 'status_code', 'timestamp'];

before(async () => {
  t = await createTestApp();
  admin = await createUser(t.app, 'root');
  [owner, member, outsider, otherOwner] = [
    await createUser(t.app, 'olivia'), await createUser(t.app, 'mike'), await createUser(t.app, 'xena'), await createUser(t.app, 'oscar'),
  ];
  orgId = await createOrganization(t.app, admin, 'listing-org');
  otherOrgId = await createOrganization(t.app, admin, 'listing-other');
  devTeam = await createTeam(t.app, admin, orgId, 'dev');
  opsTeam = await createTeam(t.app, admin, orgId, 'ops');
  otherTeam = await createTeam(t.app, admin, otherOrgId, 'secret-project');
  await addMember(t.app, admin, devTeam, owner, 'owner');
  await addMember(t.app, owner, devTeam, member, 'member');
  await addMember(t.app, owner, opsTeam, owner, 'admin');
  await addMember(t.app, admin, otherTeam, otherOwner, 'owner');
  await queryRows(t.database, sql`UPDATE users SET full_name = 'Mike Member' WHERE id = ${member.id}`);
});
after(() => t.close());

/** Calls a read and proves it wrote nothing. */
async function read(user: TestUser, url: string) {
  const before = await organizationCounts(t.database);
  const response = await api(t.app, user, 'GET', url);
  assert.deepEqual(await organizationCounts(t.database), before, 'a read writes nothing');
  return response;
}

describe('GET /api/organizations/{org_id}/teams', () => {
  test('members of any role and administrators see the teams with member counts, by name', async () => {
    for (const viewer of [owner, member, admin]) {
      const response = await read(viewer, `/api/organizations/${orgId}/teams`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.deepEqual(response.body.map((team: { name: string; member_count: number }) => [team.name, team.member_count]), [['dev', 2], ['ops', 1]]);
      const [dev] = response.body;
      assert.deepEqual(Object.keys(dev).sort(), ['created_at', 'description', 'id', 'is_default', 'member_count', 'name']);
      assert.equal(dev.id, devTeam);
      assert.ok(!Number.isNaN(Date.parse(dev.created_at)));
    }
  });

  test('a non-member, or a member of another organisation, gets the 404 of an unknown organisation', async () => {
    for (const viewer of [outsider, otherOwner]) {
      const response = await read(viewer, `/api/organizations/${orgId}/teams`);
      assert.equal(response.status, 404, JSON.stringify(response.body));
      assert.ok(!JSON.stringify(response.body).includes('dev'), 'no team name leaks');
    }
    const unknown = await read(admin, '/api/organizations/999999/teams');
    assert.equal(unknown.status, 404);
    assert.deepEqual((await read(otherOwner, `/api/organizations/${orgId}/teams`)).body.error, unknown.body.error, 'the same answer as an unknown organisation');
  });

  test('bad input: a non-numeric or zero id answers 422 in the documented envelope; no token 401', async () => {
    for (const bad of ['abc', '0', '-1']) {
      const response = await read(owner, `/api/organizations/${bad}/teams`);
      assert.equal(response.status, 422, bad);
      assert.deepEqual(Object.keys(response.body).sort(), ENVELOPE_KEYS);
      assert.equal(response.body.detail[0].loc[0], 'params', JSON.stringify(response.body.detail));
    }
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/organizations/${orgId}/teams` });
    assert.equal(anonymous.statusCode, 401);
  });
});

describe('GET /api/teams/{team_id}/members', () => {
  test('managers and administrators see emails; plain members see names only; never a secret', async () => {
    for (const viewer of [owner, admin]) {
      const response = await read(viewer, `/api/teams/${devTeam}/members`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.deepEqual(response.body.map((row: { username: string; role: string; email: string | null; full_name: string | null }) => [row.username, row.role, row.email, row.full_name]), [
        ['mike', 'member', member.email, 'Mike Member'],
        ['olivia', 'owner', owner.email, null],
      ]);
      assert.deepEqual(Object.keys(response.body[0]).sort(), ['email', 'full_name', 'joined_at', 'role', 'user_id', 'username']);
      assert.equal(response.body[0].user_id, member.id);
    }
    const plain = await read(member, `/api/teams/${devTeam}/members`);
    assert.equal(plain.status, 200);
    assert.deepEqual(plain.body.map((row: { email: string | null }) => row.email), [null, null], 'a plain member does not see emails');
    assert.equal(plain.body[0].full_name, 'Mike Member');
    const text = JSON.stringify(plain.body) + JSON.stringify((await read(admin, `/api/teams/${devTeam}/members`)).body);
    for (const secret of ['password', 'hash', 'token', 'totp', 'STRONG']) assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), secret);
  });

  test('a member of the organisation sees a team they are not in; outsiders and other organisations get 404', async () => {
    const ops = await read(member, `/api/teams/${opsTeam}/members`);
    assert.equal(ops.status, 200);
    assert.deepEqual(ops.body.map((row: { username: string }) => row.username), ['olivia']);
    for (const viewer of [outsider, otherOwner]) {
      const response = await read(viewer, `/api/teams/${devTeam}/members`);
      assert.equal(response.status, 404, JSON.stringify(response.body));
      assert.ok(!JSON.stringify(response.body).includes('mike'));
    }
    const cross = await read(owner, `/api/teams/${otherTeam}/members`);
    assert.equal(cross.status, 404, 'an owner of one organisation cannot list another organisation\'s team');
    assert.equal((await read(admin, '/api/teams/999999/members')).status, 404);
    assert.deepEqual(cross.body.error, (await read(admin, '/api/teams/999999/members')).body.error, 'the same answer as an unknown team');
  });

  test('bad input: 422 in the documented envelope', async () => {
    const response = await read(owner, '/api/teams/nope/members');
    assert.equal(response.status, 422);
    assert.deepEqual(Object.keys(response.body).sort(), ENVELOPE_KEYS);
    assert.equal(response.body.detail[0].loc[0], 'params', JSON.stringify(response.body.detail));
  });
});
