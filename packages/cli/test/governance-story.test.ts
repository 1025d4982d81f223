import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from '../../server/test/support.ts';

const bin = fileURLToPath(new URL('../bin/resoftai.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'resoftai-governance-'));
// Two calls of a weak hash: the default profile reports S006 on each, the experiment has S006 switched off.
const WEAK_HASH = 'import hashlib\n\n\ndef digest(data):\n    """Digest of data."""\n    return hashlib.md5(data).hexdigest()\n';

let t: TestApp;
let base: string;
let owner: TestUser;
let member: TestUser;
const signers: { user: TestUser; keyFile: string }[] = [];

function sign(requestId: string, signer: { user: TestUser; keyFile: string }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, RESOFTAI_URL: base, RESOFTAI_TOKEN: signer.user.accessToken };
    const child = spawn(process.execPath, [bin, 'multisig', 'sign', requestId, '--key', signer.keyFile], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

before(async () => {
  // Every production analysis is shadowed, so the story needs no luck.
  t = await createTestApp({ shadowShare: 1 });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  owner = await createUser(t.app, 'story_owner');
  member = await createUser(t.app, 'story_member');
  for (const [index, pair] of [generateKeyPairSync('ed25519'), generateKeyPairSync('ec', { namedCurve: 'prime256v1' })].entries()) {
    const user = await createUser(t.app, `story_signer${index}`);
    await t.app.inject({ method: 'PUT', url: `/api/admin/users/${user.id}/role`, headers: owner.auth, payload: { role: 'admin' } });
    const registered = await t.app.inject({
      method: 'POST', url: '/api/admin/multisig/keys', headers: user.auth,
      payload: { algorithm: index === 0 ? 'ed25519' : 'ecdsa-p256', public_key: pair.publicKey.export({ type: 'spki', format: 'pem' }) },
    });
    assert.equal(registered.statusCode, 201, registered.body);
    const keyFile = join(dir, `signer${index}.pem`);
    writeFileSync(keyFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    signers.push({ user, keyFile });
  }
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const analyse = async () => {
  const response = await t.app.inject({ method: 'POST', url: '/api/analyze/code', headers: member.auth, payload: { code: WEAK_HASH, language: 'python', rules: ['security'] } });
  assert.equal(response.statusCode, 200, response.body);
  return (response.json().issues as { rule_id: string }[]).map((issue) => issue.rule_id);
};

test('an experiment is measured, shadowed, promoted by two CLI signatures, serves analyses, and the audit chain tells it all', async () => {
  const firstLog = Number((await queryRows<{ seq: string }>(t.database, sql`SELECT max(seq) AS seq FROM audit_logs`))[0]!.seq);

  const created = await t.app.inject({ method: 'POST', url: '/api/three-version/experiments', headers: owner.auth, payload: { name: 'quiet md5', config: { rules: { disabled: ['S006'] } } } });
  assert.equal(created.statusCode, 201, created.body);
  const experiment = created.json();
  assert.ok(experiment.evaluation.samples >= 50);
  assert.ok(experiment.evaluation.accuracy >= 0.85 && experiment.evaluation.recall < 1, 'measured: the S006 labels are now missed');

  // While nothing is in production the analyzer's defaults serve, and each request is shadowed by the experiment.
  for (let i = 0; i < 10; i++) assert.deepEqual(await analyse(), ['S006']);
  await t.app.services.profileTraffic.idle();
  const shadowed = (await t.app.inject({ method: 'GET', url: '/api/three-version/experiments?status=experimenting', headers: owner.auth })).json().experiments[0];
  assert.equal(shadowed.shadow_24h.requests, 10);
  assert.equal(shadowed.shadow_24h.agreement_rate, 0, 'its findings differ from production on every request');
  assert.equal(shadowed.shadow_24h.error_rate, 0);
  assert.equal(typeof shadowed.shadow_24h.latency_p95_ms, 'number');

  const promotion = await t.app.inject({ method: 'POST', url: '/api/three-version/promote', headers: owner.auth, payload: { experiment_id: experiment.experiment_id, reason: 'md5 findings are noise here' } });
  assert.equal(promotion.statusCode, 200, promotion.body);
  assert.equal(promotion.json().status, 'pending_approval');
  const requestId = promotion.json().request_id;

  const first = await sign(requestId, signers[0]!);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stdout.trim(), `${requestId}: pending (1/2 signatures)`);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/three-version/status', headers: member.auth })).json().v2.status, 'empty');
  const second = await sign(requestId, signers[1]!);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.stdout.trim(), `${requestId}: executed (2/2 signatures)`);

  assert.deepEqual(await analyse(), [], 'the promoted profile serves: S006 is no longer reported');
  await t.app.services.profileTraffic.idle();
  const status = (await t.app.inject({ method: 'GET', url: '/api/three-version/status', headers: member.auth })).json();
  assert.equal(status.v2.version_id, experiment.experiment_id);
  assert.equal(status.v2.requests_24h, 1);
  assert.equal(status.v2.error_rate, 0);
  assert.equal(status.v2.accuracy, experiment.evaluation.accuracy);
  assert.equal(typeof status.v2.latency_p95_ms, 'number');

  const story = await queryRows<{ seq: string; entity: string; action: string; actor_id: number | null; resource_id: string }>(
    t.database, sql`SELECT seq, entity, action, actor_id, resource_id FROM audit_logs WHERE seq > ${firstLog} AND entity IN ('experiment', 'multisig_request', 'version') ORDER BY seq`,
  );
  assert.deepEqual(story.map((e) => [e.entity, e.action, e.actor_id]), [
    ['experiment', 'create', owner.id],
    ['experiment', 'evaluate', owner.id],
    ['multisig_request', 'create', owner.id],
    ['multisig_request', 'sign', signers[0]!.user.id],
    ['multisig_request', 'sign', signers[1]!.user.id],
    ['version', 'promote', null],
    ['multisig_request', 'execute', null],
  ]);
  const verify = async () => (await t.app.inject({ method: 'POST', url: '/api/admin/audit/verify', headers: owner.auth, payload: {} })).json();
  assert.equal((await verify()).valid, true);

  const promoted = story.find((e) => e.entity === 'version')!;
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update_delete`);
    await tx.execute(sql`UPDATE audit_logs SET actor_id = ${owner.id} WHERE seq = ${promoted.seq}`);
    await tx.execute(sql`ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_no_update_delete`);
  });
  const report = await verify();
  assert.equal(report.valid, false);
  assert.deepEqual(report.tampered_logs, [`log-${promoted.seq}`]);
  assert.deepEqual(report.broken_chains, []);
});
