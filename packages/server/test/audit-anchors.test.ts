import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import { canonicalRecordJson, GENESIS_HASH, toAuditRecord } from '../src/governance/audit-chain.ts';
import { canonicalJson } from '../src/governance/canonical.ts';
import type { AuditRow } from '../src/db/repositories/audit.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'resoftai-anchors-'));
const checkpointFile = join(dir, 'audit-checkpoints.jsonl');
let t: TestApp;
let admin: TestUser;
before(async () => {
  t = await createTestApp({ audit: { checkpointFile, checkpointIntervalMs: 50 } });
  admin = await createUser(t.app, 'anchoradmin');
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function bypassTrigger(statement: SQL): Promise<void> {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update_delete`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_no_update_delete`);
  });
}

async function verify() {
  const response = await t.app.inject({ method: 'POST', url: '/api/admin/audit/verify', headers: admin.auth, payload: {} });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

async function head(): Promise<{ seq: number; hash: string }> {
  const [row] = await queryRows<{ seq: string; hash: string }>(t.database, sql`SELECT seq, hash FROM audit_logs ORDER BY seq DESC LIMIT 1`);
  return { seq: Number(row!.seq), hash: row!.hash };
}

/** What someone who can INSERT but lacks the key writes: a next entry hashed as an unkeyed chain would be. */
async function forgeAppend(): Promise<number> {
  const last = await head();
  const unsealed: Omit<AuditRow, 'hash'> = {
    seq: last.seq + 1, entity: 'user', action: 'role_change', actorId: admin.id, resourceId: String(admin.id), organizationId: null,
    status: 'success', payload: { role: 'admin' }, ipAddress: null, userAgent: null, timestamp: new Date(), prevHash: last.hash,
  };
  const hash = createHash('sha256').update(canonicalRecordJson(toAuditRecord(unsealed))).digest('hex');
  await t.database.db.execute(sql`INSERT INTO audit_logs (seq, entity, action, actor_id, resource_id, organization_id, status, payload, ip_address, user_agent, timestamp, prev_hash, hash)
    VALUES (${unsealed.seq}, ${unsealed.entity}, ${unsealed.action}, ${unsealed.actorId}, ${unsealed.resourceId}, NULL, 'success', ${JSON.stringify(unsealed.payload)}::jsonb, NULL, NULL, ${unsealed.timestamp.toISOString()}, ${unsealed.prevHash}, ${hash})`);
  return unsealed.seq;
}

describe('the keyed, anchored audit chain', () => {
  test('the head is checkpointed every interval, signed with the key the report publishes', async () => {
    const current = await head();
    let report = await verify();
    while (report.anchor?.checkpoint.seq !== current.seq) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      report = await verify();
    }
    // The rest of the tests write their checkpoints themselves.
    t.app.services.auditAnchors!.stop();
    assert.equal(report.anchor.checkpoint.hash, current.hash);
    assert.equal(report.valid, true, JSON.stringify(report));
    const { checkpoint, public_key: publicKey, truncated, rewritten } = report.anchor;
    assert.equal(truncated, false);
    assert.equal(rewritten, false);
    const signed = Buffer.from(canonicalJson({ at: checkpoint.at, hash: checkpoint.hash, seq: checkpoint.seq }));
    assert.ok(verifySignature(null, signed, createPublicKey(publicKey), Buffer.from(checkpoint.signature, 'base64')));
    assert.equal(statSync(checkpointFile).mode & 0o777, 0o600);
  });

  test('an entry appended in the database without the key is reported as tampered', async () => {
    const forged = await forgeAppend();
    const report = await verify();
    assert.equal(report.valid, false);
    assert.deepEqual(report.tampered_logs, [`log-${forged}`]);
    assert.deepEqual(report.broken_chains, [], 'the forgery links correctly; only the key gives it away');
    await bypassTrigger(sql`DELETE FROM audit_logs WHERE seq = ${forged}`);
  });

  test('removing the newest entries is reported against the last checkpoint; a forged checkpoint line is passed over', async () => {
    for (let i = 1; i <= 3; i++) await t.app.services.auditChain.append({ entity: 'project', action: 'update', actorId: admin.id, resourceId: i, payload: { name: `p${i}` } });
    const anchored = await head();
    await t.app.services.auditAnchors!.checkpoint(anchored);
    appendFileSync(checkpointFile, `${JSON.stringify({ seq: 1, hash: GENESIS_HASH, at: new Date().toISOString(), signature: Buffer.alloc(64).toString('base64') })}\n`);
    assert.equal((await verify()).valid, true);

    await bypassTrigger(sql`DELETE FROM audit_logs WHERE seq > ${anchored.seq - 2}`);
    const report = await verify();
    assert.equal(report.valid, false);
    assert.deepEqual(report.broken_chains, [], 'what is left still links');
    assert.equal(report.anchor.truncated, true);
    assert.equal(report.anchor.checkpoint.seq, anchored.seq);
    assert.equal(report.anchor.head_seq, anchored.seq - 2);
    assert.equal(readFileSync(checkpointFile, 'utf8').trim().split('\n').length >= 2, true);
  });
});

