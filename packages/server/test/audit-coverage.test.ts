import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { scriptedProject } from '@resoftai/engine/testing';
import { type FakeProviderServer, startFakeProviderServer } from '@resoftai/llm/testing';
import type { ProfileEvaluator } from '../src/governance/profile-evaluator.ts';
import { api } from './org-support.ts';
import { signInAtProvider, startIdentityProvider } from './oidc-support.ts';
import { updateFile, uploadFile } from './project-support.ts';
import { createTestApp, createUser, queryRows, STRONG_PASSWORD, type TestApp, type TestUser } from './support.ts';

interface CoverageRow {
  entity: string;
  action: string;
  status: 'success' | 'failure';
}

/** The README's "Audit coverage" table by its first column: the entity and the (first) action each row names. */
function coverageTable(): Map<string, CoverageRow> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Audit coverage'));
  const rows = new Map<string, CoverageRow>();
  for (const line of section.split('\n').slice(1)) {
    if (line.startsWith('#')) break;
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    if (cells.length !== 3 || cells[0] === 'Action' || cells[0]!.startsWith('---')) continue;
    const [key, action, entity] = cells as [string, string, string];
    assert.ok(!rows.has(key), `the README lists "${key}" twice`);
    rows.set(key, { action: action.match(/`([a-z_]+)`/)![1]!, entity: entity.replaceAll('`', ''), status: action.includes('`status: failure`') ? 'failure' : 'success' });
  }
  return rows;
}

const TABLE = coverageTable();
const ENVIRONMENT_KEY = 'sk-environment-coverage-0123456789';
const LLM_KEY = 'sk-coverage-secret-0123456789';
const NEW_PASSWORD = 'AnotherPass456!';

// Every experiment measures well enough to be promoted.
const evaluator: ProfileEvaluator = { evaluate: async () => ({ f1: 0.9, precision: 0.9, recall: 0.9, samples: 60 }) };

let t: TestApp;
let fake: FakeProviderServer;
before(async () => {
  fake = await startFakeProviderServer();
  t = await createTestApp(
    { environmentLlm: { provider: 'deepseek', model: 'deepseek-chat', apiKey: ENVIRONMENT_KEY, apiBase: fake.baseUrlFor('deepseek') } },
    { profileEvaluator: evaluator },
  );
});
after(async () => {
  await t.close();
  await fake.close();
});

interface Expected {
  /** The acting user; null when the server acted. */
  actor: number | null;
  resource?: string | number;
  payload?: Record<string, unknown>;
}

const performed = new Set<string>();
/** Secrets the actions used; none may appear in the audit log. */
const secrets = [STRONG_PASSWORD, NEW_PASSWORD, LLM_KEY, ENVIRONMENT_KEY];

/** Performs one row's action and checks that an entry with the row's entity and action, by the expected actor, followed it. */
async function audited(key: string, perform: () => Promise<Expected>): Promise<void> {
  const row = TABLE.get(key);
  assert.ok(row, `the README's Audit coverage table has no row "${key}"`);
  const [{ head }] = (await queryRows<{ head: number }>(t.database, sql`SELECT coalesce(max(seq), 0)::int AS head FROM audit_logs`)) as [{ head: number }];
  const expected = await perform();
  const entries = await queryRows<{ actor_id: number | null; resource_id: string | null; status: string; payload: Record<string, unknown> }>(
    t.database, sql`SELECT actor_id, resource_id, status, payload FROM audit_logs WHERE seq > ${head} AND entity = ${row.entity} AND action = ${row.action} ORDER BY seq`,
  );
  const match = entries.find((entry) => entry.actor_id === expected.actor && entry.status === row.status
    && (expected.resource === undefined || entry.resource_id === String(expected.resource))
    && Object.entries(expected.payload ?? {}).every(([name, value]) => JSON.stringify(entry.payload[name]) === JSON.stringify(value)));
  assert.ok(match, `${key}: no ${row.entity}/${row.action} (${row.status}) entry by ${expected.actor} for ${JSON.stringify(expected)}; found ${JSON.stringify(entries)}`);
  performed.add(key);
}

