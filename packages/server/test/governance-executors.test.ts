import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, createUser, queryRows, STRONG_PASSWORD, type TestApp, type TestUser } from './support.ts';

interface Admin extends TestUser { privateKey: KeyObject }

let t: TestApp;
let owner: TestUser;
let approvers: Admin[];

before(async () => {
  t = await createTestApp();
  owner = await createUser(t.app, 'exec_owner');
  approvers = [];
  for (const name of ['exec_b', 'exec_c']) {
    const user = await createUser(t.app, name);
    await t.app.inject({ method: 'PUT', url: `/api/admin/users/${user.id}/role`, headers: owner.auth, payload: { role: 'admin' } });
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    await t.app.inject({ method: 'POST', url: '/api/admin/multisig/keys', headers: user.auth, payload: { algorithm: 'ed25519', public_key: publicKey.export({ type: 'spki', format: 'pem' }) } });
    approvers.push({ ...user, privateKey });
  }
});
after(() => t.close());

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: TestUser, payload?: object) => t.app.inject({ method, url, headers: who.auth, ...(payload ? { payload } : {}) });

async function approve(requestId: string) {
  const { payload_hash } = (await call('GET', `/api/admin/multisig/requests/${requestId}`, owner)).json();
  let last;
  for (const signer of approvers) {
    last = await call('POST', `/api/admin/multisig/sign/${requestId}`, signer, { signature: sign(null, Buffer.from(payload_hash), signer.privateKey).toString('base64') });
    assert.equal(last.statusCode, 200, last.body);
  }
  return last!.json();
}

const auditOf = (entity: string, action: string) =>
  queryRows<{ resource_id: string; actor_id: number | null; payload: Record<string, unknown> }>(t.database, sql`SELECT resource_id, actor_id, payload FROM audit_logs WHERE entity = ${entity} AND action = ${action} ORDER BY seq`);

describe('config_change: governance settings', () => {
  test('a threshold changes only once two administrators approve it, and promotion then applies it', async () => {
    const before = (await call('GET', '/api/admin/settings', owner)).json().settings;
    assert.deepEqual(before.find((s: { name: string }) => s.name === 'promotion.min_evaluated_samples'), {
      name: 'promotion.min_evaluated_samples', description: 'Labelled samples an evaluation must cover', value: 50, default: 50, updated_at: null, request_id: null,
    });

    for (const [payload, status] of [
      [{ name: 'promotion.min_accuracy', value: 1.5, reason: 'r' }, 400],
      [{ name: 'promotion.min_evaluated_samples', value: 2.5, reason: 'r' }, 400],
      [{ name: 'promotion.unknown', value: 1, reason: 'r' }, 404],
      [{ name: 'promotion.min_evaluated_samples', value: 50, reason: 'r' }, 409],
      [{ name: 'promotion.min_accuracy', value: 0.9 }, 400],
    ] as const) {
      assert.equal((await call('POST', '/api/admin/settings/changes', owner, payload)).statusCode, status, JSON.stringify(payload));
    }
    const member = await createUser(t.app, 'exec_member');
    assert.equal((await call('POST', '/api/admin/settings/changes', member, { name: 'promotion.min_accuracy', value: 0.9, reason: 'r' })).statusCode, 403);
    assert.equal((await call('GET', '/api/admin/settings', member)).statusCode, 403);

    const change = await call('POST', '/api/admin/settings/changes', owner, { name: 'promotion.min_evaluated_samples', value: 1000, reason: 'demand a larger evaluation set' });
    assert.equal(change.statusCode, 202, change.body);
    const { request_id: requestId, ...opened } = change.json() as Record<string, unknown>;
    assert.match(String(requestId), /^req-/);
    assert.deepEqual(opened, { success: true, status: 'pending_approval', setting: 'promotion.min_evaluated_samples', from: 50, to: 1000 });
    const pending = (await call('GET', '/api/admin/settings', owner)).json().settings.find((s: { name: string }) => s.name === 'promotion.min_evaluated_samples');
    assert.equal(pending.value, 50, 'nothing changes before approval');

    const executed = await approve(change.json().request_id);
    assert.equal(executed.status, 'executed');
    assert.deepEqual(executed.result, { setting: 'promotion.min_evaluated_samples', from: 50, to: 1000 });
    const applied = (await call('GET', '/api/admin/settings', owner)).json().settings.find((s: { name: string }) => s.name === 'promotion.min_evaluated_samples');
    assert.equal(applied.value, 1000);
    assert.equal(applied.request_id, change.json().request_id);
    assert.deepEqual((await auditOf('setting', 'update')).map((e) => [e.resource_id, e.actor_id, e.payload.to]), [['promotion.min_evaluated_samples', null, 1000]]);

    const experiment = (await call('POST', '/api/three-version/experiments', owner, { name: 'defaults', config: {} })).json();
    for (let i = 0; i < 10; i++) await t.app.services.threeVersion.recordRequest(experiment.experiment_id, 'shadow', { latencyMs: 50, failed: false, agreed: true });
    const refused = await call('POST', '/api/three-version/promote', owner, { experiment_id: experiment.experiment_id, reason: 'r' });
    assert.equal(refused.statusCode, 422);
    assert.deepEqual(refused.json().error.details.map((d: { field: string }) => d.field), ['evaluated_samples']);
    assert.match(refused.json().detail[0].msg, /required >= 1000/);
  });
});

