import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startFakeProviderServer, type FakeProviderServer } from '@resoftai/llm/testing';
import { createTestApp, createUser, type TestApp, type TestUser } from './support.ts';

const CODE = 'def process(data):\n    eval(data)\n    total = 0\n    return data\n';

let t: TestApp;
let fake: FakeProviderServer;
before(async () => {
  [t, fake] = await Promise.all([createTestApp(), startFakeProviderServer()]);
});
beforeEach(() => fake.reset());
after(async () => {
  await fake.close();
  await t.close();
});

async function createDefaultConfig(user: TestUser, payload: Record<string, unknown> = {}, app: TestApp['app'] = t.app): Promise<void> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/llm-configs',
    headers: user.auth,
    payload: { name: 'review', provider: 'deepseek', api_key: 'sk-review-0123456789-abcd', api_base: fake.baseUrlFor('deepseek'), is_default: true, ...payload },
  });
  assert.equal(response.statusCode, 201, response.body);
}

function analyse(user: TestUser, rules: string[], headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/analyze/code', headers: { ...user.auth, ...headers }, payload: { code: CODE, language: 'python', rules, context: { file_path: 'src/utils.py' } } });
}

const finding = (overrides: Record<string, unknown>) => ({
  line: 2,
  severity: 'critical',
  category: 'security',
  confidence: 'high',
  cwe: 'CWE-95',
  title: 'Code injection',
  message: 'eval runs untrusted input',
  suggestion: 'Use ast.literal_eval',
  ...overrides,
});

describe('AI review with rules containing "ai"', () => {
  test('merges schema-bound LLM findings with the static ones, dropping duplicates', async () => {
    const user = await createUser(t.app);
    await createDefaultConfig(user);
    fake.enqueue({
      json: {
        findings: [
          finding({}),
          finding({ line: 3, severity: 'low', category: 'quality', confidence: 'medium', cwe: null, title: 'Unused accumulator', message: 'total is never used', suggestion: 'Remove total' }),
          finding({ line: 99, title: 'Outside the code' }),
        ],
      },
    });
    const response = await analyse(user, ['security', 'ai']);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();

    const onLine2 = body.issues.filter((issue: { line: number }) => issue.line === 2);
    assert.deepEqual(onLine2.map((issue: { rule_id: string; source: string }) => [issue.rule_id, issue.source]), [['S001', 'static']]);
    const ai = body.issues.filter((issue: { source: string }) => issue.source === 'ai');
    assert.equal(ai.length, 1);
    assert.equal(ai[0].rule_id, 'AI');
    assert.equal(ai[0].line, 3);
    assert.equal(ai[0].confidence, 'medium');
    assert.equal(ai[0].title, 'Unused accumulator');
    assert.equal(ai[0].fixable, false);
    assert.match(ai[0].id, /^issue-/);
    assert.equal(body.metrics.total_issues, body.issues.length);

    assert.equal(fake.requests.length, 1);
    const sent = JSON.stringify(fake.requests[0]!.body);
    assert.match(sent, /findings/);
    assert.match(sent, /eval\(data\)/);

    const fix = await t.app.inject({ method: 'POST', url: '/api/fixes/apply', headers: user.auth, payload: { analysis_id: body.analysis_id, issue_id: ai[0].id, fix_type: 'suggested' } });
    assert.equal(fix.statusCode, 400, fix.body);
    assert.match(fix.json().error.message, /no mechanical fix/);
  });

  test('asks for messages in the language of Accept-Language', async () => {
    const user = await createUser(t.app);
    await createDefaultConfig(user);
    fake.enqueue({ json: { findings: [] } });
    const response = await analyse(user, ['ai'], { 'accept-language': 'zh-CN' });
    assert.equal(response.statusCode, 200, response.body);
    assert.match(JSON.stringify(fake.requests[0]!.body), /Simplified Chinese/);
  });

  test('without a usable LLM config answers 422 LLM_002 and calls nothing', async () => {
    const user = await createUser(t.app);
    const missing = await analyse(user, ['security', 'ai']);
    assert.equal(missing.statusCode, 422, missing.body);
    assert.equal(missing.json().error_code, 'LLM_002');

    await createDefaultConfig(user, { is_active: false });
    const inactive = await analyse(user, ['ai']);
    assert.equal(inactive.statusCode, 422, inactive.body);
    assert.equal(inactive.json().error_code, 'LLM_002');
    assert.equal(fake.requests.length, 0);
  });

  test('a failing provider answers 502 LLM_001', async () => {
    const user = await createUser(t.app);
    await createDefaultConfig(user);
    fake.respondWith(() => ({ status: 400, errorMessage: 'bad request' }));
    const response = await analyse(user, ['ai']);
    assert.equal(response.statusCode, 502, response.body);
    assert.equal(response.json().error_code, 'LLM_001');
  });
});

describe('the analysis time limit covers the AI review', () => {
  let limited: TestApp;
  before(async () => {
    limited = await createTestApp({ analysisTimeoutMs: 2000 });
  });
  after(() => limited.close());

  test('a provider that never answers ends in 504 with the reason', async () => {
    const user = await createUser(limited.app);
    await createDefaultConfig(user, {}, limited.app);
    fake.respondWith(() => ({ fault: 'hang' }));
    const response = await limited.app.inject({ method: 'POST', url: '/api/analyze/code', headers: user.auth, payload: { code: CODE, language: 'python', rules: ['ai'] } });
    assert.equal(response.statusCode, 504, response.body);
    assert.match(response.json().error.message, /time limit of 2000 ms/);
    assert.equal(fake.requests.length, 1);
  });
});
