import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { openDatabase, PendingMigrationsError } from '../src/db/client.ts';
import { testConfig } from './support.ts';

const ownerUrl = process.env.TEST_POSTGRES_URL;
const skip = process.env.TEST_DATABASE !== 'postgres' || !ownerUrl ? 'database roles are a PostgreSQL matter (TEST_DATABASE=postgres)' : false;
const ROLE_SQL = fileURLToPath(new URL('../sql/app-role.sql', import.meta.url));

const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
const databaseName = `resoftai_role_${suffix}`;
const role = `resoftai_app_${suffix}`;
const urlFor = (user: string | undefined, database: string) => {
  const url = new URL(ownerUrl!);
  if (user) url.username = user;
  url.pathname = `/${database}`;
  return url.toString();
};

async function asOwner(database: string, statements: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(undefined, database) });
  await client.connect();
  try {
    await client.query(statements);
  } finally {
    await client.end();
  }
}

describe('the server under a role that does not own the schema (packages/server/sql/app-role.sql)', { skip }, () => {
  before(async () => {
    await asOwner('postgres', `CREATE DATABASE ${databaseName}`);
  });
  after(async () => {
    await asOwner('postgres', `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await asOwner('postgres', `DROP ROLE IF EXISTS ${role}`);
  });

  test('refuses to start on an unmigrated schema when it may not migrate', async () => {
    await assert.rejects(openDatabase({ databaseUrl: urlFor(undefined, databaseName), migrate: false }), PendingMigrationsError);
  });

  test('works as that role, and the role can neither change audit entries nor switch off their triggers', async () => {
    await (await openDatabase({ databaseUrl: urlFor(undefined, databaseName) })).close();
    await asOwner(databaseName, readFileSync(ROLE_SQL, 'utf8').replaceAll('resoftai_app', role));

    const database = await openDatabase({ databaseUrl: urlFor(role, databaseName), migrate: false });
    const app = await buildApp({ config: testConfig(), database, logger: false });
    try {
      await app.ready();
      const register = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: 'roleadmin', email: 'roleadmin@example.com', password: 'SecurePass123!' } });
      assert.equal(register.statusCode, 201, register.body);
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'roleadmin@example.com', password: 'SecurePass123!' } });
      const auth = { authorization: `Bearer ${login.json().access_token}` };
      const config = await app.inject({ method: 'POST', url: '/api/llm-configs', headers: auth, payload: { name: 'm', provider: 'deepseek', api_key: 'sk-role-test-0123456789' } });
      assert.equal(config.statusCode, 201, config.body);
      const project = await app.inject({ method: 'POST', url: '/api/projects', headers: auth, payload: { name: 'p', requirements: 'Build a small calculator library.' } });
      assert.equal(project.statusCode, 201, project.body);
      const removed = await app.inject({ method: 'DELETE', url: `/api/projects/${project.json().id}`, headers: auth });
      assert.ok(removed.statusCode < 300, removed.body);
      const verify = await app.inject({ method: 'POST', url: '/api/admin/audit/verify', headers: auth, payload: {} });
      assert.equal(verify.json().valid, true, verify.body);
      assert.ok(verify.json().verified_count >= 4);

      const client = new pg.Client({ connectionString: urlFor(role, databaseName) });
      await client.connect();
      try {
        await assert.rejects(client.query('ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update_delete'), /must be owner/);
        await assert.rejects(client.query('DELETE FROM audit_logs'), /permission denied/);
        await assert.rejects(client.query("UPDATE audit_logs SET action = 'forged'"), /permission denied/);
      } finally {
        await client.end();
      }
    } finally {
      await app.close();
      await database.close();
    }
  });
});
