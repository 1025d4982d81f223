import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addMember, api, createOrganization, createTeam } from './org-support.ts';
import { createTestApp, createUser, type TestApp, type TestUser } from './support.ts';
import { REQUIREMENT } from './workflow-support.ts';

interface Alert {
  id: number;
  alert_type: string;
  severity: string;
  message: string;
  details: { threshold: number; current_value: number; used: number; limit: number };
  is_resolved: boolean;
}

// The app's own alert service receives the quota thresholds here (no recording sink).
let t: TestApp;
let admin: TestUser;
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;

before(async () => {
  t = await createTestApp();
  admin = await createUser(t.app, 'qa-root');
  [owner, member, outsider] = [await createUser(t.app, 'qa-owner'), await createUser(t.app, 'qa-member'), await createUser(t.app, 'qa-outsider')];
  const orgId = await createOrganization(t.app, admin, 'quota-alerts-co', 'free');
  const teamId = await createTeam(t.app, admin, orgId);
  await addMember(t.app, admin, teamId, owner, 'owner');
  await addMember(t.app, admin, teamId, member, 'member');
  const quotas = await api(t.app, admin, 'GET', `/api/quotas?organization_id=${orgId}`);
  const projects = (quotas.body as { id: number; resource_type: string }[]).find((quota) => quota.resource_type === 'projects')!;
  assert.equal((await api(t.app, admin, 'PUT', `/api/quotas/${projects.id}`, { limit: 5 })).status, 200);
});
after(() => t.close());

const quotaAlerts = async (user: TestUser): Promise<Alert[]> => {
  const response = await api(t.app, user, 'GET', '/api/monitoring/alerts?limit=100');
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return (response.body as Alert[]).filter((alert) => alert.alert_type === 'quota_projects');
};

test('a free organisation over its project quota: 403 PROJ_003, and its owners and administrators see the 80/90/100 % alerts', async () => {
  for (let index = 0; index < 5; index += 1) {
    const created = await api(t.app, owner, 'POST', '/api/projects', { name: `p${index}`, requirements: REQUIREMENT });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  }
  const refused = await api(t.app, member, 'POST', '/api/projects', { name: 'one too many', requirements: REQUIREMENT });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.error_code, 'PROJ_003');

  const seen = await quotaAlerts(owner);
  assert.deepEqual(seen.map((alert) => [alert.details.threshold, alert.severity]).sort(), [[0.8, 'medium'], [0.9, 'high'], [1, 'critical']]);
  const full = seen.find((alert) => alert.details.threshold === 1)!;
  assert.deepEqual({ used: full.details.used, limit: full.details.limit, current_value: full.details.current_value }, { used: 5, limit: 5, current_value: 1 });
  assert.deepEqual((await quotaAlerts(admin)).map((alert) => alert.id).sort(), seen.map((alert) => alert.id).sort());
  assert.deepEqual(await quotaAlerts(member), [], 'plain members do not see the organisation’s alerts');
  assert.deepEqual(await quotaAlerts(outsider), []);

  assert.equal((await api(t.app, member, 'POST', `/api/monitoring/alerts/${full.id}/resolve`)).status, 404);
  const resolved = await api(t.app, owner, 'POST', `/api/monitoring/alerts/${full.id}/resolve`);
  assert.equal(resolved.status, 200);
  assert.equal(resolved.body.is_resolved, true);
});
