import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { z } from 'zod';
import { cacheKey, computeCost, DEFAULT_PRICES, loadPriceTable, priceFor } from '../src/index.ts';
import { MemoryResponseCache, MemoryUsageRecorder } from '../src/testing/index.ts';
import { fakeClient, hello, suiteFakeServer } from './helpers.ts';

describe('prices', () => {
  test('cost is tokens times the price per million', () => {
    const prices = { deepseek: { default: { input: 1, output: 2 }, models: { 'deepseek-chat': { input: 0.5, output: 1.5 } } } };
    assert.equal(computeCost(prices, 'deepseek', 'deepseek-chat', { promptTokens: 2_000_000, completionTokens: 1_000_000 }), 2.5);
    assert.equal(computeCost(prices, 'deepseek', 'something-else', { promptTokens: 1_000_000, completionTokens: 0 }), 1);
  });

  test('a dated model version takes the price of its longest listed prefix', () => {
    assert.deepEqual(priceFor(DEFAULT_PRICES, 'anthropic', 'claude-3-5-haiku-20241022'), { input: 0.8, output: 4 });
    assert.deepEqual(priceFor(DEFAULT_PRICES, 'openai', 'gpt-4o-mini-2024-07-18'), { input: 0.15, output: 0.6 });
  });

  test('LLM_PRICES overrides the bundled table model by model', () => {
    const table = loadPriceTable({ LLM_PRICES: JSON.stringify({ deepseek: { models: { 'deepseek-chat': { input: 9, output: 9 } } }, zhipu: { default: { input: 1, output: 1 } } }) });
    assert.deepEqual(priceFor(table, 'deepseek', 'deepseek-chat'), { input: 9, output: 9 });
    assert.deepEqual(priceFor(table, 'deepseek', 'deepseek-reasoner'), DEFAULT_PRICES.deepseek!.models['deepseek-reasoner']);
    assert.deepEqual(priceFor(table, 'zhipu', 'glm-unknown'), { input: 1, output: 1 });
    assert.equal(loadPriceTable({}), DEFAULT_PRICES);
  });

  test('a bad LLM_PRICES names the variable and the problem', () => {
    assert.throws(() => loadPriceTable({ LLM_PRICES: '{not json' }), /LLM_PRICES is not valid JSON/);
    assert.throws(() => loadPriceTable({ LLM_PRICES: '{"deepseek": {"default": {"input": -1, "output": 1}}}' }), /LLM_PRICES is invalid: deepseek\.default\.input/);
    assert.throws(() => loadPriceTable({ LLM_PRICES: '{"llama": {"default": {"input": 1, "output": 1}}}' }), /LLM_PRICES is invalid/);
  });
});

describe('cacheKey', () => {
  const base = { provider: 'deepseek', model: 'deepseek-chat', parameters: { temperature: 0.2, system: 'x' }, messages: hello };

  test('is a SHA-256 hex independent of key order', () => {
    const key = cacheKey(base);
    assert.match(key, /^[0-9a-f]{64}$/);
    assert.equal(key, cacheKey({ ...base, parameters: { system: 'x', temperature: 0.2 } }));
  });

  test('changes with provider, model, parameters and messages', () => {
    const key = cacheKey(base);
    assert.notEqual(key, cacheKey({ ...base, provider: 'zhipu' }));
    assert.notEqual(key, cacheKey({ ...base, model: 'deepseek-reasoner' }));
    assert.notEqual(key, cacheKey({ ...base, parameters: { temperature: 0.3, system: 'x' } }));
    assert.notEqual(key, cacheKey({ ...base, messages: [{ role: 'user', content: 'Say bye' }] }));
  });
});

