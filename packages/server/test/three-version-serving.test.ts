import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type FakeProviderServer, startFakeProviderServer } from '@resoftai/llm/testing';
import { sql } from 'drizzle-orm';
import { ThreeVersionRepository } from '../src/db/repositories/three-version.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

const EVAL_CODE = 'def run(data):\n    """Run."""\n    return eval(data)\n';

interface RequestRecord { profile_id: string; role: string; failed: boolean; agreed: boolean | null }

describe('serving /api/analyze/code under three-version control', () => {
  let t: TestApp;
  let fake: FakeProviderServer;
  let admin: TestUser;
  let member: TestUser;
  const draws: number[] = [];

  before(async () => {
    // Half of the requests are shadowed; the test decides which by the numbers it queues.
    [t, fake] = await Promise.all([createTestApp({ shadowShare: 0.5 }, { shadowSampler: () => draws.shift() ?? 1 }), startFakeProviderServer()]);
    admin = await createUser(t.app, 'serve_admin');
    member = await createUser(t.app, 'serve_member');
  });
  beforeEach(() => fake.reset());
  after(async () => {
    await fake.close();
    await t.close();
  });

  const analyse = (rules: string[] = ['security']) =>
    t.app.inject({ method: 'POST', url: '/api/analyze/code', headers: member.auth, payload: { code: EVAL_CODE, language: 'python', rules } });
  const records = async () => {
    await t.app.services.profileTraffic.idle();
    return queryRows<RequestRecord>(t.database, sql`SELECT profile_id, role, failed, agreed FROM profile_requests ORDER BY id`);
  };
  const experiment = async (name: string, config: object) => {
    const created = await t.app.inject({ method: 'POST', url: '/api/three-version/experiments', headers: admin.auth, payload: { name, config } });
    assert.equal(created.statusCode, 201, created.body);
    return created.json().experiment_id as string;
  };

  test('a sampled request is repeated by every experiment in the background; agreement compares the findings', async () => {
    const same = await experiment('same as defaults', { rules: { severity_overrides: { Q011: 'low' } } });
    const blind = await experiment('no S001', { rules: { disabled: ['S001'] } });
    draws.push(0.7, 0.2);
    assert.equal((await analyse()).statusCode, 200);
    assert.deepEqual(await records(), [], 'not sampled, and nothing is in production to record');
    assert.equal((await analyse()).statusCode, 200);
    const shadowed = await records();
    assert.deepEqual(shadowed.map((r) => [r.profile_id, r.role, r.failed, r.agreed]).sort(), [[blind, 'shadow', false, false], [same, 'shadow', false, true]].sort());
  });

  test('requests with the AI review are not shadowed (the caller pays for one review)', async () => {
    const config = await t.app.inject({
      method: 'POST', url: '/api/llm-configs', headers: member.auth,
      payload: { name: 'review', provider: 'deepseek', api_key: 'sk-review-0123456789-abcd', api_base: fake.baseUrlFor('deepseek'), is_default: true },
    });
    assert.equal(config.statusCode, 201, config.body);
    fake.enqueue({ json: { findings: [] } });
    const before = (await records()).length;
    draws.push(0);
    assert.equal((await analyse(['security', 'ai'])).statusCode, 200);
    assert.equal((await records()).length, before);
    assert.equal(fake.requests.length, 1);
  });

  test('the production profile serves and every request is recorded against it, server failures as errors', async () => {
    const repository = new ThreeVersionRepository(t.database.db);
    // Set up directly: promotion itself is covered by the three-version and CLI story tests.
    const production = await repository.createProfile({ id: 'exp-production-under-test', name: 'no AI, no S001', config: { ai_review: false, rules: { disabled: ['S001'] } }, createdBy: admin.id, reevaluatedFrom: null });
    await repository.moveTo(production.id, 'production');
    await queryRows(t.database, sql`DELETE FROM profile_requests`);

    const served = await analyse();
    assert.equal(served.statusCode, 200);
    assert.ok(!served.json().issues.some((issue: { rule_id: string }) => issue.rule_id === 'S001'));
    const refused = await analyse(['security', 'ai']);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().detail[0].msg, /AI review is switched off in the production review profile exp-production-under-test/);
    assert.equal(fake.requests.length, 0);

    const recorded = (await records()).filter((r) => r.role === 'production');
    assert.deepEqual(recorded.map((r) => [r.profile_id, r.failed]), [[production.id, false], [production.id, false]]);
    const status = (await t.app.inject({ method: 'GET', url: '/api/three-version/status', headers: member.auth })).json();
    assert.equal(status.v2.version_id, production.id);
    assert.equal(status.v2.requests_24h, 2);
    assert.equal(status.v2.error_rate, 0);
  });
});

describe('production failures count against the profile', () => {
  let t: TestApp;
  let member: TestUser;
  before(async () => {
    t = await createTestApp({ analysisTimeoutMs: 1 });
    member = await createUser(t.app, 'slow_member');
  });
  after(() => t.close());

  test('an analysis that exceeds the time limit is recorded as a failed production request', async () => {
    const repository = new ThreeVersionRepository(t.database.db);
    await repository.createProfile({ id: 'exp-slow', name: 'slow', config: {}, createdBy: member.id, reevaluatedFrom: null });
    await repository.moveTo('exp-slow', 'production');
    const code = Array.from({ length: 4000 }, (_, i) => `def f${i}(a, b):\n    return eval(a) + b\n`).join('');
    const response = await t.app.inject({ method: 'POST', url: '/api/analyze/code', headers: member.auth, payload: { code, language: 'python' } });
    assert.equal(response.statusCode, 504);
    await t.app.services.profileTraffic.idle();
    const status = (await t.app.inject({ method: 'GET', url: '/api/three-version/status', headers: member.auth })).json();
    assert.equal(status.v2.requests_24h, 1);
    assert.equal(status.v2.error_rate, 1);
  });
});
