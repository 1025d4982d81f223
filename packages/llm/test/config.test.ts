import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLlmClient, LlmConfigError, probeLlmConfig, type LlmClientConfig } from '../src/index.ts';
import { MemoryUsageRecorder } from '../src/testing/index.ts';
import { fakeClient, hello, TEST_KEY, suiteFakeServer } from './helpers.ts';

function configError(config: Partial<LlmClientConfig>, field: string, message: RegExp): void {
  assert.throws(
    () => createLlmClient({ provider: 'deepseek', apiKey: 'sk-1', ...config } as LlmClientConfig),
    (error: unknown) => error instanceof LlmConfigError && error.code === 'LLM_002' && error.field === field && message.test(error.message),
  );
}

describe('config validation (LLM_002)', () => {
  test('unknown provider', () => configError({ provider: 'llama' }, 'provider', /^Invalid provider: llama$/));
  test('empty key', () => configError({ apiKey: '  ' }, 'apiKey', /apiKey/));
  test('api_base that is not http(s)', () => configError({ apiBase: 'ftp://example.com' }, 'apiBase', /http\(s\)/));
  test('api_base that is not a URL', () => configError({ apiBase: 'not a url' }, 'apiBase', /http\(s\)/));
  test('temperature outside 0–2', () => configError({ defaults: { temperature: 2.5 } }, 'defaults.temperature', /between 0 and 2/));
  test('max tokens of zero', () => configError({ defaults: { maxTokens: 0 } }, 'defaults.maxTokens', /positive/));
  test('openai_compatible needs api_base and model', () => {
    configError({ provider: 'openai_compatible' }, 'model', /model is required/);
    configError({ provider: 'openai_compatible', model: 'llama3' }, 'apiBase', /apiBase is required/);
  });
  test('openai_compatible may go without a key', () => {
    const client = createLlmClient({ provider: 'openai_compatible', model: 'llama3', apiKey: '', apiBase: 'http://127.0.0.1:11434/v1' });
    assert.equal(client.model, 'llama3');
  });
  test('the default model comes from the provider table', () => {
    assert.equal(createLlmClient({ provider: 'zhipu', apiKey: 'k' }).model, 'glm-4');
  });
  test('per-call options are checked too', async () => {
    const client = createLlmClient({ provider: 'deepseek', apiKey: 'k', apiBase: 'http://127.0.0.1:9' });
    await assert.rejects(client.generate({ messages: hello, temperature: -1 }), LlmConfigError);
    await assert.rejects(client.generate({ messages: [] }), /messages must be a non-empty list/);
    await assert.rejects(client.generate({ messages: hello, useCache: true }), /ResponseCache/);
  });
});

describe('probeLlmConfig (the one-line test call)', () => {
  const fake = suiteFakeServer();

  test('a working config answers with the model, time and output', async () => {
    fake.enqueue({ text: 'Hello! How can I assist you today?' });
    const usage = new MemoryUsageRecorder();
    const probe = await probeLlmConfig({ provider: 'google', apiKey: TEST_KEY, apiBase: fake.baseUrlFor('google') }, { usage }, { context: { userId: 1 } });
    assert.equal(probe.success, true);
    assert.equal(probe.model, 'gemini-pro');
    assert.equal(probe.output, 'Hello! How can I assist you today?');
    assert.ok(probe.responseTimeMs >= 0);
    assert.equal(usage.records[0]?.userId, 1);
  });

  test('a refusing provider gives success:false with the reason and no retry', async () => {
    fake.enqueue({ status: 401, errorMessage: 'Invalid API key' });
    const probe = await probeLlmConfig({ provider: 'anthropic', apiKey: TEST_KEY, apiBase: fake.baseUrlFor('anthropic') });
    assert.equal(probe.success, false);
    assert.deepEqual(probe.error, { kind: 'http', status: 401, reason: 'Invalid API key' });
    assert.equal(fake.requests.length, 1);
  });

  test('an unreachable provider gives success:false', async () => {
    const probe = await probeLlmConfig({ provider: 'deepseek', apiKey: TEST_KEY, apiBase: 'http://127.0.0.1:9' });
    assert.equal(probe.success, false);
    assert.equal(probe.error?.kind, 'network');
  });

  test('an invalid config throws LLM_002', async () => {
    await assert.rejects(probeLlmConfig({ provider: 'nope', apiKey: 'k' }), LlmConfigError);
  });

  test('a client built by a helper works as well', async () => {
    fake.enqueue({ text: 'fine' });
    assert.equal((await fakeClient(fake, 'minimax').generate({ messages: hello })).text, 'fine');
  });
});