describe('usage records and the response cache', () => {
  const fake = suiteFakeServer();
  let usage: MemoryUsageRecorder;
  beforeEach(() => { usage = new MemoryUsageRecorder(); });

  test('a successful call writes one record with context, tokens and cost', async () => {
    fake.enqueue({ status: 429, headers: { 'retry-after': '0' } }, { text: 'hi', usage: { promptTokens: 1000, completionTokens: 500 } });
    const context = { userId: 7, projectId: 3, stage: 'requirements_analysis', agent: 'RequirementsAnalystAgent' };
    const result = await fakeClient(fake, 'deepseek', {}, { usage }).generate({ messages: hello, context });
    const expectedCost = computeCost(DEFAULT_PRICES, 'deepseek', 'deepseek-chat', result.usage);
    assert.ok(expectedCost > 0);
    assert.equal(result.costUsd, expectedCost);
    assert.equal(usage.records.length, 1, 'one record per call, retries included');
    const record = usage.records[0]!;
    assert.deepEqual({ ...record, latencyMs: 0 }, {
      ...context,
      provider: 'deepseek',
      model: 'deepseek-chat',
      promptTokens: 1000,
      completionTokens: 500,
      latencyMs: 0,
      costUsd: expectedCost,
      cached: false,
      status: 'success',
    });
    assert.ok(record.latencyMs >= 0);
  });

  test('a failed call writes one error record with the reason', async () => {
    fake.enqueue({ status: 401, errorMessage: 'invalid key' });
    await assert.rejects(fakeClient(fake, 'google', {}, { usage }).generate({ messages: hello }));
    assert.equal(usage.records.length, 1);
    assert.equal(usage.records[0]!.status, 'error');
    assert.equal(usage.records[0]!.costUsd, 0);
    assert.match(usage.records[0]!.error ?? '', /HTTP 401.*invalid key/);
  });

  test('prices given to the client are used', async () => {
    fake.enqueue({ text: 'hi', usage: { promptTokens: 1_000_000, completionTokens: 1_000_000 } });
    const prices = { moonshot: { default: { input: 2, output: 3 }, models: {} } };
    const result = await fakeClient(fake, 'moonshot', {}, { usage, prices }).generate({ messages: hello });
    assert.equal(result.costUsd, 5);
  });

  test('a repeated call with the cache on is a hit with zero cost', async () => {
    const cache = new MemoryResponseCache();
    const client = fakeClient(fake, 'zhipu', {}, { usage, cache });
    fake.enqueue({ text: 'first answer', usage: { promptTokens: 100, completionTokens: 50 } });
    const first = await client.generate({ messages: hello, useCache: true });
    const second = await client.generate({ messages: hello, useCache: true });
    assert.equal(fake.requests.length, 1);
    assert.equal(first.cached, false);
    assert.ok(first.costUsd > 0);
    assert.equal(second.text, 'first answer');
    assert.equal(second.cached, true);
    assert.equal(second.costUsd, 0);
    assert.deepEqual(usage.records.map((record) => [record.cached, record.costUsd, record.status]), [
      [false, first.costUsd, 'success'],
      [true, 0, 'success'],
    ]);
  });

  test('different parameters miss the cache; useCache off never reads it', async () => {
    const cache = new MemoryResponseCache();
    const client = fakeClient(fake, 'zhipu', {}, { usage, cache });
    await client.generate({ messages: hello, useCache: true, temperature: 0.1 });
    await client.generate({ messages: hello, useCache: true, temperature: 0.9 });
    await client.generate({ messages: hello, temperature: 0.1 });
    assert.equal(fake.requests.length, 3);
    assert.equal(cache.size, 2);
  });

  test('cached objects are validated again and a stream can be served from the cache', async () => {
    const cache = new MemoryResponseCache();
    const client = fakeClient(fake, 'openai', {}, { usage, cache });
    const Answer = z.object({ answer: z.number() });
    fake.enqueue({ json: { answer: 42 } });
    await client.generate({ messages: hello, schema: Answer, useCache: true });
    const hit = await client.generate({ messages: hello, schema: Answer, useCache: true });
    assert.deepEqual(hit.object, { answer: 42 });
    assert.equal(hit.cached, true);

    fake.enqueue({ text: 'streamed once' });
    const chat = [{ role: 'user' as const, content: 'stream please' }];
    let streamed = '';
    for await (const delta of client.stream({ messages: chat, useCache: true })) streamed += delta;
    const replay = client.stream({ messages: chat, useCache: true });
    let replayed = '';
    for await (const delta of replay) replayed += delta;
    assert.equal(replayed, streamed);
    assert.equal((await replay.result).cached, true);
    assert.equal(fake.requests.length, 2);
  });

  test('an entry past its TTL is a miss', async () => {
    let now = 1_000_000;
    const cache = new MemoryResponseCache(() => now);
    const client = fakeClient(fake, 'deepseek', {}, { cache, cacheTtlSeconds: 60 });
    await client.generate({ messages: hello, useCache: true });
    now += 61_000;
    await client.generate({ messages: hello, useCache: true });
    assert.equal(fake.requests.length, 2);
  });
});
