import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addMember, api, createOrganization, createTeam } from './org-support.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';
import { sql } from 'drizzle-orm';

let t: TestApp;
let admin: TestUser;
let owner: TestUser;
let member: TestUser;
let otherOwner: TestUser;
let orgId: number;
let otherOrgId: number;
before(async () => {
  t = await createTestApp();
  admin = await createUser(t.app, 'auditroot');
  await queryRows(t.database, sql`UPDATE users SET role = 'admin' WHERE id = ${admin.id}`);
  [owner, member, otherOwner] = [await createUser(t.app, 'orgowner'), await createUser(t.app, 'orgmember'), await createUser(t.app, 'otherowner')];
  orgId = await createOrganization(t.app, admin, 'audited-org');
  otherOrgId = await createOrganization(t.app, admin, 'other-org');
  const team = await createTeam(t.app, admin, orgId);
  await addMember(t.app, admin, team, owner, 'owner');
  await addMember(t.app, admin, team, member, 'member');
  await addMember(t.app, admin, await createTeam(t.app, admin, otherOrgId), otherOwner, 'owner');
});
after(() => t.close());

const orgLog = async (user: TestUser, organizationId: number) => {
  const response = await api(t.app, user, 'GET', `/api/audit-logs?organization_id=${organizationId}&limit=100`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body as { user_id: number | null; organization_id: number | null; resource_type: string }[];
};

test("an organisation's owners and admins read its whole log; its members and other organisations' owners only their own entries", async () => {
  const byOwner = await orgLog(owner, orgId);
  assert.ok(byOwner.some((entry) => entry.user_id === admin.id && entry.resource_type === 'team_member'), 'the administrator’s changes to the organisation are listed');
  assert.ok(byOwner.every((entry) => entry.organization_id === orgId));

  for (const [reader, organizationId] of [[member, orgId], [otherOwner, orgId], [owner, otherOrgId]] as const) {
    const entries = await orgLog(reader, organizationId);
    assert.ok(entries.every((entry) => entry.user_id === reader.id), `${reader.username} sees only their own entries of organisation ${organizationId}`);
  }
  const otherUser = await api(t.app, member, 'GET', `/api/audit-logs?organization_id=${orgId}&user_id=${admin.id}`);
  assert.equal(otherUser.status, 403);
  const filtered = await api(t.app, owner, 'GET', `/api/audit-logs?organization_id=${orgId}&user_id=${admin.id}`);
  assert.equal(filtered.status, 200);
  assert.ok((filtered.body as { user_id: number }[]).every((entry) => entry.user_id === admin.id));
});
