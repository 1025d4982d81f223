import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { scriptedProject } from '@resoftai/engine/testing';
import { startFakeProviderServer } from '@resoftai/llm/testing';
import { createProject, sendMultipart, uploadFile } from './project-support.ts';
import { createTestApp, createUser, queryRows, STRONG_PASSWORD, type TestApp, type TestUser } from './support.ts';
import { call, createFakeLlmConfig, createProject as createWorkflowProject } from './workflow-support.ts';

let t: TestApp;
let admin: TestUser;
let member: TestUser;
before(async () => {
  t = await createTestApp();
  admin = await createUser(t.app);
  member = await createUser(t.app);
});
after(() => t.close());

/** Every row of the tables a write may touch, to compare before and after a refused write. */
async function snapshot(): Promise<string> {
  const tables = [
    'users', 'sessions', 'api_keys', 'projects', 'workflow_runs', 'workflow_events', 'llm_configs', 'project_files', 'file_versions', 'file_blobs',
    'alerts', 'marketplace_plugins', 'plugin_reviews', 'multisig_policies', 'multisig_requests', 'audit_logs',
  ];
  const rows = await Promise.all(tables.map((table) => queryRows(t.database, sql.raw(`SELECT * FROM "${table}" ORDER BY 1`))));
  return JSON.stringify(rows);
}

/** Runs `work` while every audit insert fails, as when the audit store is unavailable. */
async function withAuditRefused(work: () => Promise<void>): Promise<void> {
  await queryRows(t.database, sql.raw(`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit unavailable'; END $$`));
  await queryRows(t.database, sql.raw('CREATE TRIGGER audit_logs_refuse_insert BEFORE INSERT ON "audit_logs" FOR EACH ROW EXECUTE FUNCTION refuse_audit()'));
  try {
    await work();
  } finally {
    await queryRows(t.database, sql.raw('DROP TRIGGER audit_logs_refuse_insert ON "audit_logs"'));
    await queryRows(t.database, sql.raw('DROP FUNCTION refuse_audit()'));
  }
}

test('a write whose audit entry cannot be written changes nothing: accounts, sessions, projects', async () => {
  const project = await createProject(t.app, member);
  const llmConfig = (await t.app.inject({ method: 'POST', url: '/api/llm-configs', headers: member.auth, payload: { name: 'kept', provider: 'deepseek', api_key: 'sk-atomic-0123456789' } })).json();
  const writes: Array<{ name: string; method: 'POST' | 'PUT' | 'DELETE'; url: string; headers: Record<string, string>; payload?: object }> = [
    { name: 'register', method: 'POST', url: '/api/auth/register', headers: {}, payload: { username: 'atomic_new', email: 'atomic_new@example.com', password: STRONG_PASSWORD } },
    { name: 'login', method: 'POST', url: '/api/auth/login', headers: {}, payload: { email: member.email, password: STRONG_PASSWORD } },
    { name: 'logout', method: 'POST', url: '/api/auth/logout', headers: member.auth },
    { name: 'profile update', method: 'PUT', url: '/api/auth/me', headers: member.auth, payload: { full_name: 'Changed Name' } },
    { name: 'password change', method: 'POST', url: '/api/auth/change-password', headers: member.auth, payload: { current_password: STRONG_PASSWORD, new_password: 'AnotherPass456!' } },
    { name: 'suspend', method: 'POST', url: `/api/admin/users/${member.id}/suspend`, headers: admin.auth, payload: { reason: 'test' } },
    { name: 'password reset', method: 'POST', url: `/api/admin/users/${member.id}/reset-password`, headers: admin.auth },
    { name: 'role change', method: 'PUT', url: `/api/admin/users/${member.id}/role`, headers: admin.auth, payload: { role: 'admin' } },
    { name: 'project create', method: 'POST', url: '/api/projects', headers: member.auth, payload: { name: 'never', requirements: 'A requirement that is long enough to be accepted.' } },
    { name: 'project update', method: 'PUT', url: `/api/projects/${project.id}`, headers: member.auth, payload: { name: 'renamed' } },
    { name: 'workflow execute', method: 'POST', url: `/api/projects/${project.id}/execute`, headers: member.auth },
    { name: 'project delete', method: 'DELETE', url: `/api/projects/${project.id}`, headers: member.auth },
    { name: 'LLM config create', method: 'POST', url: '/api/llm-configs', headers: member.auth, payload: { name: 'never', provider: 'deepseek', api_key: 'sk-atomic-9876543210' } },
    { name: 'LLM config update', method: 'PUT', url: `/api/llm-configs/${llmConfig.id}`, headers: member.auth, payload: { name: 'renamed', api_key: 'sk-atomic-new-0123456789' } },
    { name: 'LLM config delete', method: 'DELETE', url: `/api/llm-configs/${llmConfig.id}`, headers: member.auth },
  ];
  await withAuditRefused(async () => {
    for (const write of writes) {
      const before = await snapshot();
      const response = await t.app.inject({ method: write.method, url: write.url, headers: write.headers, ...(write.payload ? { payload: write.payload } : {}) });
      assert.equal(response.statusCode, 500, `${write.name}: ${response.body}`);
      assert.equal(await snapshot(), before, `${write.name} changed data although its audit entry failed`);
    }
  });
  // With the audit store back, the same writes go through and each leaves its entry.
  const renamed = await t.app.inject({ method: 'PUT', url: `/api/projects/${project.id}`, headers: member.auth, payload: { name: 'renamed' } });
  assert.equal(renamed.statusCode, 200, renamed.body);
  const keyUpdate = await t.app.inject({ method: 'PUT', url: `/api/llm-configs/${llmConfig.id}`, headers: member.auth, payload: { api_key: 'sk-atomic-rotated-0123456789' } });
  assert.equal(keyUpdate.statusCode, 200, keyUpdate.body);
  const configEntries = await queryRows<{ action: string; payload: unknown }>(t.database, sql`SELECT action, payload FROM audit_logs WHERE entity = 'llm_config' AND resource_id = ${String(llmConfig.id)} ORDER BY seq`);
  assert.deepEqual(configEntries.map((entry) => entry.action), ['create', 'update']);
  assert.ok(!JSON.stringify(configEntries).includes('sk-atomic'), 'no API key in the audit log');
  const suspended = await t.app.inject({ method: 'POST', url: `/api/admin/users/${member.id}/suspend`, headers: admin.auth, payload: { reason: 'test' } });
  assert.equal(suspended.statusCode, 200, suspended.body);
  const entries = await queryRows<{ entity: string; action: string; payload: Record<string, unknown> }>(t.database, sql`SELECT entity, action, payload FROM audit_logs WHERE resource_id IN (${String(project.id)}, ${String(member.id)}) ORDER BY seq`);
  assert.deepEqual(entries.filter((entry) => entry.entity === 'project').map((entry) => [entry.action, entry.payload.fields ?? null]), [['create', null], ['update', ['name']]]);
  assert.ok(entries.some((entry) => entry.entity === 'user' && entry.action === 'suspend'));
});

