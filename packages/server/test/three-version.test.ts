import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { loadBlindCorpus } from '@resoftai/analyzer';
import { type FakeProviderServer, startFakeProviderServer } from '@resoftai/llm/testing';
import { sql } from 'drizzle-orm';
import type { ProfileEvaluator, ReviewProfileConfig } from '../src/governance/profile-evaluator.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

// A test double of the analyzer's labelled-set evaluation: accuracy follows the configured temperature.
const evaluator: ProfileEvaluator = {
  async evaluate(config: ReviewProfileConfig) {
    const f1 = config.temperature !== undefined && config.temperature <= 0.2 ? 0.9 : 0.7;
    return { f1, precision: f1, recall: f1, samples: 60 };
  },
};

interface Admin extends TestUser { privateKey: KeyObject }

describe('three-version control with an evaluator', () => {
  let t: TestApp;
  let owner: TestUser;
  let approvers: Admin[];
  let member: TestUser;

  before(async () => {
    t = await createTestApp({}, { profileEvaluator: evaluator });
    owner = await createUser(t.app, 'tv_owner');
    approvers = [];
    for (const name of ['tv_b', 'tv_c']) {
      const user = await createUser(t.app, name);
      await t.app.inject({ method: 'PUT', url: `/api/admin/users/${user.id}/role`, headers: owner.auth, payload: { role: 'admin' } });
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      await t.app.inject({ method: 'POST', url: '/api/admin/multisig/keys', headers: user.auth, payload: { algorithm: 'ed25519', public_key: publicKey.export({ type: 'spki', format: 'pem' }) } });
      approvers.push({ ...user, privateKey });
    }
    member = await createUser(t.app, 'tv_member');
  });
  after(() => t.close());

  const post = (url: string, who: TestUser, payload: object) => t.app.inject({ method: 'POST', url, headers: who.auth, payload });
  const status = async () => (await t.app.inject({ method: 'GET', url: '/api/three-version/status', headers: member.auth })).json();

  async function approve(requestId: string, signers: Admin[]) {
    const { payload_hash } = (await t.app.inject({ method: 'GET', url: `/api/admin/multisig/requests/${requestId}`, headers: owner.auth })).json();
    let last;
    for (const signer of signers) {
      last = await post(`/api/admin/multisig/sign/${requestId}`, signer, { signature: sign(null, Buffer.from(payload_hash), signer.privateKey).toString('base64') });
      assert.equal(last.statusCode, 200, last.body);
    }
    return last!.json();
  }

  async function shadowRuns(experimentId: string, count: number) {
    for (let i = 0; i < count; i++) await t.app.services.threeVersion.recordRequest(experimentId, 'shadow', { latencyMs: 100 + i * 10, failed: false, agreed: i % 2 === 0 });
  }

  async function experiment(name: string, temperature: number) {
    const created = await post('/api/three-version/experiments', owner, { name, config: { temperature, ai_review: true, rules: { disabled: ['Q011'], severity_overrides: { S006: 'critical' } } } });
    assert.equal(created.statusCode, 201, created.body);
    return created.json();
  }

  test('an experiment is measured on creation; only administrators create; bad configs are 400', async () => {
    const created = await experiment('strict', 0.1);
    assert.match(created.experiment_id, /^exp-[0-9a-f]{24}$/);
    assert.equal(created.status, 'experimenting');
    assert.equal(created.evaluation.accuracy, 0.9);
    assert.equal(created.evaluation.samples, 60);
    assert.equal(created.evaluation_error, undefined);

    assert.equal((await post('/api/three-version/experiments', member, { name: 'x', config: {} })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/three-version/experiments', payload: { name: 'x', config: {} } })).statusCode, 401);
    for (const payload of [{ name: 'x', config: { temperature: 5 } }, { name: '', config: {} }, { name: 'x', config: { unknown: 1 } }, { name: 'x' },
      { name: 'x', config: { rules: { severity_overrides: { S001: 'fatal' } } } }, { name: 'x', config: { rules: { disabled: ['py-eval'] } } }]) {
      const response = await post('/api/three-version/experiments', owner, payload);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.equal(response.json().error.code, 'VALIDATION_ERROR');
    }
    const listed = (await t.app.inject({ method: 'GET', url: '/api/three-version/experiments?status=experimenting', headers: member.auth })).json();
    assert.ok(listed.experiments.some((e: { experiment_id: string }) => e.experiment_id === created.experiment_id));
  });

  test('promotion is refused with 422 naming each unmet measured criterion, whatever metrics are claimed', async () => {
    const weak = await experiment('loose', 0.7);
    await shadowRuns(weak.experiment_id, 10);
    const refused = await post('/api/three-version/promote', owner, { experiment_id: weak.experiment_id, reason: 'looks great', metrics: { accuracy: 0.99, error_rate: 0, latency_p95_ms: 1 } });
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().error.code, 'PROMOTION_CRITERIA_NOT_MET');
    assert.deepEqual(refused.json().error.details.map((d: { field: string }) => d.field), ['accuracy']);
    assert.match(refused.json().detail[0].msg, /0\.7; required >= 0\.85/);

    const unshadowed = await experiment('unshadowed', 0.1);
    const noShadow = await post('/api/three-version/promote', owner, { experiment_id: unshadowed.experiment_id, reason: 'r' });
    assert.equal(noShadow.statusCode, 422);
    assert.deepEqual(noShadow.json().error.details.map((d: { field: string }) => d.field), ['shadow_requests', 'error_rate', 'latency_p95_ms']);

    assert.equal((await post('/api/three-version/promote', owner, { experiment_id: 'exp-missing', reason: 'r' })).statusCode, 404);
    assert.equal((await post('/api/three-version/promote', owner, { reason: 'r' })).statusCode, 400);
    assert.equal((await post('/api/three-version/promote', member, { experiment_id: weak.experiment_id, reason: 'r' })).statusCode, 403);
    assert.equal((await status()).v1.pending_promotion, 0);
  });

  test('promotion with two signatures makes the experiment production; demotion restores the last good profile', async () => {
    const first = await experiment('first', 0.1);
    await shadowRuns(first.experiment_id, 10);
    const promoted = await post('/api/three-version/promote', owner, { experiment_id: first.experiment_id, reason: 'accuracy reached', metrics: { accuracy: 0.88 } });
    assert.equal(promoted.statusCode, 200, promoted.body);
    const body = promoted.json();
    assert.equal(body.status, 'pending_approval');
    assert.match(body.request_id, /^req-/);
    assert.match(body.promotion_id, /^promo-/);
    assert.equal(body.previous_version, null);
    assert.equal(body.measured.accuracy, 0.9);
    assert.equal(body.measured.error_rate, 0);
    assert.equal(body.measured.latency_p95_ms, 186);
    assert.equal((await post('/api/three-version/promote', owner, { experiment_id: first.experiment_id, reason: 'again' })).statusCode, 409);
    assert.equal((await status()).v1.pending_promotion, 1);
    assert.equal((await status()).v2.status, 'empty');

    const executed = await approve(body.request_id, approvers);
    assert.equal(executed.status, 'executed');
    assert.equal(executed.result.new_version, first.experiment_id);
    assert.deepEqual(await t.app.services.threeVersion.productionProfile(), { id: first.experiment_id, config: first.config });

    for (let i = 0; i < 4; i++) await t.app.services.threeVersion.recordRequest(first.experiment_id, 'production', { latencyMs: 1000 * (i + 1), failed: i === 0 });
    const live = await status();
    assert.deepEqual(live.v2, { status: 'production', version_id: first.experiment_id, requests_24h: 4, accuracy: 0.9, error_rate: 0.25, latency_p95_ms: 3850 });
    assert.equal(live.v1.pending_promotion, 0);
    assert.equal(live.cycle_running, true);
    assert.equal(live.current_phase, 'monitoring');

    const second = await experiment('second', 0.2);
    await shadowRuns(second.experiment_id, 12);
    const next = (await post('/api/three-version/promote', owner, { experiment_id: second.experiment_id, reason: 'better' })).json();
    assert.equal(next.previous_version, first.experiment_id);
    await approve(next.request_id, approvers);
    assert.equal((await status()).v2.version_id, second.experiment_id);

    assert.equal((await post('/api/three-version/demote', owner, { version_id: first.experiment_id, reason: 'r' })).statusCode, 404);
    assert.equal((await post('/api/three-version/demote', owner, { version_id: 'v2' })).statusCode, 400);
    const demotion = await post('/api/three-version/demote', owner, { version_id: 'v2', reason: 'error rate above threshold', evidence: { error_rate: 0.05, incidents: ['INC-001'] } });
    assert.equal(demotion.statusCode, 200, demotion.body);
    assert.equal(demotion.json().restore_version, first.experiment_id);
    assert.equal((await post('/api/three-version/demote', owner, { version_id: 'v2', reason: 'again' })).statusCode, 409);
    const demoted = await approve(demotion.json().request_id, approvers.slice(0, 1));
    assert.equal(demoted.status, 'executed');
    assert.match(demoted.result.quarantine_id, /^q-[0-9a-f]{24}$/);

    const after = await status();
    assert.equal(after.v2.version_id, first.experiment_id);
    assert.deepEqual(after.v3, { status: 'quarantine', archived_count: 1, pending_reevaluation: 1 });

    const quarantineId = demoted.result.quarantine_id;
    assert.equal((await post('/api/three-version/reevaluate', owner, { quarantine_id: 'q-missing', new_config: {} })).statusCode, 404);
    assert.equal((await post('/api/three-version/reevaluate', owner, { quarantine_id: quarantineId, new_config: { temperature: 9 } })).statusCode, 400);
    const back = await post('/api/three-version/reevaluate', owner, { quarantine_id: quarantineId, new_config: { temperature: 0.5, max_tokens: 2048 } });
    assert.equal(back.statusCode, 201, back.body);
    assert.equal(back.json().status, 'experimenting');
    assert.equal(back.json().reevaluated_from, second.experiment_id);
    assert.deepEqual(back.json().config, { ...second.config, temperature: 0.5, max_tokens: 2048 });
    assert.equal(back.json().evaluation.accuracy, 0.7);
    assert.equal((await post('/api/three-version/reevaluate', owner, { quarantine_id: quarantineId, new_config: {} })).statusCode, 409);
    assert.equal((await status()).v3.pending_reevaluation, 0);

    const story = await queryRows<{ entity: string; action: string }>(t.database, sql`SELECT entity, action FROM audit_logs WHERE entity = 'version' ORDER BY seq`);
    assert.deepEqual(story.map((e) => e.action), ['promote', 'promote', 'demote']);
    assert.equal((await post('/api/admin/audit/verify', owner, {})).json().valid, true);
  });

  test('the monitor opens one demotion request, by the system, when production breaches its SLOs', async () => {
    const production = (await status()).v2.version_id;
    assert.equal(await t.app.services.threeVersion.checkProduction(), undefined, 'too few requests to judge');
    for (let i = 0; i < 20; i++) await t.app.services.threeVersion.recordRequest(production, 'production', { latencyMs: 200, failed: i % 4 === 0 });
    const opened = await t.app.services.threeVersion.checkProduction();
    assert.ok(opened);
    assert.equal(opened.operationType, 'version_demotion');
    assert.equal(opened.requesterId, null);
    assert.match(String(opened.payload.reason), /error rate/);
    assert.equal((opened.payload.evidence as { requests: number }).requests >= 20, true);
    assert.equal(await t.app.services.threeVersion.checkProduction(), undefined, 'no second request while one is open');
  });
});

describe("three-version control with the analyzer's blind corpus (the product default)", () => {
  let t: TestApp;
  let fake: FakeProviderServer;
  let owner: TestUser;
  before(async () => {
    [t, fake] = await Promise.all([createTestApp(), startFakeProviderServer()]);
    owner = await createUser(t.app, 'tv_alone');
  });
  after(async () => {
    await fake.close();
    await t.close();
  });

  const create = (name: string, config: object) => t.app.inject({ method: 'POST', url: '/api/three-version/experiments', headers: owner.auth, payload: { name, config } });

  test('static profiles are measured on the blind corpus: the defaults pass, disabling rules costs accuracy', async () => {
    const defaults = await create('defaults', {});
    assert.equal(defaults.statusCode, 201, defaults.body);
    const measured = defaults.json().evaluation;
    assert.equal(measured.samples, loadBlindCorpus().length);
    assert.ok(measured.samples >= 50);
    assert.ok(measured.accuracy >= 0.85, `F1 ${measured.accuracy}`);

    const blind = await create('no injection, secret or web rules', { rules: { disabled: ['S001', 'S002', 'S003', 'S004', 'S005', 'S006', 'S011', 'S012', 'S013', 'S014'] }, ai_review: false });
    assert.ok(blind.json().evaluation.accuracy < 0.85, `F1 ${blind.json().evaluation.accuracy} is under the promotion threshold`);
    assert.ok(blind.json().evaluation.recall < measured.recall);
    assert.ok(blind.json().evaluation.accuracy < measured.accuracy);
    const [entry] = await queryRows<{ payload: { true_positives: number; false_negatives: number; samples: number } }>(
      t.database, sql`SELECT payload FROM audit_logs WHERE entity = 'experiment' AND action = 'evaluate' AND resource_id = ${blind.json().experiment_id}`,
    );
    assert.equal(entry!.payload.samples, measured.samples);
    assert.ok(entry!.payload.false_negatives > 0, 'the counts behind the ratios are audited');

    const again = await t.app.inject({ method: 'POST', url: `/api/three-version/experiments/${blind.json().experiment_id}/evaluate`, headers: owner.auth });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().evaluation.accuracy, blind.json().evaluation.accuracy, 'the measurement is deterministic');
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/three-version/experiments/exp-missing/evaluate', headers: owner.auth })).statusCode, 404);

    const refused = await t.app.inject({ method: 'POST', url: '/api/three-version/promote', headers: owner.auth, payload: { experiment_id: blind.json().experiment_id, reason: 'r', metrics: { accuracy: 0.95 } } });
    assert.equal(refused.statusCode, 422);
    assert.ok(refused.json().error.details.some((d: { field: string }) => d.field === 'accuracy'));
  });

  test('an AI profile without an LLM config is reported unmeasured, never invented', async () => {
    const created = await create('ai without config', { ai_review: true });
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().evaluation, null);
    assert.match(created.json().evaluation_error, /No default LLM config/);
    const evaluate = await t.app.inject({ method: 'POST', url: `/api/three-version/experiments/${created.json().experiment_id}/evaluate`, headers: owner.auth });
    assert.equal(evaluate.statusCode, 503);
    assert.equal(evaluate.json().error_code, 'EVALUATION_UNAVAILABLE');
    const promote = await t.app.inject({ method: 'POST', url: '/api/three-version/promote', headers: owner.auth, payload: { experiment_id: created.json().experiment_id, reason: 'r', metrics: { accuracy: 0.95 } } });
    assert.equal(promote.statusCode, 422);
    assert.match(promote.json().detail[0].msg, /not measured/);
  });

  test("an AI profile is measured with the requester's default LLM config, one unlabelled sample per call", async () => {
    const config = await t.app.inject({
      method: 'POST', url: '/api/llm-configs', headers: owner.auth,
      payload: { name: 'review', provider: 'deepseek', api_key: 'sk-review-0123456789-abcd', api_base: fake.baseUrlFor('deepseek'), is_default: true },
    });
    assert.equal(config.statusCode, 201, config.body);
    // The model claims code injection on line 1 of every sample: a false positive wherever that is not labelled.
    fake.respondWith(() => ({ json: { findings: [{ line: 1, severity: 'critical', category: 'security', confidence: 'high', cwe: 'CWE-95', title: 'Code injection', message: 'm', suggestion: 's' }] } }));
    const staticOnly = (await create('static', { ai_review: false })).json().evaluation;
    const ai = await create('with ai', { ai_review: true, temperature: 0.3, prompt: 'Focus on injection.' });
    assert.equal(ai.statusCode, 201, ai.body);
    assert.equal(ai.json().evaluation_error, undefined, ai.json().evaluation_error);
    assert.equal(fake.requests.length, loadBlindCorpus().length);
    const sent = fake.requests.map((request) => JSON.stringify(request.body));
    assert.ok(sent.every((body) => !/ruleid: |expect: /.test(body)), 'the labels are never shown to the model');
    assert.match(sent[0]!, /Focus on injection/);
    assert.equal((fake.requests[0]!.body as { temperature: number }).temperature, 0.3);
    assert.ok(ai.json().evaluation.precision < staticOnly.precision);
    assert.equal(ai.json().evaluation.recall, staticOnly.recall);

    const otherModel = await create('other model', { ai_review: true, model: 'some-other-model' });
    assert.equal(otherModel.json().evaluation, null);
    assert.match(otherModel.json().evaluation_error, /model some-other-model/);
  });

  test('demoting when nothing is in production is refused', async () => {
    const demote = await t.app.inject({ method: 'POST', url: '/api/three-version/demote', headers: owner.auth, payload: { version_id: 'v2', reason: 'r' } });
    assert.equal(demote.statusCode, 409);
    assert.match(demote.json().detail, /Nothing is in production/);
    const current = (await t.app.inject({ method: 'GET', url: '/api/three-version/status', headers: owner.auth })).json();
    assert.equal(current.v2.status, 'empty');
    assert.equal(current.v2.accuracy, null);
  });
});
