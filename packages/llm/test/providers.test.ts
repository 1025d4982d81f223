import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PROVIDERS, isProvider, resolveBaseUrl, type ProviderId } from '../src/index.ts';
import type { FakeRequest } from '../src/testing/index.ts';
import { fakeClient, hello, TEST_KEY, suiteFakeServer } from './helpers.ts';

interface WireExpectation {
  path: string;
  auth: (headers: Record<string, string>) => void;
  /** The user text, system prompt and max tokens as the provider's body carries them. */
  read: (body: FakeRequest['body']) => { user: string; system: string; maxTokens: number; temperature: number };
}

const bearer = (headers: Record<string, string>) => assert.equal(headers.authorization, `Bearer ${TEST_KEY}`);

const openAiBody: WireExpectation['read'] = (body) => ({
  user: body.messages.find((m: { role: string }) => m.role === 'user').content,
  system: body.messages.find((m: { role: string }) => m.role === 'system').content,
  maxTokens: body.max_tokens ?? body.max_completion_tokens,
  temperature: body.temperature,
});

const EXPECTED: Record<ProviderId, WireExpectation> = {
  deepseek: { path: '/chat/completions', auth: bearer, read: openAiBody },
  anthropic: {
    path: '/v1/messages',
    auth: (headers) => {
      assert.equal(headers['x-api-key'], TEST_KEY);
      assert.equal(headers['anthropic-version'], '2023-06-01');
      assert.equal(headers.authorization, undefined);
    },
    read: (body) => ({ user: body.messages[0].content[0].text, system: body.system[0].text, maxTokens: body.max_tokens, temperature: body.temperature }),
  },
  google: {
    path: '/v1beta/models/gemini-pro:generateContent',
    auth: (headers) => {
      assert.equal(headers['x-goog-api-key'], TEST_KEY);
      assert.equal(headers.authorization, undefined);
    },
    read: (body) => ({
      user: body.contents[0].parts[0].text,
      system: body.systemInstruction.parts[0].text,
      maxTokens: body.generationConfig.maxOutputTokens,
      temperature: body.generationConfig.temperature,
    }),
  },
  moonshot: { path: '/v1/chat/completions', auth: bearer, read: openAiBody },
  zhipu: { path: '/api/paas/v4/chat/completions', auth: bearer, read: openAiBody },
  minimax: { path: '/v1/chat/completions', auth: bearer, read: openAiBody },
  openai: { path: '/v1/chat/completions', auth: bearer, read: openAiBody },
  openai_compatible: { path: '/v1/chat/completions', auth: bearer, read: openAiBody },
};

describe('providers speak their own wire format', () => {
  const fake = suiteFakeServer();

  test('all eight providers are listed', () => {
    assert.deepEqual(PROVIDERS.map((info) => info.id).sort(), Object.keys(EXPECTED).sort());
    assert.ok(isProvider('zhipu'));
    assert.ok(!isProvider('llama'));
  });

  for (const info of PROVIDERS) {
    test(`${info.id}: generates text through ${EXPECTED[info.id].path}`, async () => {
      fake.enqueue({ text: `Hello from ${info.id}`, usage: { promptTokens: 12, completionTokens: 5 } });
      const client = fakeClient(fake, info.id);
      const result = await client.generate({ messages: hello, system: 'Be brief.', maxTokens: 50, temperature: 0.3 });

      assert.equal(result.text, `Hello from ${info.id}`);
      assert.deepEqual(result.usage, { promptTokens: 12, completionTokens: 5, totalTokens: 17 });
      assert.equal(result.provider, info.id);
      assert.equal(result.model, info.defaultModel ?? 'llama3.1');
      assert.equal(result.cached, false);

      assert.equal(fake.requests.length, 1);
      const request = fake.requests[0]!;
      const expected = EXPECTED[info.id];
      assert.equal(request.method, 'POST');
      assert.equal(request.path, expected.path);
      expected.auth(request.headers);
      assert.deepEqual(expected.read(request.body), { user: 'Say hello', system: 'Be brief.', maxTokens: 50, temperature: 0.3 });
      if (info.wire !== 'gemini') assert.equal(request.body.model, result.model);
    });
  }
});

describe('base URLs', () => {
  test('defaults follow appendix C plus each API path', () => {
    assert.equal(resolveBaseUrl('deepseek'), 'https://api.deepseek.com');
    assert.equal(resolveBaseUrl('anthropic'), 'https://api.anthropic.com/v1');
    assert.equal(resolveBaseUrl('google'), 'https://generativelanguage.googleapis.com/v1beta');
    assert.equal(resolveBaseUrl('moonshot'), 'https://api.moonshot.cn/v1');
    assert.equal(resolveBaseUrl('zhipu'), 'https://open.bigmodel.cn/api/paas/v4');
    assert.equal(resolveBaseUrl('minimax'), 'https://api.minimax.chat/v1');
  });

  test('an api_base with a path is used as given; a bare origin gets the API path', () => {
    assert.equal(resolveBaseUrl('anthropic', 'https://proxy.example/anthropic/v1/'), 'https://proxy.example/anthropic/v1');
    assert.equal(resolveBaseUrl('anthropic', 'https://proxy.example'), 'https://proxy.example/v1');
    assert.equal(resolveBaseUrl('openai_compatible', 'http://localhost:11434/v1'), 'http://localhost:11434/v1');
  });
});