interface Write {
  name: string;
  method: 'POST' | 'PUT' | 'DELETE';
  url: string;
  user: TestUser;
  payload?: object;
  /** A multipart body instead of JSON. */
  file?: { fields: Record<string, string>; filename: string; content: string };
}

/** Sends each write while audit inserts fail: each must answer 500 and leave every table as it was. */
async function refusedWrites(writes: Write[]): Promise<void> {
  await withAuditRefused(async () => {
    for (const write of writes) {
      const before = await snapshot();
      const response = write.file
        ? await sendMultipart(t.app, write.user, write.method as 'POST' | 'PUT', write.url, [
          ...Object.entries(write.file.fields).map(([name, value]) => ({ name, value })), { name: 'file', filename: write.file.filename, content: write.file.content },
        ])
        : await t.app.inject({ method: write.method, url: write.url, headers: write.user.auth, ...(write.payload ? { payload: write.payload } : {}) });
      assert.equal(response.statusCode, 500, `${write.name}: ${response.body}`);
      assert.equal(await snapshot(), before, `${write.name} changed data although its audit entry failed`);
    }
  });
}

test('files, templates, alerts, reviews, approval policies and requests, and stopping an interrupted run change nothing without their entry', async () => {
  const owner = await createUser(t.app);
  const project = await createProject(t.app, owner);
  const uploaded = await uploadFile(t.app, owner, project.id, 'src/app.py', 'print(1)\n');
  assert.equal(uploaded.statusCode, 201, uploaded.body);
  const fileId = uploaded.json().id;
  const alert = (await t.app.inject({ method: 'POST', url: '/api/monitoring/alerts', headers: owner.auth, payload: { alert_type: 'disk', severity: 'low', message: 'full' } })).json();
  const leaving = await createUser(t.app);
  const interrupted = await createProject(t.app, owner);
  await t.database.db.execute(sql`UPDATE projects SET status = 'interrupted' WHERE id = ${interrupted.id}`);
  await refusedWrites([
    { name: 'upload to a new path', method: 'POST', url: '/api/files', user: owner, file: { fields: { project_id: String(project.id) }, filename: 'src/new.py', content: 'x = 1\n' } },
    { name: 'upload to an existing path', method: 'POST', url: '/api/files', user: owner, file: { fields: { project_id: String(project.id) }, filename: 'src/app.py', content: 'print(2)\n' } },
    { name: 'file update', method: 'PUT', url: `/api/files/${fileId}`, user: owner, file: { fields: {}, filename: 'app.py', content: 'print(3)\n' } },
    { name: 'file restore', method: 'POST', url: `/api/files/${fileId}/versions/1/restore`, user: owner },
    { name: 'file delete', method: 'DELETE', url: `/api/files/${fileId}`, user: owner },
    { name: 'template apply', method: 'POST', url: '/api/templates/1/apply', user: owner, payload: { project_id: project.id, variables: { project_name: 'my-api', database: 'postgresql', enable_auth: true } } },
    { name: 'alert create', method: 'POST', url: '/api/monitoring/alerts', user: owner, payload: { alert_type: 'disk', severity: 'low', message: 'again' } },
    { name: 'alert resolve', method: 'POST', url: `/api/monitoring/alerts/${alert.id}/resolve`, user: owner },
    { name: 'plugin review', method: 'POST', url: '/api/marketplace/plugins/code-formatter/reviews', user: owner, payload: { rating: 4, comment: 'fine' } },
    { name: 'approval policy update', method: 'PUT', url: '/api/admin/multisig/policies/config_change', user: admin, payload: { required_signatures: 3, expiry_hours: 12 } },
    { name: 'settings change request', method: 'POST', url: '/api/admin/settings/changes', user: admin, payload: { name: 'promotion.min_accuracy', value: 0.95, reason: 'stricter' } },
    { name: 'user deletion request', method: 'DELETE', url: `/api/admin/users/${leaving.id}`, user: admin, payload: { reason: 'left' } },
    { name: 'audit export request', method: 'POST', url: '/api/admin/audit/exports', user: admin, payload: { format: 'json', reason: 'external audit' } },
    { name: 'stop an interrupted run', method: 'POST', url: `/api/projects/${interrupted.id}/stop`, user: owner },
  ]);

  // Alerts the server raises itself, and a run it restarts, are held to the same rule.
  const raise = () => t.app.services.alerts.raise({ alertType: 'disk', severity: 'high', message: 'full', details: {}, dedupeKey: 'atomic:disk' });
  await withAuditRefused(async () => {
    const before = await snapshot();
    await assert.rejects(raise());
    await t.database.db.execute(sql`INSERT INTO workflow_runs (workflow_id, project_id, user_id, mode, status, owner)
      VALUES ('wf_1700000000_dead', ${interrupted.id}, ${owner.id}, 'execute', 'interrupted', 'another-host:4242:dead')`);
    const withRun = await snapshot();
    assert.notEqual(withRun, before);
    await t.app.services.workflows.recover();
    assert.equal(await snapshot(), withRun, 'the interrupted run was restarted without its entry');
    assert.equal(t.app.services.workflows.isRunning(interrupted.id), false);
  });
  assert.ok(await raise(), 'with the audit store back the alert is raised');
  const stopped = await t.app.inject({ method: 'POST', url: `/api/projects/${interrupted.id}/stop`, headers: owner.auth });
  assert.equal(stopped.statusCode, 200, stopped.body);
  assert.equal(stopped.json().status, 'cancelled');
});

