import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createProject } from './project-support.ts';
import { createTestApp, createUser, queryRows, STRONG_PASSWORD, type TestApp, type TestUser } from './support.ts';

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
  const tables = ['users', 'sessions', 'api_keys', 'projects', 'workflow_runs', 'llm_configs', 'audit_logs'];
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
