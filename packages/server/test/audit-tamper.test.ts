import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import { createTestApp, createUser, type TestApp, type TestUser } from './support.ts';

let t: TestApp;
let admin: TestUser;
before(async () => {
  t = await createTestApp();
  admin = await createUser(t.app, 'tamperadmin');
  for (let i = 1; i <= 8; i++) await t.app.services.auditChain.append({ entity: 'project', action: 'update', actorId: admin.id, resourceId: i, payload: { name: `p${i}` } });
});
after(() => t.close());

/** What an attacker with database access does: switch the append-only trigger off for one statement. */
async function bypassTrigger(statement: SQL): Promise<void> {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update_delete`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_no_update_delete`);
  });
}

async function verify(payload: object = {}) {
  const response = await t.app.inject({ method: 'POST', url: '/api/admin/audit/verify', headers: admin.auth, payload });
  assert.equal(response.statusCode, 200);
  return response.json();
}

test('an untouched chain verifies', async () => {
  assert.equal((await verify()).valid, true);
});

test('a payload edited in the database is reported as exactly that row', async () => {
  await bypassTrigger(sql`UPDATE audit_logs SET payload = '{"name":"renamed"}' WHERE entity = 'project' AND resource_id = '4'`);
  const [row] = (await t.database.db.execute(sql`SELECT seq FROM audit_logs WHERE entity = 'project' AND resource_id = '4'`) as unknown as { rows: { seq: string }[] }).rows;
  const report = await verify();
  assert.equal(report.valid, false);
  assert.deepEqual(report.tampered_logs, [`log-${row!.seq}`]);
  assert.equal(report.tampered_count, 1);
  assert.deepEqual(report.broken_chains, []);

  const otherEntity = await verify({ entity: 'user' });
  assert.equal(otherEntity.tampered_count, 0, 'the entity filter narrows the tampering report');
  const laterRange = await verify({ from_ts: new Date(Date.now() + 60_000).toISOString() });
  assert.equal(laterRange.valid, true);
  assert.equal(laterRange.verified_count, 0);
});

test('a deleted middle row breaks the chain at the next row', async () => {
  const seqOf = async (resource: string) =>
    Number((await t.database.db.execute(sql`SELECT seq FROM audit_logs WHERE entity = 'project' AND resource_id = ${resource}`) as unknown as { rows: { seq: string }[] }).rows[0]!.seq);
  const deleted = await seqOf('6');
  await bypassTrigger(sql`DELETE FROM audit_logs WHERE seq = ${deleted}`);
  const report = await verify();
  assert.equal(report.valid, false);
  assert.equal(report.broken_chains.length, 1);
  assert.equal(report.broken_chains[0].log_id, `log-${deleted + 1}`);
  assert.equal(report.broken_chains[0].previous_log_id, `log-${deleted - 1}`);
  assert.equal(report.broken_chains[0].missing_entries, 1);
  assert.notEqual(report.broken_chains[0].expected_prev_hash, report.broken_chains[0].actual_prev_hash);
});

test('a row rewritten with a recomputed hash still breaks the link to the next row', async () => {
  const [row] = (await t.database.db.execute(sql`SELECT seq FROM audit_logs WHERE entity = 'project' AND resource_id = '2'`) as unknown as { rows: { seq: string }[] }).rows;
  const seq = Number(row!.seq);
  await bypassTrigger(sql`UPDATE audit_logs SET hash = ${'f'.repeat(64)} WHERE seq = ${seq}`);
  const report = await verify();
  assert.ok(report.tampered_logs.includes(`log-${seq}`));
  assert.ok(report.broken_chains.some((b: { log_id: string }) => b.log_id === `log-${seq + 1}`));
});