test('a running workflow whose stop cannot be audited keeps running', async () => {
  const fake = await startFakeProviderServer();
  try {
    const runner = await createUser(t.app);
    await createFakeLlmConfig(t.app, runner.accessToken, fake);
    fake.respondWith(scriptedProject({ modules: 2, override: (agent) => (agent === 'DeveloperAgent' ? { delayMs: 60_000, text: 'never' } : undefined) }));
    const id = await createWorkflowProject(t.app, runner.accessToken);
    assert.equal((await call(t.app, runner.accessToken, 'POST', `/api/projects/${id}/execute`)).status, 200);
    while (!fake.requests.some((request) => JSON.stringify(request.body).includes('DeveloperAgent'))) await new Promise((resolve) => setTimeout(resolve, 20));
    await withAuditRefused(async () => {
      assert.equal((await call(t.app, runner.accessToken, 'POST', `/api/projects/${id}/stop`)).status, 500);
    });
    assert.equal(t.app.services.workflows.isRunning(id), true);
    assert.equal((await call(t.app, runner.accessToken, 'GET', `/api/projects/${id}`)).body.status, 'running');
    const stopped = await call(t.app, runner.accessToken, 'POST', `/api/projects/${id}/stop`);
    assert.equal(stopped.status, 200, JSON.stringify(stopped.body));
    assert.equal(stopped.body.status, 'cancelled');
  } finally {
    await fake.close();
  }
});