/** Calls the API and insists on a 2xx answer. */
async function ok(user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) {
  const response = await api(t.app, user, method, url, payload);
  assert.ok(response.status >= 200 && response.status < 300, `${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function untilAgentCalled(agent: string): Promise<void> {
  while (!fake.requests.some((request) => JSON.stringify(request.body).includes(agent))) await new Promise((resolve) => setTimeout(resolve, 20));
}

test('every action in the README\'s Audit coverage table leaves its entry, with its actor, action and entity', async () => {
  // The first account is the administrator, and gets the environment's model on registering.
  let admin!: TestUser;
  await audited('Server: the model from `RESOFTAI_LLM_*` set up for the first administrator', async () => {
    admin = await createUser(t.app, 'cov_admin');
    return { actor: null, payload: { owner_id: admin.id } };
  });

  // Accounts.
  let carol!: TestUser;
  await audited('`POST /api/auth/register`', async () => {
    const registered = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: 'cov_carol', email: 'cov_carol@example.com', password: STRONG_PASSWORD } });
    assert.equal(registered.statusCode, 201, registered.body);
    return { actor: registered.json().id, resource: registered.json().id };
  });
  await audited('`POST /api/auth/login`', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'cov_carol@example.com', password: STRONG_PASSWORD } });
    assert.equal(login.statusCode, 200, login.body);
    const tokens = login.json();
    secrets.push(tokens.access_token, tokens.refresh_token);
    carol = { id: tokens.user.id, username: 'cov_carol', email: 'cov_carol@example.com', accessToken: tokens.access_token, refreshToken: tokens.refresh_token, auth: { authorization: `Bearer ${tokens.access_token}` } };
    return { actor: carol.id, resource: carol.id };
  });
  await audited('`POST /api/auth/login` with a wrong password', async () => {
    const refused = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: carol.email, password: 'Wrong-password-1!' } });
    assert.equal(refused.statusCode, 401);
    return { actor: carol.id };
  });
  await audited('`PUT /api/auth/me`', async () => {
    await ok(carol, 'PUT', '/api/auth/me', { full_name: 'Carol Coverage' });
    return { actor: carol.id, payload: { fields: ['full_name'] } };
  });
  await audited('`POST /api/auth/change-password`', async () => {
    await ok(carol, 'POST', '/api/auth/change-password', { current_password: STRONG_PASSWORD, new_password: NEW_PASSWORD });
    return { actor: carol.id, resource: carol.id };
  });
  let keyId!: number;
  await audited('`POST /api/auth/api-keys`', async () => {
    const key = await ok(carol, 'POST', '/api/auth/api-keys', { name: 'ci' });
    secrets.push(key.key);
    keyId = key.id;
    return { actor: carol.id, resource: key.id };
  });
  await audited('`DELETE /api/auth/api-keys/{id}`', async () => {
    await ok(carol, 'DELETE', `/api/auth/api-keys/${keyId}`);
    return { actor: carol.id, resource: keyId };
  });

  // User administration.
  const dave = await createUser(t.app, 'cov_dave');
  await audited('`POST /api/admin/users/{id}/suspend`', async () => {
    await ok(admin, 'POST', `/api/admin/users/${dave.id}/suspend`, { reason: 'coverage' });
    return { actor: admin.id, resource: dave.id };
  });
  await audited('`POST /api/admin/users/{id}/reactivate`', async () => {
    await ok(admin, 'POST', `/api/admin/users/${dave.id}/reactivate`);
    return { actor: admin.id, resource: dave.id };
  });
  await audited('`POST /api/admin/users/{id}/reset-password`', async () => {
    secrets.push((await ok(admin, 'POST', `/api/admin/users/${dave.id}/reset-password`)).temporary_password);
    return { actor: admin.id, resource: dave.id };
  });
  const approvers: Array<TestUser & { privateKey: KeyObject }> = [];
  for (const name of ['cov_b', 'cov_c']) {
    const user = await createUser(t.app, name);
    await audited('`PUT /api/admin/users/{id}/role`', async () => {
      await ok(admin, 'PUT', `/api/admin/users/${user.id}/role`, { role: 'admin' });
      return { actor: admin.id, resource: user.id, payload: { from: 'user', to: 'admin' } };
    });
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    await audited('`POST /api/admin/multisig/keys`', async () => {
      const key = await ok(user, 'POST', '/api/admin/multisig/keys', { algorithm: 'ed25519', public_key: publicKey.export({ type: 'spki', format: 'pem' }) });
      return { actor: user.id, resource: key.key_id };
    });
    approvers.push({ ...user, privateKey });
  }
  const [approverB, approverC] = approvers as [TestUser & { privateKey: KeyObject }, TestUser & { privateKey: KeyObject }];
  await audited('`DELETE /api/admin/multisig/keys/{id}`', async () => {
    const spare = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' });
    const key = await ok(admin, 'POST', '/api/admin/multisig/keys', { algorithm: 'ed25519', public_key: spare });
    const keyIdOf = key.key_id;
    await ok(admin, 'DELETE', `/api/admin/multisig/keys/${keyIdOf}`);
    return { actor: admin.id, resource: keyIdOf };
  });
  const signRequest = async (signer: TestUser & { privateKey: KeyObject }, requestId: string) => {
    const { payload_hash } = await ok(admin, 'GET', `/api/admin/multisig/requests/${requestId}`);
    return ok(signer, 'POST', `/api/admin/multisig/sign/${requestId}`, { signature: sign(null, Buffer.from(payload_hash), signer.privateKey).toString('base64') });
  };

  // Projects and files.
  let projectId!: number;
  await audited('`POST /api/projects`', async () => {
    projectId = (await ok(carol, 'POST', '/api/projects', { name: 'Shop', requirements: 'A web shop with carts, orders and payments.' })).id;
    return { actor: carol.id, resource: projectId };
  });
  await audited('`PUT /api/projects/{id}`', async () => {
    await ok(carol, 'PUT', `/api/projects/${projectId}`, { name: 'Shop 2' });
    return { actor: carol.id, resource: projectId, payload: { fields: ['name'] } };
  });
  let fileId!: number;
  await audited('`POST /api/files` to a new path', async () => {
    const uploaded = await uploadFile(t.app, carol, projectId, 'src/app.py', 'print(1)\n');
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    fileId = uploaded.json().id;
    return { actor: carol.id, resource: fileId, payload: { project_id: projectId, path: 'src/app.py', version: 1 } };
  });
  await audited('`POST /api/files` to an existing path', async () => {
    assert.equal((await uploadFile(t.app, carol, projectId, 'src/app.py', 'print(2)\n')).statusCode, 201);
    return { actor: carol.id, resource: fileId, payload: { version: 2 } };
  });
  await audited('`PUT /api/files/{id}`', async () => {
    assert.equal((await updateFile(t.app, carol, fileId, 'print(3)\n')).statusCode, 200);
    return { actor: carol.id, resource: fileId, payload: { version: 3 } };
  });
  await audited('`POST /api/files/{id}/versions/{version}/restore`', async () => {
    await ok(carol, 'POST', `/api/files/${fileId}/versions/1/restore`);
    return { actor: carol.id, resource: fileId, payload: { version: 4, restored_from_version: 1 } };
  });
  await audited('`DELETE /api/files/{id}`', async () => {
    await ok(carol, 'DELETE', `/api/files/${fileId}`);
    return { actor: carol.id, resource: fileId, payload: { path: 'src/app.py' } };
  });
  await audited('`POST /api/templates/{id}/apply`', async () => {
    const applied = await ok(carol, 'POST', '/api/templates/1/apply', { project_id: projectId, variables: { project_name: 'my-api', database: 'postgresql', enable_auth: true } });
    return { actor: carol.id, resource: applied.files[0].id, payload: { template_id: 1, path: applied.files[0].filename } };
  });
  await audited('`DELETE /api/projects/{id}`', async () => {
    await ok(carol, 'DELETE', `/api/projects/${projectId}`);
    return { actor: carol.id, resource: projectId };
  });

  // Workflows, on the administrator's model from the environment (the fake provider).
  const runId = (await ok(admin, 'POST', '/api/projects', { name: 'calc', requirements: 'Build a small calculation library with one module per computation, each tested.', config: { enable_cache: false } })).id;
  fake.respondWith(scriptedProject({ modules: 2, override: (agent) => (agent === 'DeveloperAgent' ? { delayMs: 60_000, text: 'never' } : undefined) }));
  await audited('`POST /api/projects/{id}/execute`', async () => {
    const started = await ok(admin, 'POST', `/api/projects/${runId}/execute`);
    return { actor: admin.id, resource: runId, payload: { workflow_id: started.workflow_id } };
  });
  await untilAgentCalled('DeveloperAgent');
  await audited('`POST /api/projects/{id}/stop`', async () => {
    assert.equal((await ok(admin, 'POST', `/api/projects/${runId}/stop`)).status, 'cancelled');
    return { actor: admin.id, resource: runId, payload: { from_status: 'running' } };
  });
  fake.reset();
  fake.respondWith(scriptedProject({ modules: 2 }));
  await audited('`POST /api/projects/{id}/resume`', async () => {
    const resumed = await ok(admin, 'POST', `/api/projects/${runId}/resume`);
    return { actor: admin.id, resource: runId, payload: { workflow_id: resumed.workflow_id } };
  });
  await t.app.services.workflows.settled(runId);
  await audited('Server: an interrupted run restarted at start (`WORKFLOW_AUTO_RESUME`)', async () => {
    const interrupted = (await ok(admin, 'POST', '/api/projects', { name: 'left', requirements: 'Build a small calculation library with one module per computation, each tested.', config: { enable_cache: false } })).id;
    await t.database.db.execute(sql`UPDATE projects SET status = 'interrupted' WHERE id = ${interrupted}`);
    await t.database.db.execute(sql`INSERT INTO workflow_runs (workflow_id, project_id, user_id, mode, status, owner)
      VALUES ('wf_1700000000_dead', ${interrupted}, ${admin.id}, 'execute', 'interrupted', 'another-host:4242:dead')`);
    await t.app.services.workflows.recover();
    await t.app.services.workflows.settled(interrupted);
    return { actor: null, resource: interrupted, payload: { automatic: true } };
  });

  // LLM configs.
  let configId!: number;
  await audited('`POST /api/llm-configs`', async () => {
    configId = (await ok(carol, 'POST', '/api/llm-configs', { name: 'mine', provider: 'deepseek', api_key: LLM_KEY, is_active: false, is_default: false })).id;
    return { actor: carol.id, resource: configId };
  });
  await audited('`PUT /api/llm-configs/{id}`', async () => {
    await ok(carol, 'PUT', `/api/llm-configs/${configId}`, { name: 'renamed', api_key: `${LLM_KEY}-rotated` });
    return { actor: carol.id, resource: configId, payload: { fields: ['name', 'api_key'] } };
  });
  await audited('`PUT /api/llm-configs/{id}` with `is_active` or `is_default` (activate, make default)', async () => {
    await ok(carol, 'PUT', `/api/llm-configs/${configId}`, { is_active: true, is_default: true });
    return { actor: carol.id, resource: configId, payload: { fields: ['is_default', 'is_active'] } };
  });
  await audited('`DELETE /api/llm-configs/{id}`', async () => {
    await ok(carol, 'DELETE', `/api/llm-configs/${configId}`);
    return { actor: carol.id, resource: configId };
  });

  // Organisations, teams, quotas.
  const erin = await createUser(t.app, 'cov_erin');
  let organizationId!: number;
  let teamId!: number;
  await audited('`POST /api/organizations`', async () => {
    organizationId = (await ok(admin, 'POST', '/api/organizations', { name: 'Coverage', slug: 'coverage', tier: 'professional' })).id;
    return { actor: admin.id, resource: organizationId };
  });
  await audited('`PUT /api/organizations/{id}`', async () => {
    await ok(admin, 'PUT', `/api/organizations/${organizationId}`, { description: 'audited' });
    return { actor: admin.id, resource: organizationId };
  });
  await audited('`POST /api/teams`', async () => {
    teamId = (await ok(admin, 'POST', '/api/teams', { organization_id: organizationId, name: 'dev' })).id;
    return { actor: admin.id, resource: teamId };
  });
  await audited('`POST /api/teams/{id}/members`', async () => {
    await ok(admin, 'POST', `/api/teams/${teamId}/members`, { user_id: erin.id, role: 'member' });
    return { actor: admin.id, resource: teamId, payload: { user_id: erin.id, role: 'member' } };
  });
  await audited('`PUT /api/teams/{id}/members/{user_id}/role`', async () => {
    await ok(admin, 'PUT', `/api/teams/${teamId}/members/${erin.id}/role`, { role: 'admin' });
    return { actor: admin.id, resource: teamId, payload: { user_id: erin.id } };
  });
  await ok(erin, 'POST', '/api/projects', { name: 'shared', requirements: 'A web shop with carts, orders and payments.', team_id: teamId });
  const projectsQuota = (await ok(admin, 'GET', `/api/quotas?organization_id=${organizationId}`)).find((quota: { resource_type: string }) => quota.resource_type === 'projects');
  await audited('`PUT /api/quotas/{id}`', async () => {
    await ok(admin, 'PUT', `/api/quotas/${projectsQuota.id}`, { limit: 50 });
    return { actor: admin.id, resource: projectsQuota.id };
  });
  await audited('Server: an alert rule fires or a quota threshold is crossed', async () => {
    await ok(admin, 'PUT', `/api/quotas/${projectsQuota.id}`, { limit: 1 });
    return { actor: null, payload: { alert_type: 'quota_projects', severity: 'critical' } };
  });
  await audited('`DELETE /api/teams/{id}/members/{user_id}`', async () => {
    await ok(admin, 'DELETE', `/api/teams/${teamId}/members/${erin.id}`);
    return { actor: admin.id, resource: teamId, payload: { user_id: erin.id } };
  });

  // Plugins.
  let installationId!: string;
  await audited('`POST /api/marketplace/plugins/{slug}/install`', async () => {
    await ok(carol, 'POST', '/api/marketplace/plugins/code-formatter/install', { version: '1.0.0' });
    const [row] = await queryRows<{ id: number }>(t.database, sql`SELECT id FROM plugin_installations WHERE user_id = ${carol.id}`);
    installationId = String(row!.id);
    return { actor: carol.id, resource: installationId, payload: { slug: 'code-formatter', version: '1.0.0' } };
  });
  await audited('`POST /api/plugins/{slug}/toggle`', async () => {
    assert.equal((await ok(carol, 'POST', '/api/plugins/code-formatter/toggle')).is_active, false);
    return { actor: carol.id, resource: installationId };
  });
  await audited('`POST /api/marketplace/plugins/{slug}/update`', async () => {
    await ok(carol, 'POST', '/api/marketplace/plugins/code-formatter/update');
    return { actor: carol.id, resource: installationId, payload: { from_version: '1.0.0' } };
  });
  await audited('`PUT /api/plugins/{slug}/settings`', async () => {
    await ok(carol, 'PUT', '/api/plugins/code-formatter/settings', { print_width: 80 });
    return { actor: carol.id, resource: installationId, payload: { settings_changed: ['print_width'] } };
  });
  await audited('`DELETE /api/plugins/{slug}`', async () => {
    await ok(carol, 'DELETE', '/api/plugins/code-formatter');
    return { actor: carol.id, resource: installationId };
  });
  await audited('`POST /api/marketplace/plugins/{slug}/reviews`', async () => {
    const review = await ok(carol, 'POST', '/api/marketplace/plugins/code-formatter/reviews', { rating: 5, comment: 'tidy' });
    return { actor: carol.id, resource: review.id, payload: { slug: 'code-formatter', rating: 5 } };
  });

  // Alerts.
  let alertId!: number;
  await audited('`POST /api/monitoring/alerts`', async () => {
    alertId = (await ok(carol, 'POST', '/api/monitoring/alerts', { alert_type: 'disk', severity: 'medium', message: 'full', details: { note: 'private' } })).id;
    return { actor: carol.id, resource: alertId, payload: { alert_type: 'disk', severity: 'medium' } };
  });
  await audited('`POST /api/monitoring/alerts/{id}/resolve`', async () => {
    await ok(carol, 'POST', `/api/monitoring/alerts/${alertId}/resolve`);
    return { actor: carol.id, resource: alertId };
  });
  await audited('`POST /api/auth/logout`', async () => {
    await ok(carol, 'POST', '/api/auth/logout');
    return { actor: carol.id, resource: carol.id };
  });

  // Approvals.
  await audited('`PUT /api/admin/multisig/policies/{operation_type}`', async () => {
    await ok(admin, 'PUT', '/api/admin/multisig/policies/version_demotion', { required_signatures: 1, expiry_hours: 48 });
    return { actor: admin.id, resource: 'version_demotion' };
  });
  let settingRequest!: string;
  await audited('`POST /api/admin/settings/changes` (opens a `config_change` request)', async () => {
    settingRequest = (await ok(admin, 'POST', '/api/admin/settings/changes', { name: 'promotion.min_evaluated_samples', value: 40, reason: 'coverage' })).request_id;
    return { actor: admin.id, resource: settingRequest };
  });
  await audited('`POST /api/admin/multisig/sign/{id}`', async () => {
    await signRequest(approverB, settingRequest);
    return { actor: approverB.id, resource: settingRequest };
  });
  await audited('Server: an approved `config_change` applied', async () => {
    assert.equal((await signRequest(approverC, settingRequest)).status, 'executed');
    return { actor: null, resource: 'promotion.min_evaluated_samples', payload: { to: 40 } };
  });
  const frank = await createUser(t.app, 'cov_frank');
  let deletionRequest!: string;
  await audited('`DELETE /api/admin/users/{id}` (opens a `user_deletion` request)', async () => {
    deletionRequest = (await ok(admin, 'DELETE', `/api/admin/users/${frank.id}`, { reason: 'left the company' })).request_id;
    return { actor: admin.id, resource: deletionRequest };
  });
  await audited('Server: an approved `user_deletion` applied', async () => {
    await signRequest(approverB, deletionRequest);
    await signRequest(approverC, deletionRequest);
    return { actor: null, resource: frank.id };
  });
  const grace = await createUser(t.app, 'cov_grace');
  await audited('`POST /api/admin/multisig/reject/{id}`', async () => {
    const requestId = (await ok(admin, 'DELETE', `/api/admin/users/${grace.id}`, { reason: 'mistake' })).request_id;
    await ok(approverB, 'POST', `/api/admin/multisig/reject/${requestId}`, { reason: 'she stays' });
    return { actor: approverB.id, resource: requestId };
  });
  await audited('`GET /api/admin/audit/export`', async () => {
    await ok(admin, 'GET', '/api/admin/audit/export?format=json');
    return { actor: admin.id, payload: { format: 'json' } };
  });
  let exportRequest!: string;
  await audited('`POST /api/admin/audit/exports` (opens a `data_export` request)', async () => {
    exportRequest = (await ok(admin, 'POST', '/api/admin/audit/exports', { format: 'csv', reason: 'external audit' })).request_id;
    return { actor: admin.id, resource: exportRequest };
  });
  await signRequest(approverB, exportRequest);
  await audited('Server: the last signature executes the request', async () => {
    assert.equal((await signRequest(approverC, exportRequest)).status, 'executed');
    return { actor: null, resource: exportRequest, payload: { operation_type: 'data_export' } };
  });
  await audited('`GET /api/admin/audit/exports/{request_id}`', async () => {
    await ok(admin, 'GET', `/api/admin/audit/exports/${exportRequest}`);
    return { actor: admin.id, payload: { request_id: exportRequest } };
  });

  // Three-version control.
  let experimentId!: string;
  await audited('`POST /api/three-version/experiments`', async () => {
    experimentId = (await ok(admin, 'POST', '/api/three-version/experiments', { name: 'strict', config: { temperature: 0.1 } })).experiment_id;
    return { actor: admin.id, resource: experimentId };
  });
  await audited('`POST /api/three-version/experiments/{id}/evaluate`', async () => {
    await ok(admin, 'POST', `/api/three-version/experiments/${experimentId}/evaluate`);
    return { actor: admin.id, resource: experimentId };
  });
  for (let i = 0; i < 10; i++) await t.app.services.threeVersion.recordRequest(experimentId, 'shadow', { latencyMs: 100, failed: false, agreed: true });
  let promotionRequest!: string;
  await audited('`POST /api/three-version/promote` (opens a `version_promotion` request)', async () => {
    promotionRequest = (await ok(admin, 'POST', '/api/three-version/promote', { experiment_id: experimentId, reason: 'accurate' })).request_id;
    return { actor: admin.id, resource: promotionRequest };
  });
  await audited('Server: an approved `version_promotion` applied', async () => {
    await signRequest(approverB, promotionRequest);
    await signRequest(approverC, promotionRequest);
    return { actor: null, resource: experimentId };
  });
  let demotionRequest!: string;
  await audited('`POST /api/three-version/demote` (opens a `version_demotion` request)', async () => {
    demotionRequest = (await ok(admin, 'POST', '/api/three-version/demote', { version_id: 'v2', reason: 'errors' })).request_id;
    return { actor: admin.id, resource: demotionRequest };
  });
  let quarantineId!: string;
  await audited('Server: an approved `version_demotion` applied', async () => {
    quarantineId = (await signRequest(approverB, demotionRequest)).result.quarantine_id;
    return { actor: null, resource: experimentId, payload: { quarantine_id: quarantineId } };
  });
  await audited('`POST /api/three-version/reevaluate`', async () => {
    const back = await ok(admin, 'POST', '/api/three-version/reevaluate', { quarantine_id: quarantineId, new_config: { temperature: 0.2 } });
    return { actor: admin.id, resource: back.experiment_id };
  });

  // Single sign-on, against a real OpenID Connect provider on loopback.
  const ssoOrganization = (await ok(admin, 'POST', '/api/organizations', { name: 'Coverage SSO', slug: 'coverage-sso', tier: 'professional' })).id;
  await ok(admin, 'POST', '/api/teams', { organization_id: ssoOrganization, name: 'everyone', is_default: true });
  const ssoMember = await createUser(t.app, 'cov_sso_member');
  const ssoTeam = (await ok(admin, 'POST', '/api/teams', { organization_id: ssoOrganization, name: 'sso-members' })).id;
  await ok(admin, 'POST', `/api/teams/${ssoTeam}/members`, { user_id: ssoMember.id, role: 'member' });
  const idp = await startIdentityProvider({ redirectUris: [(await ok(admin, 'GET', `/api/organizations/${ssoOrganization}/sso`)).redirect_uri] });
  secrets.push(idp.clientSecret);
  idp.accounts.set('newcomer', { email: 'newcomer@coverage.test', email_verified: true });
  idp.accounts.set('stranger', { email: 'stranger@elsewhere.test', email_verified: true });
  const ssoSignIn = async (account: string) => {
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/sso/coverage-sso/start' });
    const back = await signInAtProvider(String(start.headers.location), account);
    return t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { accept: 'application/json' } });
  };
  try {
    await audited('`PUT /api/organizations/{id}/sso`', async () => {
      await ok(admin, 'PUT', `/api/organizations/${ssoOrganization}/sso`, {
        issuer: idp.issuer, client_id: idp.clientId, client_secret: idp.clientSecret, allowed_domains: ['coverage.test'], default_role: 'member', enforce: true, enabled: true,
      });
      return { actor: admin.id, resource: ssoOrganization };
    });
    let newcomerId!: number;
    await audited('`GET /api/auth/sso/callback` for someone new (just-in-time provisioning)', async () => {
      const response = await ssoSignIn('newcomer');
      assert.equal(response.statusCode, 200, response.body);
      newcomerId = response.json().user.id;
      return { actor: newcomerId, resource: newcomerId };
    });
    await audited('`GET /api/auth/sso/callback`', async () => {
      assert.equal((await ssoSignIn('newcomer')).json().user.id, newcomerId);
      return { actor: newcomerId, resource: newcomerId };
    });
    await audited('`GET /api/auth/sso/callback` refused (bad state, token or email)', async () => {
      assert.equal((await ssoSignIn('stranger')).statusCode, 403);
      return { actor: null, payload: { reason: 'SSO_EMAIL_NOT_ALLOWED' } };
    });
    await audited('`POST /api/auth/login` by a member of an organisation that enforces single sign-on', async () => {
      const refused = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: ssoMember.email, password: STRONG_PASSWORD } });
      assert.equal(refused.statusCode, 403);
      return { actor: ssoMember.id, resource: ssoMember.id, payload: { reason: 'sso_required' } };
    });
  } finally {
    await idp.close();
  }

  assert.deepEqual([...TABLE.keys()].filter((key) => !performed.has(key)), [], 'rows of the README table this test does not perform');
  const log = JSON.stringify(await queryRows(t.database, sql`SELECT payload, user_agent FROM audit_logs`));
  for (const secret of secrets) assert.ok(!log.includes(secret), `a secret (${secret.slice(0, 6)}…) is in the audit log`);
});