describe('user_deletion: anonymisation after approval', () => {
  test('the account is anonymised, its credentials and secrets removed, and it cannot come back', async () => {
    const target = await createUser(t.app, 'exec_leaver');
    const apiKey = (await call('POST', '/api/auth/api-keys', target, { name: 'ci' })).json().key;
    const config = await call('POST', '/api/llm-configs', target, { name: 'mine', provider: 'deepseek', api_key: 'sk-leaver-0123456789-abcd' });
    assert.equal(config.statusCode, 201, config.body);
    const webhook = await call('POST', '/api/marketplace/plugins/webhook-notifier/install', target, {});
    assert.equal(webhook.statusCode, 200, webhook.body);
    assert.equal((await call('PUT', '/api/plugins/webhook-notifier/settings', target, { url: 'http://127.0.0.1:9/hook', secret: 'leaver-webhook-secret' })).statusCode, 200);
    const organization = await call('POST', '/api/organizations', owner, { name: 'Leavers Inc', slug: 'leavers-inc', tier: 'free' });
    assert.equal(organization.statusCode, 201, organization.body);
    const team = (await call('POST', '/api/teams', owner, { organization_id: organization.json().id, name: 'dev' })).json();
    assert.equal((await call('POST', `/api/teams/${team.id}/members`, owner, { user_id: target.id, role: 'member' })).statusCode, 201);

    assert.equal((await call('DELETE', `/api/admin/users/${owner.id}`, owner, { reason: 'r' })).statusCode, 403);
    assert.equal((await call('DELETE', '/api/admin/users/999999', owner, { reason: 'r' })).statusCode, 404);
    assert.equal((await call('DELETE', `/api/admin/users/${target.id}`, owner, {})).statusCode, 400);
    assert.equal((await call('DELETE', `/api/admin/users/${target.id}`, target, { reason: 'r' })).statusCode, 403);

    const requested = await call('DELETE', `/api/admin/users/${target.id}`, owner, { reason: 'left the company' });
    assert.equal(requested.statusCode, 202, requested.body);
    assert.equal(requested.json().status, 'pending_approval');
    assert.equal((await call('GET', '/api/auth/me', target)).statusCode, 200, 'nothing happens before approval');

    // Open sockets of the account are checked again once the deletion is committed (the socket tests show the closing).
    const seenAfterCommit: Array<Promise<Array<{ deleted_at: Date | null }>>> = [];
    const stopWatching = t.app.services.accountChanges.onChange((userId) => {
      if (userId === target.id) seenAfterCommit.push(queryRows(t.database, sql`SELECT deleted_at FROM users WHERE id = ${userId}`));
    });
    const executed = await approve(requested.json().request_id);
    stopWatching();
    assert.equal(seenAfterCommit.length, 1);
    assert.ok((await seenAfterCommit[0]!)[0]!.deleted_at, 'the change is told after it is committed');
    assert.equal(executed.status, 'executed', JSON.stringify(executed));
    assert.deepEqual(executed.result, {
      user_id: target.id, sessions_revoked: 1, api_keys_deleted: 1, llm_configs_deleted: 1, signing_keys_revoked: 0, plugin_installations_deleted: 1, team_memberships_removed: 1,
    });

    assert.equal((await call('GET', '/api/auth/me', target)).statusCode, 401);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'x-api-key': apiKey } })).statusCode, 401);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: target.email, password: STRONG_PASSWORD } });
    assert.equal(login.statusCode, 401);
    const [row] = await queryRows<{ username: string; email: string; role: string; status: string; deleted_at: Date | null }>(t.database, sql`SELECT username, email, role, status, deleted_at FROM users WHERE id = ${target.id}`);
    assert.equal(row!.username, `deleted-user-${target.id}`);
    assert.doesNotMatch(row!.email, /exec_leaver/);
    assert.equal(row!.status, 'suspended');
    assert.ok(row!.deleted_at);
    assert.deepEqual(await queryRows(t.database, sql`SELECT id FROM llm_configs WHERE user_id = ${target.id}`), []);
    assert.deepEqual(await queryRows(t.database, sql`SELECT id FROM plugin_installations WHERE user_id = ${target.id}`), []);
    assert.deepEqual(await queryRows(t.database, sql`SELECT team_id FROM team_members WHERE user_id = ${target.id}`), []);

    assert.equal((await call('POST', `/api/admin/users/${target.id}/reactivate`, owner)).statusCode, 409);
    assert.equal((await call('POST', `/api/admin/users/${target.id}/reset-password`, owner)).statusCode, 409);
    assert.equal((await call('DELETE', `/api/admin/users/${target.id}`, owner, { reason: 'again' })).statusCode, 409);

    const [entry] = await auditOf('user', 'delete');
    assert.equal(entry!.resource_id, String(target.id));
    assert.equal(entry!.payload.request_id, requested.json().request_id);
    assert.doesNotMatch(JSON.stringify(entry!.payload), /exec_leaver/, 'the audit entry keeps no personal data');
    assert.equal((await call('POST', '/api/admin/audit/verify', owner, {})).json().valid, true);
  });
});

