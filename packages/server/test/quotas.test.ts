import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { scriptedProject } from '@resoftai/engine/testing';
import { startFakeProviderServer, type FakeProviderServer } from '@resoftai/llm/testing';
import { QUOTA_DEFAULTS } from '../src/services/quotas.ts';
import { addMember, api, createOrganization, createTeam, organizationCounts, RecordingAlertSink } from './org-support.ts';
import { tableCounts, updateFile, uploadFile } from './project-support.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';
import { createFakeLlmConfig, REQUIREMENT } from './workflow-support.ts';

interface QuotaView {
  id: number;
  organization_id: number;
  resource_type: string;
  limit: number;
  used: number;
  reset_at: string | null;
}

const sink = new RecordingAlertSink();
let t: TestApp;
let fake: FakeProviderServer;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;
let outsider: TestUser;
let orgId: number;
let teamId: number;
let aliceConfigId: number;

before(async () => {
  [t, fake] = await Promise.all([createTestApp({}, { quotaAlerts: sink }), startFakeProviderServer()]);
  admin = await createUser(t.app, 'root');
  [alice, bob, outsider] = [await createUser(t.app, 'alice'), await createUser(t.app, 'bob'), await createUser(t.app, 'outsider')];
  orgId = await createOrganization(t.app, admin, 'small-co', 'free');
  teamId = await createTeam(t.app, admin, orgId);
  await addMember(t.app, admin, teamId, alice, 'owner');
  await addMember(t.app, admin, teamId, bob, 'member');
  aliceConfigId = await createFakeLlmConfig(t.app, alice.accessToken, fake);
});
after(async () => {
  await t.close();
  await fake.close();
});
beforeEach(() => {
  sink.events.length = 0;
});

