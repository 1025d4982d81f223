import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { PROVIDERS, type ProviderId } from '@resoftai/llm';
import { startFakeProviderServer, type FakeProviderServer } from '@resoftai/llm/testing';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

const KEY = 'sk-probe-secret-0123456789-abcd';

// Where each provider's chat call goes and how it carries the key.
const WIRE: Record<ProviderId, { path: string; auth: (headers: Record<string, string>) => void }> = {
  deepseek: { path: '/chat/completions', auth: (h) => assert.equal(h.authorization, `Bearer ${KEY}`) },
  anthropic: {
    path: '/v1/messages',
    auth: (h) => {
      assert.equal(h['x-api-key'], KEY);
      assert.equal(h.authorization, undefined);
    },
  },
  google: {
    path: '/v1beta/models/gemini-pro:generateContent',
    auth: (h) => {
      assert.equal(h['x-goog-api-key'], KEY);
      assert.equal(h.authorization, undefined);
    },
  },
  moonshot: { path: '/v1/chat/completions', auth: (h) => assert.equal(h.authorization, `Bearer ${KEY}`) },
  zhipu: { path: '/api/paas/v4/chat/completions', auth: (h) => assert.equal(h.authorization, `Bearer ${KEY}`) },
  minimax: { path: '/v1/chat/completions', auth: (h) => assert.equal(h.authorization, `Bearer ${KEY}`) },
  openai: { path: '/v1/chat/completions', auth: (h) => assert.equal(h.authorization, `Bearer ${KEY}`) },
  openai_compatible: { path: '/v1/chat/completions', auth: (h) => assert.equal(h.authorization, `Bearer ${KEY}`) },
};

let t: TestApp;
let fake: FakeProviderServer;
let user: TestUser;
before(async () => {
  [t, fake] = await Promise.all([createTestApp(), startFakeProviderServer()]);
  user = await createUser(t.app);
});
beforeEach(() => fake.reset());
after(async () => {
  await fake.close();
  await t.close();
});

async function configFor(provider: ProviderId, extra: Record<string, unknown> = {}): Promise<number> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/llm-configs',
    headers: user.auth,
    payload: {
      name: `${provider} via fake`,
      provider,
      api_key: KEY,
      api_base: fake.baseUrlFor(provider),
      ...(provider === 'openai_compatible' ? { model: 'llama3.1' } : {}),
      ...extra,
    },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().id;
}

async function probe(id: number) {
  return t.app.inject({ method: 'POST', url: `/api/llm-configs/${id}/test`, headers: user.auth });
}

describe('POST /api/llm-configs/{id}/test makes a real call in each provider\'s wire format', () => {
  for (const info of PROVIDERS) {
    test(info.id, async () => {
      const id = await configFor(info.id);
      fake.enqueue({ text: `Hello from ${info.id}!`, usage: { promptTokens: 9, completionTokens: 4 } });
      const response = await probe(id);
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.equal(body.success, true);
      assert.equal(body.model, info.defaultModel ?? 'llama3.1');
      assert.equal(body.test_output, `Hello from ${info.id}!`);
      assert.equal(typeof body.response_time_ms, 'number');
      assert.equal(body.error, null);

      assert.equal(fake.requests.length, 1);
      const request = fake.requests[0]!;
      assert.equal(request.method, 'POST');
      assert.equal(request.path, WIRE[info.id].path);
      WIRE[info.id].auth(request.headers);
      if (info.wire !== 'gemini') assert.equal(request.body.model, body.model);

      const rows = await queryRows<{ user_id: number; llm_config_id: number; stage: string; provider: string; prompt_tokens: number; completion_tokens: number; status: string }>(
        t.database,
        sql`SELECT user_id, llm_config_id, stage, provider, prompt_tokens, completion_tokens, status FROM llm_usage WHERE llm_config_id = ${id}`,
      );
      assert.deepEqual(rows, [{ user_id: user.id, llm_config_id: id, stage: 'llm_config_test', provider: info.id, prompt_tokens: 9, completion_tokens: 4, status: 'success' }]);
    });
  }

  test('the config\'s sampling defaults travel with the call', async () => {
    const id = await configFor('deepseek', { config: { temperature: 0.2, top_p: 0.5 } });
    await probe(id);
    assert.equal(fake.requests[0]!.body.temperature, 0.2);
    assert.equal(fake.requests[0]!.body.top_p, 0.5);
  });
});

describe('a provider that refuses or cannot be reached is a failed test, not a failed request', () => {
  test('401 from the provider: success false with its status and reason, the key redacted', async () => {
    const id = await configFor('anthropic');
    fake.enqueue({ status: 401, errorMessage: `invalid x-api-key ${KEY}` });
    const response = await probe(id);
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.success, false);
    assert.equal(body.model, 'claude-3-sonnet');
    assert.equal(body.test_output, null);
    assert.equal(body.error.kind, 'http');
    assert.equal(body.error.provider_status, 401);
    assert.match(body.error.reason, /invalid x-api-key/);
    assert.ok(!response.body.includes(KEY));
    assert.equal(fake.requests.length, 1, 'a refusal is not retried');

    const [row] = await queryRows<{ status: string; error: string }>(t.database, sql`SELECT status, error FROM llm_usage WHERE llm_config_id = ${id}`);
    assert.equal(row!.status, 'error');
    assert.match(row!.error, /HTTP 401/);
    assert.ok(!row!.error.includes(KEY));
  });

  test('nothing listening at api_base: success false, kind network', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const id = await configFor('openai', { api_base: `http://127.0.0.1:${port}/v1` });
    const response = await probe(id);
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.success, false);
    assert.equal(body.error.kind, 'network');
    assert.equal(body.error.provider_status, null);
    assert.ok(body.error.reason.length > 0);
  });

  test('a provider that never answers: success false, kind timeout, within the config\'s timeout', async () => {
    const id = await configFor('deepseek', { config: { timeout_seconds: 1 } });
    fake.enqueue({ fault: 'hang' });
    const body = (await probe(id)).json();
    assert.equal(body.success, false);
    assert.equal(body.error.kind, 'timeout');
  });

  test('a garbage answer: success false, kind malformed_response', async () => {
    const id = await configFor('zhipu');
    fake.enqueue({ fault: 'malformed' });
    const body = (await probe(id)).json();
    assert.equal(body.success, false);
    assert.equal(body.error.kind, 'malformed_response');
  });
});