describe('data_export: an approved, pinned export of the audit chain', () => {
  test('only after two signatures, only for its requester, and only up to the chain head at approval', async () => {
    assert.equal((await call('POST', '/api/admin/audit/exports', owner, { format: 'csv', reason: 'r', from_ts: '2026-01-02T00:00:00Z', to_ts: '2026-01-01T00:00:00Z' })).statusCode, 400);
    assert.equal((await call('POST', '/api/admin/audit/exports', owner, { format: 'xml', reason: 'r' })).statusCode, 400);
    const requested = await call('POST', '/api/admin/audit/exports', owner, { format: 'json', reason: 'external audit' });
    assert.equal(requested.statusCode, 202, requested.body);
    const requestId = requested.json().request_id;
    const early = await call('GET', `/api/admin/audit/exports/${requestId}`, owner);
    assert.equal(early.statusCode, 409);

    const executed = await approve(requestId);
    assert.equal(executed.status, 'executed');
    const throughSeq = executed.result.through_seq as number;
    assert.equal(executed.result.through_log_id, `log-${throughSeq}`);

    assert.equal((await call('GET', `/api/admin/audit/exports/${requestId}`, approvers[0]!)).statusCode, 403);
    assert.equal((await call('GET', '/api/admin/audit/exports/req-missing', owner)).statusCode, 404);
    const download = await call('GET', `/api/admin/audit/exports/${requestId}`, owner);
    assert.equal(download.statusCode, 200, download.body);
    const entries = download.json() as { id: string; hash: string }[];
    assert.equal(entries.length, throughSeq);
    assert.equal(entries.at(-1)!.id, `log-${throughSeq}`);
    assert.equal(entries.at(-1)!.hash, executed.result.through_hash);
    const [recorded] = (await auditOf('audit_log', 'export')).filter((e) => e.payload.request_id === requestId);
    assert.equal(recorded!.actor_id, owner.id);
  });
});
