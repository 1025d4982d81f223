import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createUser, type TestApp, type TestUser } from '../../server/test/support.ts';
import { AuthenticationError, CodeRevClient, NotFoundError, PermissionDeniedError, RateLimitError, ValidationError } from '../src/index.ts';

const WEAK_HASH = 'import hashlib\n\n\ndef digest(data):\n    """Digest of data."""\n    return hashlib.md5(data).hexdigest()\n';

let t: TestApp;
let base: string;
let owner: TestUser;
let admin: CodeRevClient;
const signers: { client: CodeRevClient; privateKey: KeyObject; keyId: string }[] = [];

const signatureOver = (payloadHash: string, privateKey: KeyObject) => sign(null, Buffer.from(payloadHash, 'utf8'), privateKey).toString('base64');

before(async () => {
  // Every analysis is shadowed by the experiments, so a promotion has its measured traffic.
  t = await createTestApp({ shadowShare: 1 });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  owner = await createUser(t.app);
  // As in the CodeRev document: an API key and the server's URL.
  const created = await fetch(`${base}/api/auth/api-keys`, { method: 'POST', headers: { ...owner.auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'sdk' }) });
  admin = new CodeRevClient({ apiKey: ((await created.json()) as { key: string }).key, baseUrl: base });
  for (let index = 0; index < 2; index++) {
    const user = await createUser(t.app);
    await admin.users.setRole(user.id, { role: 'admin' });
    const client = new CodeRevClient({ token: user.accessToken, baseUrl: base });
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const key = await client.multisig.registerKey({ algorithm: 'ed25519', public_key: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    signers.push({ client, privateKey, keyId: key.key_id });
  }
});
after(() => t.close());

describe('CodeRevClient', () => {
  test('analyze → issues and metrics; results by id; applyFix returns the fixed code and its diff', async () => {
    const analysis = await admin.analyze({ code: WEAK_HASH, language: 'python', rules: ['security'] });
    assert.ok(analysis.issues.length > 0);
    const issue = analysis.issues[0]!;
    assert.equal(issue.rule_id, 'S006');
    assert.equal(typeof issue.line, 'number');
    assert.equal(analysis.metrics.total_issues, analysis.issues.length);
    assert.deepEqual((await admin.results(analysis.analysis_id)).issues, analysis.issues);
    const fix = await admin.applyFix({ analysis_id: analysis.analysis_id, issue_id: issue.id });
    assert.equal(fix.success, true);
    assert.match(fix.fixed_code, /sha256/);
    assert.match(fix.diff, /^-.*md5/m);
    const report = await admin.codeAnalysis.analyze({ code: WEAK_HASH, language: 'python' });
    assert.equal(typeof report.score, 'number');
  });

  test("analyses.list pages the caller's own analyses with filters; codeAnalysis.history a project's batch runs", async () => {
    const user = await createUser(t.app);
    const mine = new CodeRevClient({ token: user.accessToken, baseUrl: base });
    const first = await mine.analyze({ code: WEAK_HASH, language: 'python', context: { file_path: 'digest.py' } });
    const second = await mine.analyze({ code: 'const twice = (n) => n * 2;\n', language: 'javascript' });
    const third = await mine.analyze({ code: 'x = 1\n', language: 'python' });
    assert.equal(first.file_path, 'digest.py');
    assert.ok(first.metrics.lines_of_code > 0);
    assert.match(first.issues[0]!.fingerprint, /^[0-9a-f]{32}$/);

    const all = await mine.analyses.list();
    assert.equal(all.total, 3);
    assert.deepEqual(all.items.map((item) => item.analysis_id), [third.analysis_id, second.analysis_id, first.analysis_id]);
    const oldest = all.items[2]!;
    assert.deepEqual([oldest.file_path, oldest.total_issues, oldest.summary.high + oldest.summary.critical + oldest.summary.medium + oldest.summary.low],
      ['digest.py', first.issues.length, first.issues.length]);
    const python = await mine.analyses.list({ language: 'python', limit: 1 });
    assert.equal(python.total, 2);
    assert.deepEqual(python.items.map((item) => item.analysis_id), [third.analysis_id]);
    assert.equal((await mine.analyses.get(first.analysis_id)).analysis_id, first.analysis_id);
    const reversed = await mine.analyses.list({ created_from: '2026-02-01T00:00:00Z', created_to: '2026-01-01T00:00:00Z' }).catch((error: unknown) => error);
    assert.ok(reversed instanceof ValidationError);
    assert.equal(reversed.status, 400);
    assert.ok(reversed.fields.some((field) => field.loc.includes('created_from')));
    const stranger = new CodeRevClient({ token: (await createUser(t.app)).accessToken, baseUrl: base });
    assert.deepEqual(await stranger.analyses.list(), { items: [], total: 0 });

    const created = await fetch(`${base}/api/projects`, {
      method: 'POST', headers: { authorization: `Bearer ${user.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'trend', requirements: 'A project whose quality trend the SDK reads.' }),
    });
    const project = (await created.json()) as { id: number };
    await t.app.services.files.saveGeneratedFile('system', project.id, 'digest.py', WEAK_HASH);
    const before = await mine.codeAnalysis.project(project.id);
    await t.app.services.files.saveGeneratedFile('system', project.id, 'clean.py', 'def twice(n):\n    return n * 2\n');
    const after = await mine.codeAnalysis.project(project.id);
    const history = await mine.codeAnalysis.history(project.id);
    assert.equal(history.total, 2);
    assert.deepEqual(history.items.map((item) => [item.overall_score, item.total_files, item.analyzed_at]), [
      [after.overall_score, 2, after.analyzed_at], [before.overall_score, 1, before.analyzed_at],
    ]);
    assert.deepEqual((await mine.codeAnalysis.history(project.id, { skip: 1 })).items.map((item) => item.total_files), [1]);
    await assert.rejects(stranger.codeAnalysis.history(project.id), NotFoundError);
  });

  test('three-version and multisig: an experiment promoted by two signatures, a demotion rejected, the key revoked', async () => {
    const experiment = await admin.threeVersion.createExperiment({ name: 'quiet md5', config: { rules: { disabled: ['S006'] } } });
    assert.ok(experiment.evaluation!.samples > 0);
    const evaluated = await admin.threeVersion.evaluate(experiment.experiment_id);
    assert.equal(evaluated.evaluation!.accuracy, experiment.evaluation!.accuracy);
    for (let i = 0; i < 10; i++) await admin.analyze({ code: WEAK_HASH, language: 'python', rules: ['security'] });
    await t.app.services.profileTraffic.idle();
    const listed = (await admin.threeVersion.experiments()).experiments.find((candidate) => candidate.experiment_id === experiment.experiment_id);
    assert.ok(listed!.shadow_24h!.requests >= 10);

    const promotion = await admin.threeVersion.promote({ experiment_id: experiment.experiment_id, reason: 'md5 findings are noise here' });
    assert.equal(promotion.status, 'pending_approval');
    const requestId = promotion.request_id;
    assert.ok((await admin.multisig.pending()).requests.some((pending) => pending.request_id === requestId));
    const request = await admin.multisig.request(requestId);
    for (const signer of signers) await signer.client.multisig.sign(requestId, { signature: signatureOver(request.payload_hash, signer.privateKey) });
    assert.equal((await admin.multisig.request(requestId)).status, 'executed');
    assert.equal((await admin.threeVersion.status()).v2.version_id, experiment.experiment_id);

    const demotion = await admin.threeVersion.demote({ version_id: experiment.experiment_id, reason: 'trying the SDK' });
    const rejected = await signers[0]!.client.multisig.reject(demotion.request_id, { reason: 'not now' });
    assert.equal(rejected.status, 'rejected');
    await assert.rejects(admin.threeVersion.reevaluate({ quarantine_id: 'v3-none', new_config: {} }), NotFoundError);

    assert.ok((await admin.multisig.policies()).policies.length > 0);
    const policy = await admin.multisig.setPolicy('config_change', { required_signatures: 2, expiry_hours: 24 });
    assert.equal(policy.required_signatures, 2);
    assert.equal((await admin.multisig.keys()).keys.filter((key) => key.key_id === signers[1]!.keyId).length, 1);
    await signers[1]!.client.multisig.revokeKey(signers[1]!.keyId);
    assert.equal((await admin.multisig.keys()).keys.filter((key) => key.key_id === signers[1]!.keyId).length, 0);
  });

  test('settings, users and audit: a change requested, users administered, the chain verified and exported', async () => {
    const minAccuracy = (await admin.settings.list()).settings.find((setting) => setting.name === 'promotion.min_accuracy')!;
    const change = await admin.settings.requestChange({ name: minAccuracy.name, value: minAccuracy.value + 0.05, reason: 'stricter promotions' });
    assert.equal(change.status, 'pending_approval');

    const member = await createUser(t.app);
    assert.ok((await admin.users.list()).users.some((user) => user.id === member.id));
    await admin.users.suspend(member.id, { reason: 'SDK test' });
    await admin.users.reactivate(member.id);
    const reset = await admin.users.resetPassword(member.id);
    assert.equal(typeof reset.temporary_password, 'string');
    const deletion = await admin.users.delete(member.id, { reason: 'SDK test' });
    assert.equal(deletion.status, 'pending_approval');

    const logs = await admin.audit.logs({ entity: 'user' });
    assert.ok(logs.logs.some((log) => log.action === 'suspend'));
    assert.equal((await admin.audit.verify()).valid, true);
    const exported = JSON.parse(await admin.audit.export({ format: 'json' })) as unknown[];
    assert.ok(exported.length >= logs.logs.length);
    const exportRequest = await admin.audit.requestExport({ format: 'csv', reason: 'quarterly review' });
    assert.equal(exportRequest.status, 'pending_approval');
    await assert.rejects(admin.audit.exportRequest(exportRequest.request_id), (error: Error & { status?: number }) => error.status === 409 || error.status === 403);
    assert.ok((await admin.audit.organizationLogs()).length >= 0);
  });

  test('errors carry the envelope: a bad key, a missing analysis, a refused body, a non-admin', async () => {
    const badKey = await new CodeRevClient({ apiKey: 'rsk_not_a_key', baseUrl: base }).analyze({ code: 'x = 1', language: 'python' }).catch((error: unknown) => error);
    assert.ok(badKey instanceof AuthenticationError);
    assert.equal(badKey.status, 401);
    assert.match(badKey.requestId ?? '', /.+/);

    await assert.rejects(admin.results('00000000-0000-4000-8000-000000000000'), NotFoundError);
    const refused = await admin.analyze({ code: '', language: 'python' }).catch((error: unknown) => error);
    assert.ok(refused instanceof ValidationError);
    assert.equal(refused.errorCode, 'VALIDATION_ERROR');
    assert.ok(refused.fields.some((field) => field.loc.includes('code')));

    const member = await createUser(t.app);
    await assert.rejects(new CodeRevClient({ token: member.accessToken, baseUrl: base }).users.list(), PermissionDeniedError);
  });

  test('429 and 503 are retried after Retry-After, a bounded number of times; a longer wait is handed to the caller', async () => {
    const answers = [503, 429, 200];
    let calls = 0;
    const flaky = createServer((request, response) => {
      const status = answers[Math.min(calls++, answers.length - 1)]!;
      if (request.url === '/too-long') {
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '120' }).end(JSON.stringify({ detail: 'Slow down', error_code: 'RATE_LIMIT_EXCEEDED', status_code: 429, request_id: 'r-1' }));
        return;
      }
      response.writeHead(status, { 'content-type': 'application/json', 'retry-after': '0' }).end(JSON.stringify(status === 200 ? { keys: [] } : { detail: 'busy', error_code: 'BUSY', status_code: status }));
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    const flakyBase = `http://127.0.0.1:${(flaky.address() as { port: number }).port}`;
    try {
      assert.deepEqual(await new CodeRevClient({ apiKey: 'rsk_x', baseUrl: flakyBase }).multisig.keys(), { keys: [] });
      assert.equal(calls, 3);

      calls = 0;
      answers.splice(0, answers.length, 429);
      await assert.rejects(new CodeRevClient({ apiKey: 'rsk_x', baseUrl: flakyBase, maxRetries: 2 }).multisig.keys(), RateLimitError);
      assert.equal(calls, 3, 'the first try and two retries');

      const client = new CodeRevClient({ apiKey: 'rsk_x', baseUrl: flakyBase });
      const tooLong = await client.http.GET('/too-long' as '/api/admin/multisig/keys').catch((error: unknown) => error);
      assert.ok(tooLong instanceof RateLimitError);
      assert.equal(tooLong.retryAfterSeconds, 120);
      assert.equal(tooLong.requestId, 'r-1');
    } finally {
      flaky.close();
    }
  });
});
