import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTestApp, createUser, type TestApp, type TestUser } from '../../server/test/support.ts';

const bin = fileURLToPath(new URL('../bin/resoftai.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'resoftai-multisig-'));

let t: TestApp;
let base: string;
let requester: TestUser;
const approvers: { user: TestUser; keyFile: string; publicKey: string }[] = [];

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    if (!env.RESOFTAI_URL) delete childEnv.RESOFTAI_URL;
    if (!env.RESOFTAI_TOKEN) delete childEnv.RESOFTAI_TOKEN;
    const child = spawn(process.execPath, [bin, 'multisig', 'sign', ...args], { env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

before(async () => {
  t = await createTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  requester = await createUser(t.app, 'cli_requester');
  const pairs = [generateKeyPairSync('ed25519'), generateKeyPairSync('ec', { namedCurve: 'prime256v1' })];
  for (const [index, pair] of pairs.entries()) {
    const user = await createUser(t.app, `cli_approver${index}`);
    await t.app.inject({ method: 'PUT', url: `/api/admin/users/${user.id}/role`, headers: requester.auth, payload: { role: 'admin' } });
    const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const registered = await t.app.inject({
      method: 'POST', url: '/api/admin/multisig/keys', headers: user.auth,
      payload: { algorithm: index === 0 ? 'ed25519' : 'ecdsa-p256', public_key: publicKey },
    });
    assert.equal(registered.statusCode, 201);
    const keyFile = join(dir, `approver${index}.pem`);
    writeFileSync(keyFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    approvers.push({ user, keyFile, publicKey });
  }
  t.app.services.multisig.registerExecutor('config_change', async (request) => ({ applied: request.payload.setting }));
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openRequest(setting: string) {
  const principal = await t.app.services.auth.authenticate(requester.accessToken, { ipAddress: null, userAgent: null });
  return t.app.services.multisig.open(principal, 'config_change', { setting });
}

test('two administrators approve a request with `resoftai multisig sign` (env or flags, token or API key)', async () => {
  const request = await openRequest('strict');
  const [b, c] = approvers as [typeof approvers[0], typeof approvers[0]];

  const first = await run([request.id, '--key', b.keyFile, '--comment', 'checked'], { RESOFTAI_URL: base, RESOFTAI_TOKEN: b.user.accessToken });
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stdout.trim(), `${request.id}: pending (1/2 signatures)`);
  assert.match(first.stderr, /config_change/);

  const { key } = (await t.app.inject({ method: 'POST', url: '/api/auth/api-keys', headers: c.user.auth, payload: { name: 'signing' } })).json();
  const second = await run([request.id, '--key', c.keyFile, '--url', base, '--token', key]);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.stdout.trim(), `${request.id}: executed (2/2 signatures)`);

  const again = await run([request.id, '--key', c.keyFile, '--url', base, '--token', key]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /executed; there is nothing to sign/);
});

test('--print only prints a signature that verifies against the registered public key', async () => {
  const request = await openRequest('printed');
  const [b] = approvers;
  const printed = await run([request.id, '--key', b!.keyFile, '--print'], { RESOFTAI_URL: base, RESOFTAI_TOKEN: b!.user.accessToken });
  assert.equal(printed.code, 0, printed.stderr);
  assert.ok(verify(null, Buffer.from(request.payloadHash), b!.publicKey, Buffer.from(printed.stdout.trim(), 'base64')));
  const pending = (await t.app.inject({ method: 'GET', url: `/api/admin/multisig/requests/${request.id}`, headers: requester.auth })).json();
  assert.equal(pending.signatures.length, 0, 'nothing was submitted');

  const offline = await run(['req-any', '--key', b!.keyFile, '--print', '--payload-hash', request.payloadHash]);
  assert.equal(offline.stdout.trim(), printed.stdout.trim(), 'ed25519 signatures are deterministic');
});

test('usage mistakes exit 2, server refusals exit 1 with the reason', async () => {
  const [b] = approvers;
  const badKey = join(dir, 'bad.pem');
  writeFileSync(badKey, 'not a key');
  assert.equal((await run(['req-x', '--key', badKey, '--url', base, '--token', 'x'])).code, 2);
  assert.equal((await run(['req-x', '--key', join(dir, 'missing.pem'), '--url', base, '--token', 'x'])).code, 2);
  const noServer = await run(['req-x', '--key', b!.keyFile]);
  assert.equal(noServer.code, 2);
  assert.match(noServer.stderr, /--url and --token/);
  const unknown = await run(['req-unknown', '--key', b!.keyFile, '--url', base, '--token', b!.user.accessToken]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /404/);
});