describe('a chain written before it was keyed', () => {
  test('keeps verifying; the first start after the upgrade seals it with a keyed entry, and unkeyed entries after that are tampered', async () => {
    const legacy = await createTestApp();
    try {
      let prevHash = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq++) {
        const row: Omit<AuditRow, 'hash'> = {
          seq, entity: 'project', action: 'create', actorId: null, resourceId: String(seq), organizationId: null,
          status: 'success', payload: {}, ipAddress: null, userAgent: null, timestamp: new Date(), prevHash,
        };
        const hash = createHash('sha256').update(canonicalRecordJson(toAuditRecord(row))).digest('hex');
        await legacy.database.db.execute(sql`INSERT INTO audit_logs (seq, entity, action, actor_id, resource_id, organization_id, status, payload, ip_address, user_agent, timestamp, prev_hash, hash)
          VALUES (${seq}, 'project', 'create', NULL, ${String(seq)}, NULL, 'success', '{}'::jsonb, NULL, NULL, ${row.timestamp.toISOString()}, ${prevHash}, ${hash})`);
        prevHash = hash;
      }
      const chain = legacy.app.services.auditChain;
      await chain.sealLegacyEntries();
      await chain.sealLegacyEntries();
      const rows = await queryRows<{ seq: string; entity: string; action: string; payload: { legacy_head_seq: number } }>(legacy.database, sql`SELECT seq, entity, action, payload FROM audit_logs ORDER BY seq`);
      assert.deepEqual(rows.slice(3).map((row) => [row.entity, row.action, row.payload.legacy_head_seq]), [['audit_log', 'rekey', 3]], 'sealed once');
      const sealed = await chain.verify();
      assert.equal(sealed.valid, true, JSON.stringify(sealed));
      assert.equal(sealed.verified_count, 4);
      assert.equal(sealed.anchor, null, 'no checkpoints configured');

      const [last] = await queryRows<{ hash: string }>(legacy.database, sql`SELECT hash FROM audit_logs WHERE seq = 4`);
      const forged: Omit<AuditRow, 'hash'> = {
        seq: 5, entity: 'project', action: 'delete', actorId: null, resourceId: '1', organizationId: null,
        status: 'success', payload: {}, ipAddress: null, userAgent: null, timestamp: new Date(), prevHash: last!.hash,
      };
      const forgedHash = createHash('sha256').update(canonicalRecordJson(toAuditRecord(forged))).digest('hex');
      await legacy.database.db.execute(sql`INSERT INTO audit_logs (seq, entity, action, actor_id, resource_id, organization_id, status, payload, ip_address, user_agent, timestamp, prev_hash, hash)
        VALUES (5, 'project', 'delete', NULL, '1', NULL, 'success', '{}'::jsonb, NULL, NULL, ${forged.timestamp.toISOString()}, ${forged.prevHash}, ${forgedHash})`);
      assert.deepEqual((await chain.verify()).tampered_logs, ['log-5']);
    } finally {
      await legacy.close();
    }
  });
});
