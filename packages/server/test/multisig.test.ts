import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { MultisigRequestRow } from '../src/db/repositories/multisig.ts';
import { AppError } from '../src/errors.ts';
import { canonicalJson } from '../src/governance/canonical.ts';
import type { Principal } from '../src/services/principal.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

interface Signer extends TestUser { privateKey: KeyObject; algorithm: 'ed25519' | 'ecdsa-p256' }

let t: TestApp;
let requester: Signer;
let approverB: Signer;
let approverC: Signer;
let member: TestUser;
const executed: MultisigRequestRow[] = [];

function keyPair(algorithm: 'ed25519' | 'ecdsa-p256') {
  return algorithm === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

const signHash = (signer: { privateKey: KeyObject; algorithm: string }, payloadHash: string): string =>
  sign(signer.algorithm === 'ed25519' ? null : 'sha256', Buffer.from(payloadHash), signer.privateKey).toString('base64');

async function adminWithKey(name: string, algorithm: 'ed25519' | 'ecdsa-p256', grantedBy?: TestUser): Promise<Signer> {
  const user = await createUser(t.app, name);
  if (grantedBy) await t.app.inject({ method: 'PUT', url: `/api/admin/users/${user.id}/role`, headers: grantedBy.auth, payload: { role: 'admin' } });
  const { publicKey, privateKey } = keyPair(algorithm);
  const registered = await t.app.inject({
    method: 'POST', url: '/api/admin/multisig/keys', headers: user.auth,
    payload: { algorithm, public_key: publicKey.export({ type: 'spki', format: 'pem' }) },
  });
  assert.equal(registered.statusCode, 201, registered.body);
  return { ...user, privateKey, algorithm };
}

async function principalOf(user: TestUser): Promise<Principal> {
  return t.app.services.auth.authenticate(user.accessToken, { ipAddress: '127.0.0.1', userAgent: 'test' });
}

async function openRequest(payload: Record<string, unknown>): Promise<MultisigRequestRow> {
  return t.app.services.multisig.open(await principalOf(requester), 'config_change', payload);
}

const signRequest = (who: TestUser, id: string, signature: string, comment?: string) =>
  t.app.inject({ method: 'POST', url: `/api/admin/multisig/sign/${id}`, headers: who.auth, payload: { signature, ...(comment ? { comment } : {}) } });

before(async () => {
  t = await createTestApp();
  requester = await adminWithKey('requester', 'ed25519');
  approverB = await adminWithKey('approverb', 'ecdsa-p256', requester);
  approverC = await adminWithKey('approverc', 'ed25519', requester);
  member = await createUser(t.app, 'plainmember');
  t.app.services.multisig.registerExecutor('config_change', async (request, tx) => {
    if (request.payload.fail) throw new AppError(409, 'the configuration changed meanwhile');
    await tx.execute(sql`SELECT 1`);
    executed.push(request);
    return { applied: request.payload.setting };
  });
});
after(() => t.close());

describe('signing keys', () => {
  test('ed25519 and P-256 public keys register once; anything else is refused with 400', async () => {
    const keys = (await t.app.inject({ method: 'GET', url: '/api/admin/multisig/keys', headers: requester.auth })).json().keys;
    assert.equal(keys.length, 3);
    assert.match(keys[0].key_id, /^key-[0-9a-f]{24}$/);
    assert.match(keys[0].fingerprint, /^[0-9a-f]{64}$/);

    const { publicKey, privateKey } = keyPair('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' });
    const cases: [object, RegExp][] = [
      [{ algorithm: 'ed25519', public_key: 'not a key' }, /PEM/],
      [{ algorithm: 'ed25519', public_key: privateKey.export({ type: 'pkcs8', format: 'pem' }) }, /private key/],
      [{ algorithm: 'ecdsa-p256', public_key: pem }, /not an ecdsa-p256/],
      [{ algorithm: 'ed25519', public_key: rsa }, /not an ed25519/],
      [{ algorithm: 'rsa', public_key: pem }, /./],
      [{ public_key: pem }, /./],
    ];
    for (const [payload, message] of cases) {
      const response = await t.app.inject({ method: 'POST', url: '/api/admin/multisig/keys', headers: approverB.auth, payload });
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.equal(response.json().error.code, 'VALIDATION_ERROR');
      assert.match(response.json().error.message, message);
    }
    const duplicate = await t.app.inject({ method: 'POST', url: '/api/admin/multisig/keys', headers: approverC.auth, payload: { algorithm: 'ecdsa-p256', public_key: keys.find((k: { algorithm: string }) => k.algorithm === 'ecdsa-p256').public_key } });
    assert.equal(duplicate.statusCode, 409);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/admin/multisig/keys', headers: member.auth })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/admin/multisig/keys', payload: { algorithm: 'ed25519', public_key: pem } })).statusCode, 401);
  });

  test("keys are revoked by their owner only; another administrator's key is 404", async () => {
    const extra = keyPair('ed25519').publicKey.export({ type: 'spki', format: 'pem' });
    const { key_id } = (await t.app.inject({ method: 'POST', url: '/api/admin/multisig/keys', headers: approverC.auth, payload: { algorithm: 'ed25519', public_key: extra } })).json();
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/admin/multisig/keys/${key_id}`, headers: approverB.auth })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/admin/multisig/keys/${key_id}`, headers: approverC.auth })).statusCode, 204);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/admin/multisig/keys/${key_id}`, headers: approverC.auth })).statusCode, 404);
  });
});

describe('policies', () => {
  test('defaults per operation type; updates are validated and apply to new requests', async () => {
    const { policies } = (await t.app.inject({ method: 'GET', url: '/api/admin/multisig/policies', headers: requester.auth })).json();
    const promotion = policies.find((p: { operation_type: string }) => p.operation_type === 'version_promotion');
    assert.deepEqual(promotion, { operation_type: 'version_promotion', required_signatures: 2, allowed_roles: ['admin'], expiry_hours: 24, requester_may_sign: false });
    for (const [url, payload] of [['config_change', { required_signatures: 0, expiry_hours: 24 }], ['config_change', { required_signatures: 11, expiry_hours: 24 }],
      ['config_change', { required_signatures: 2, expiry_hours: 0 }], ['launch_missiles', { required_signatures: 2, expiry_hours: 24 }]] as const) {
      const response = await t.app.inject({ method: 'PUT', url: `/api/admin/multisig/policies/${url}`, headers: requester.auth, payload });
      assert.equal(response.statusCode, 400, `${url} ${JSON.stringify(payload)}`);
    }
    const updated = await t.app.inject({ method: 'PUT', url: '/api/admin/multisig/policies/data_export', headers: requester.auth, payload: { required_signatures: 3, expiry_hours: 48 } });
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.json().required_signatures, 3);
  });
});

describe('approval requests', () => {
  test('two signatures by registered keys execute the operation exactly once; bad attempts change nothing', async () => {
    const before = executed.length;
    const request = await openRequest({ setting: 'strict', reason: 'tighten rules' });
    assert.match(request.id, /^req-[0-9a-f]{24}$/);
    assert.equal(request.payloadHash, createHash('sha256').update(canonicalJson({ reason: 'tighten rules', setting: 'strict' })).digest('hex'));

    const pending = (await t.app.inject({ method: 'GET', url: '/api/admin/multisig/pending', headers: approverB.auth })).json().requests;
    const listed = pending.find((r: { request_id: string }) => r.request_id === request.id);
    assert.equal(listed.operation_type, 'config_change');
    assert.equal(listed.requester_id, requester.id);
    assert.equal(listed.requester_email, requester.email);
    assert.equal(listed.signatures, 0);
    assert.equal(listed.required_signatures, 2);
    assert.equal(listed.payload_hash, request.payloadHash);

    const own = await signRequest(requester, request.id, signHash(requester, request.payloadHash));
    assert.equal(own.statusCode, 403, 'the requester cannot sign');
    const forged = await signRequest(approverB, request.id, Buffer.alloc(64, 7).toString('base64'));
    assert.equal(forged.statusCode, 400);
    assert.equal(forged.json().error.code, 'VALIDATION_ERROR');
    const othersKey = await signRequest(approverB, request.id, signHash(approverC, request.payloadHash));
    assert.equal(othersKey.statusCode, 400, "a signature by another administrator's key is not the caller's");
    const unregistered = await signRequest(approverB, request.id, signHash({ privateKey: keyPair('ecdsa-p256').privateKey, algorithm: 'ecdsa-p256' }, request.payloadHash));
    assert.equal(unregistered.statusCode, 400);
    const notBase64 = await signRequest(approverB, request.id, 'not base64!');
    assert.equal(notBase64.statusCode, 400);

    const first = await signRequest(approverB, request.id, signHash(approverB, request.payloadHash), 'looks right');
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().status, 'pending');
    assert.equal(first.json().signatures.length, 1);
    assert.equal(first.json().signatures[0].comment, 'looks right');
    const twice = await signRequest(approverB, request.id, signHash(approverB, request.payloadHash));
    assert.equal(twice.statusCode, 409);
    assert.equal(executed.length, before);

    const second = await signRequest(approverC, request.id, signHash(approverC, request.payloadHash));
    assert.equal(second.statusCode, 200);
    assert.equal(second.json().status, 'executed');
    assert.deepEqual(second.json().result, { applied: 'strict' });
    assert.equal(executed.length, before + 1);
    const late = await signRequest(requester, request.id, signHash(requester, request.payloadHash));
    assert.equal(late.statusCode, 409);
    assert.equal(executed.length, before + 1);

    const trail = await queryRows<{ action: string; status: string }>(t.database, sql`SELECT action, status FROM audit_logs WHERE entity = 'multisig_request' AND resource_id = ${request.id} ORDER BY seq`);
    assert.deepEqual(trail.filter((e) => e.status === 'success').map((e) => e.action), ['create', 'sign', 'sign', 'execute']);
    assert.ok(trail.filter((e) => e.status === 'failure').length >= 5, 'refused attempts are audited');
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/admin/audit/verify', headers: requester.auth })).json().valid, true);
  });

  test('a signature is bound to its request: reusing it on another request is refused', async () => {
    const first = await openRequest({ setting: 'a' });
    const second = await openRequest({ setting: 'b' });
    const signature = signHash(approverB, first.payloadHash);
    assert.equal((await signRequest(approverB, first.id, signature)).statusCode, 200);
    assert.equal((await signRequest(approverB, second.id, signature)).statusCode, 400);
  });

  test('of two last signatures arriving together, exactly one executes', async () => {
    await t.app.inject({ method: 'PUT', url: '/api/admin/multisig/policies/config_change', headers: requester.auth, payload: { required_signatures: 1, expiry_hours: 24 } });
    const request = await openRequest({ setting: 'race' });
    const before = executed.length;
    const results = await Promise.all([approverB, approverC].map((who) => signRequest(who, request.id, signHash(who, request.payloadHash))));
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409]);
    assert.equal(executed.length, before + 1);
    await t.app.inject({ method: 'PUT', url: '/api/admin/multisig/policies/config_change', headers: requester.auth, payload: { required_signatures: 2, expiry_hours: 24 } });
  });

  test('a failing operation leaves the request failed with its reason, not pending', async () => {
    await t.app.inject({ method: 'PUT', url: '/api/admin/multisig/policies/config_change', headers: requester.auth, payload: { required_signatures: 1, expiry_hours: 24 } });
    const request = await openRequest({ setting: 'x', fail: true });
    const response = await signRequest(approverB, request.id, signHash(approverB, request.payloadHash));
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().status, 'failed');
    assert.equal(response.json().reason, 'the configuration changed meanwhile');
    await t.app.inject({ method: 'PUT', url: '/api/admin/multisig/policies/config_change', headers: requester.auth, payload: { required_signatures: 2, expiry_hours: 24 } });
  });

  test('rejected requests cannot be signed; unknown ids are 404; expired ones 410', async () => {
    const request = await openRequest({ setting: 'rejected' });
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/admin/multisig/reject/${request.id}`, headers: approverB.auth, payload: {} })).statusCode, 400);
    const rejected = await t.app.inject({ method: 'POST', url: `/api/admin/multisig/reject/${request.id}`, headers: approverB.auth, payload: { reason: 'not now' } });
    assert.equal(rejected.statusCode, 200);
    assert.equal(rejected.json().status, 'rejected');
    assert.equal(rejected.json().reason, 'not now');
    assert.equal((await signRequest(approverC, request.id, signHash(approverC, request.payloadHash))).statusCode, 409);
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/admin/multisig/reject/${request.id}`, headers: approverC.auth, payload: { reason: 'again' } })).statusCode, 409);

    assert.equal((await signRequest(approverB, 'req-000000000000000000000000', 'AAAA')).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/admin/multisig/reject/req-unknown', headers: approverB.auth, payload: { reason: 'x' } })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/admin/multisig/requests/req-unknown', headers: approverB.auth })).statusCode, 404);

    const stale = await openRequest({ setting: 'stale' });
    await t.database.db.execute(sql`UPDATE multisig_requests SET expires_at = now() - interval '1 second' WHERE id = ${stale.id}`);
    const late = await signRequest(approverB, stale.id, signHash(approverB, stale.payloadHash));
    assert.equal(late.statusCode, 410);
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/admin/multisig/reject/${stale.id}`, headers: approverB.auth, payload: { reason: 'x' } })).statusCode, 410);
    const pending = (await t.app.inject({ method: 'GET', url: '/api/admin/multisig/pending', headers: approverB.auth })).json().requests;
    assert.ok(!pending.some((r: { request_id: string }) => r.request_id === stale.id));
    const view = await t.app.inject({ method: 'GET', url: `/api/admin/multisig/requests/${stale.id}`, headers: approverB.auth });
    assert.equal(view.json().status, 'expired');
    assert.deepEqual(view.json().signatures, []);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/admin/multisig/pending', headers: member.auth })).statusCode, 403);
  });
});