async function quotas(user: TestUser = admin): Promise<Record<string, QuotaView>> {
  const response = await api(t.app, user, 'GET', `/api/quotas?organization_id=${orgId}`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return Object.fromEntries((response.body as QuotaView[]).map((quota) => [quota.resource_type, quota]));
}

async function setLimit(resource: string, limit: number) {
  const response = await api(t.app, admin, 'PUT', `/api/quotas/${(await quotas())[resource]!.id}`, { limit });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

const newProject = (user: TestUser, body: Record<string, unknown> = {}) =>
  api(t.app, user, 'POST', '/api/projects', { name: 'p', requirements: REQUIREMENT, config: { enable_cache: false }, ...body });

describe('quotas', () => {
  test('listing: the documented fields for members and administrators, 404 for anyone else, 422 without organization_id', async () => {
    const list = await api(t.app, bob, 'GET', `/api/quotas?organization_id=${orgId}`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.map((quota: QuotaView) => quota.resource_type), ['projects', 'api_calls', 'storage', 'team_members', 'llm_tokens']);
    for (const quota of list.body as QuotaView[]) {
      assert.deepEqual(Object.keys(quota).sort(), ['id', 'limit', 'organization_id', 'reset_at', 'resource_type', 'used']);
      assert.equal(quota.limit, QUOTA_DEFAULTS.free[quota.resource_type as keyof typeof QUOTA_DEFAULTS.free]);
    }
    const byType = Object.fromEntries((list.body as QuotaView[]).map((quota) => [quota.resource_type, quota]));
    const now = new Date();
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
    assert.equal(byType.api_calls!.reset_at, nextMonth);
    assert.equal(byType.llm_tokens!.reset_at, nextMonth);
    assert.equal(byType.projects!.reset_at, null);
    assert.equal(byType.team_members!.used, 2);

    assert.equal((await api(t.app, outsider, 'GET', `/api/quotas?organization_id=${orgId}`)).status, 404);
    assert.equal((await api(t.app, admin, 'GET', '/api/quotas?organization_id=999999')).status, 404);
    assert.equal((await api(t.app, admin, 'GET', '/api/quotas')).status, 422);
  });

  test('updates: administrators only; a limit below current use is accepted and flagged; audited', async () => {
    const before = await organizationCounts(t.database);
    const { id } = (await quotas()).team_members!;
    assert.equal((await api(t.app, alice, 'PUT', `/api/quotas/${id}`, { limit: 50 })).status, 403);
    assert.equal((await api(t.app, admin, 'PUT', `/api/quotas/${id}`, { limit: -1 })).status, 422);
    assert.equal((await api(t.app, admin, 'PUT', `/api/quotas/${id}`, { limit: 1.5 })).status, 422);
    assert.equal((await api(t.app, admin, 'PUT', `/api/quotas/${id}`, {})).status, 422);
    assert.equal((await api(t.app, admin, 'PUT', '/api/quotas/999999', { limit: 5 })).status, 404);
    assert.deepEqual(await organizationCounts(t.database), before, 'nothing is written');

    const below = await setLimit('team_members', 1);
    assert.deepEqual({ id: below.id, resource_type: below.resource_type, limit: below.limit, used: below.used, below_usage: below.below_usage }, {
      id, resource_type: 'team_members', limit: 1, used: 2, below_usage: true,
    });
    assert.match(below.warning, /below current use \(2 of 1 members\)/);
    assert.ok(!Number.isNaN(Date.parse(below.updated_at)));
    // Over the limit at once: all three thresholds of this new period fire, once.
    assert.deepEqual(sink.of('team_members'), [0.8, 0.9, 1]);

    const fine = await setLimit('team_members', QUOTA_DEFAULTS.free.team_members);
    assert.equal(fine.below_usage, false);
    assert.equal(fine.warning, null);
    const [entry] = await queryRows<{ payload: { limit: { from: number; to: number } }; organization_id: number }>(
      t.database, sql`SELECT payload, organization_id FROM audit_logs WHERE entity = 'quota' AND action = 'update' ORDER BY seq DESC LIMIT 1`,
    );
    assert.deepEqual(entry!.payload.limit, { from: 1, to: QUOTA_DEFAULTS.free.team_members });
    assert.equal(entry!.organization_id, orgId);
  });

  test('an alert the sink could not take is raised again at the next check', async () => {
    sink.failNext = true;
    await setLimit('team_members', 2);
    assert.deepEqual(sink.of('team_members'), [0.9, 1]);
    // Bob joining a second team takes no seat, but the use is measured again.
    const second = await createTeam(t.app, alice, orgId, 'second');
    await addMember(t.app, alice, second, bob, 'viewer');
    assert.deepEqual(sink.of('team_members'), [0.9, 1, 0.8]);
    await setLimit('team_members', QUOTA_DEFAULTS.free.team_members);
  });

  test('a free organisation hits its project quota: 403 PROJ_003, nothing written, and 80/90/100 % alerts once each', async () => {
    // Unshared projects of members and projects of the organisation's teams both count.
    for (let index = 0; index < 5; index++) assert.equal((await newProject(alice)).status, 201);
    for (let index = 0; index < 5; index++) assert.equal((await newProject(bob, { team_id: teamId })).status, 201);
    assert.equal((await newProject(outsider)).status, 201, 'outside the organisation nothing counts');
    assert.equal((await quotas()).projects!.used, 10);

    const before = await tableCounts(t.database);
    const refused = await newProject(alice);
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    assert.equal(refused.body.error_code, 'PROJ_003');
    assert.match(refused.body.detail, /projects quota: 10 of 10 projects used/);
    assert.equal((await newProject(bob, { team_id: teamId })).status, 403);
    assert.deepEqual(await tableCounts(t.database), before, 'nothing is written');
    assert.deepEqual(sink.of('projects'), [0.8, 0.9, 1]);
    const event = sink.events.find((item) => item.resourceType === 'projects' && item.threshold === 1)!;
    assert.deepEqual({ organizationId: event.organizationId, used: event.used, limit: event.limit }, { organizationId: orgId, used: 10, limit: 10 });

    // Dropping below and reaching the limit again in the same period raises nothing new.
    const mine = (await api(t.app, alice, 'GET', '/api/projects?limit=1')).body[0].id;
    assert.equal((await api(t.app, alice, 'DELETE', `/api/projects/${mine}`)).status, 204);
    assert.equal((await newProject(alice)).status, 201);
    assert.deepEqual(sink.of('projects'), [0.8, 0.9, 1]);
    const crossings = await queryRows<{ threshold_percent: number }>(t.database, sql`
      SELECT c.threshold_percent FROM quota_threshold_crossings c JOIN quotas q ON q.id = c.quota_id
      WHERE q.organization_id = ${orgId} AND q.resource_type = 'projects' ORDER BY c.threshold_percent`);
    assert.deepEqual(crossings.map((row) => row.threshold_percent), [80, 90, 100]);

    // A new limit starts a new period: 10 of 12 crosses 80 % again.
    await setLimit('projects', 12);
    assert.deepEqual(sink.of('projects'), [0.8, 0.9, 1, 0.8]);
    assert.equal((await newProject(alice)).status, 201);
    assert.deepEqual(sink.of('projects'), [0.8, 0.9, 1, 0.8, 0.9]);

    // Concurrent creations cannot both take the last places.
    await setLimit('projects', 13);
    const statuses = (await Promise.all(Array.from({ length: 5 }, () => newProject(alice)))).map((response) => response.status).sort();
    assert.deepEqual(statuses, [201, 201, 403, 403, 403]);
    assert.equal((await quotas()).projects!.used, 13);
    await setLimit('projects', QUOTA_DEFAULTS.free.projects * 2);
  });

  test('storage counts the bytes of every stored version; an upload over it is 403 with the reason', async () => {
    const shared = (await api(t.app, alice, 'GET', '/api/projects?limit=1')).body[0].id as number;
    const used = (await quotas()).storage!.used;
    assert.equal(used, 0);
    const first = await uploadFile(t.app, alice, shared, 'a.txt', 'x'.repeat(40));
    assert.equal(first.statusCode, 201, first.body);
    assert.equal((await updateFile(t.app, alice, first.json().id, 'y'.repeat(30))).statusCode, 200);
    assert.equal((await quotas()).storage!.used, 70);

    await setLimit('storage', 100);
    const before = await tableCounts(t.database);
    const refused = await uploadFile(t.app, alice, shared, 'b.txt', 'z'.repeat(31));
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().error_code, 'PROJ_003');
    assert.match(refused.json().detail, /Storing 31 more bytes in project \d+ would exceed organisation \d+'s storage quota: 70 of 100 bytes used/);
    assert.deepEqual(await tableCounts(t.database), before, 'nothing is written');
    assert.equal((await uploadFile(t.app, alice, shared, 'b.txt', 'z'.repeat(30))).statusCode, 201, 'exactly up to the limit is fine');
    assert.deepEqual(sink.of('storage'), [0.8, 0.9, 1]);
    await setLimit('storage', QUOTA_DEFAULTS.free.storage);
  });

  test('concurrent uploads cannot both take the last room in storage', async () => {
    const shared = (await api(t.app, alice, 'GET', '/api/projects?limit=1')).body[0].id as number;
    const used = (await quotas()).storage!.used;
    await setLimit('storage', used + 50);
    const uploads = await Promise.all(['c1.txt', 'c2.txt', 'c3.txt', 'c4.txt'].map((name) => uploadFile(t.app, alice, shared, name, 'q'.repeat(30))));
    assert.deepEqual(uploads.map((upload) => upload.statusCode).sort(), [201, 403, 403, 403]);
    assert.equal((await quotas()).storage!.used, used + 30);
    await setLimit('storage', QUOTA_DEFAULTS.free.storage);
  });

  test('API calls of members are counted per month; over the quota they get 429 PROJ_003 until it resets', async () => {
    const start = (await quotas(bob)).api_calls!.used;
    assert.ok(start > 0);
    const next = (await quotas(bob)).api_calls!.used;
    assert.equal(next, start + 1, 'each call of a member counts, this one too');
    await api(t.app, outsider, 'GET', '/api/projects');
    assert.equal((await quotas(bob)).api_calls!.used, start + 2, 'calls of non-members do not count');

    // Bob's next two calls reach the limit; the admin's calls are outside the organisation.
    await setLimit('api_calls', start + 4);
    assert.equal((await api(t.app, bob, 'GET', '/api/projects')).status, 200);
    assert.equal((await api(t.app, bob, 'GET', '/api/projects')).status, 200);
    const refused = await api(t.app, bob, 'GET', '/api/projects');
    assert.equal(refused.status, 429, JSON.stringify(refused.body));
    assert.equal(refused.body.error_code, 'PROJ_003');
    assert.match(refused.body.detail, /api_calls quota is used up/);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.equal((await api(t.app, alice, 'GET', '/api/projects')).status, 429, 'the whole organisation is over');
    assert.equal((await api(t.app, outsider, 'GET', '/api/projects')).status, 200);
    assert.deepEqual(sink.of('api_calls'), [0.8, 0.9, 1]);
    const [counter] = await queryRows<{ calls: number }>(t.database, sql`SELECT calls::int AS calls FROM api_call_counters WHERE organization_id = ${orgId}`);
    assert.equal(counter!.calls, start + 4, 'refused calls are not counted');

    await setLimit('api_calls', QUOTA_DEFAULTS.free.api_calls);
    assert.equal((await api(t.app, bob, 'GET', '/api/projects')).status, 200);
  });

  test('LLM tokens: a workflow that would exceed the monthly quota stops with the reason; a new run is refused 403 PROJ_003', async () => {
    fake.respondWith(scriptedProject({ modules: 1 }));
    // Alice's project (run with her model config), started by Bob, a member of its team.
    const project = (await newProject(alice, { team_id: teamId })).body.id as number;
    await setLimit('llm_tokens', 1);
    const run = await api(t.app, bob, 'POST', `/api/projects/${project}/execute`);
    assert.equal(run.status, 200, JSON.stringify(run.body));
    await t.app.services.workflows.settled(project);

    const [failed] = await queryRows<{ payload: { error_message: string; stage: string } }>(
      t.database, sql`SELECT payload FROM workflow_events WHERE project_id = ${project} AND type = 'workflow_failed'`,
    );
    assert.match(failed!.payload.error_message, new RegExp(`Organisation ${orgId}'s llm_tokens quota is used up \\(\\d+ of 1 tokens this month\\)`));
    assert.equal((await api(t.app, bob, 'GET', `/api/projects/${project}`)).body.status, 'failed');
    // Exactly one model call was made: the quota stopped the second before it started.
    const usage = await queryRows<{ organization_id: number; tokens: number }>(
      t.database, sql`SELECT organization_id, (prompt_tokens + completion_tokens)::int AS tokens FROM llm_usage WHERE project_id = ${project}`,
    );
    assert.equal(usage.length, 1);
    assert.equal(usage[0]!.organization_id, orgId);
    assert.equal((await quotas()).llm_tokens!.used, usage[0]!.tokens);
    assert.deepEqual(sink.of('llm_tokens'), [0.8, 0.9, 1]);

    const again = await api(t.app, bob, 'POST', `/api/projects/${project}/execute`);
    assert.equal(again.status, 403, JSON.stringify(again.body));
    assert.equal(again.body.error_code, 'PROJ_003');
    assert.match(again.body.detail, /llm_tokens quota is used up/);
    assert.deepEqual(sink.of('llm_tokens'), [0.8, 0.9, 1], 'once per period');

    // Calls outside a project (AI review, config test) are charged to the caller's organisation: refused alike, before any call.
    const written = async () => (await queryRows<{ calls: number; analyses: number }>(t.database, sql`
      SELECT (SELECT count(*) FROM llm_usage)::int AS calls, (SELECT count(*) FROM code_analyses)::int AS analyses`))[0];
    const before = await written();
    const review = await api(t.app, alice, 'POST', '/api/analyze/code', { code: 'import os\nos.system(input())\n', language: 'python', rules: ['security', 'ai'] });
    assert.equal(review.status, 403, JSON.stringify(review.body));
    assert.equal(review.body.error_code, 'PROJ_003');
    assert.match(review.body.detail, /llm_tokens quota is used up/);
    const probe = await api(t.app, alice, 'POST', `/api/llm-configs/${aliceConfigId}/test`);
    assert.equal(probe.status, 403, JSON.stringify(probe.body));
    assert.equal(probe.body.error_code, 'PROJ_003');
    assert.deepEqual(await written(), before, 'no model call, no analysis');
    const staticOnly = await api(t.app, alice, 'POST', '/api/analyze/code', { code: 'import os\nos.system(input())\n', language: 'python', rules: ['security'] });
    assert.equal(staticOnly.status, 200, 'the static analysis spends no tokens');

    await setLimit('llm_tokens', QUOTA_DEFAULTS.free.llm_tokens);
    const rerun = await api(t.app, bob, 'POST', `/api/projects/${project}/execute`);
    assert.equal(rerun.status, 200, JSON.stringify(rerun.body));
    await t.app.services.workflows.settled(project);
    assert.equal((await api(t.app, bob, 'GET', `/api/projects/${project}`)).body.status, 'completed');
  });
});
