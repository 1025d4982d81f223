import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PROVIDERS } from '../src/index.ts';
import { MemoryUsageRecorder } from '../src/testing/index.ts';
import { fakeClient, hello, suiteFakeServer } from './helpers.ts';

describe('streaming', () => {
  const fake = suiteFakeServer();

  for (const info of PROVIDERS) {
    test(`${info.id}: deltas arrive in order, then usage and cost`, async () => {
      const usage = new MemoryUsageRecorder();
      fake.enqueue({ text: 'Hello, streaming world', chunks: ['Hello', ', streaming', ' world'], usage: { promptTokens: 20, completionTokens: 6 } });
      const stream = fakeClient(fake, info.id, {}, { usage }).stream({ messages: hello, context: { projectId: 9 } });
      const deltas: string[] = [];
      for await (const delta of stream) deltas.push(delta);
      assert.deepEqual(deltas, ['Hello', ', streaming', ' world']);
      assert.deepEqual(await stream.usage, { promptTokens: 20, completionTokens: 6, totalTokens: 26 });
      const result = await stream.result;
      assert.equal(result.text, 'Hello, streaming world');
      assert.equal(fake.requests[0]!.stream, true);
      if (info.wire === 'gemini') assert.match(fake.requests[0]!.path, /:streamGenerateContent$/);
      assert.equal(usage.records.length, 1);
      assert.equal(usage.records[0]!.projectId, 9);
      assert.equal(usage.records[0]!.costUsd, result.costUsd);
    });
  }

  test('the usage promise alone drives the call', async () => {
    fake.enqueue({ text: 'unread', usage: { promptTokens: 3, completionTokens: 1 } });
    const stream = fakeClient(fake, 'deepseek').stream({ messages: hello });
    assert.deepEqual(await stream.usage, { promptTokens: 3, completionTokens: 1, totalTokens: 4 });
  });

  test('a reader that stops early cancels the request', async () => {
    const usage = new MemoryUsageRecorder();
    fake.enqueue({ text: 'abcdef', chunks: ['abc', 'def'], fault: 'stall' });
    const stream = fakeClient(fake, 'openai', {}, { usage }).stream({ messages: hello });
    for await (const delta of stream) {
      assert.equal(delta, 'abc');
      break;
    }
    await assert.rejects(stream.result, { kind: 'cancelled' });
    assert.equal(usage.records.length, 1);
    assert.equal(usage.records[0]!.status, 'cancelled');
    while (fake.requests[0]!.abortedAt === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
  });

  test('a stalled stream times out', async () => {
    fake.enqueue({ text: 'abcdef', chunks: ['abc', 'def'], fault: 'stall' });
    const stream = fakeClient(fake, 'anthropic', { timeoutMs: 200 }).stream({ messages: hello });
    const deltas: string[] = [];
    await assert.rejects(async () => {
      for await (const delta of stream) deltas.push(delta);
    }, { kind: 'timeout' });
    assert.deepEqual(deltas, ['abc', 'def']);
    assert.equal(fake.requests.length, 1, 'nothing is retried once text reached the reader');
  });

  test('a stream that keeps coming outlives the timeout: only silence counts', async () => {
    // About 2.4 s of events against a 1.5 s timeout; 0.3 s gaps (three of them after the last text) leave slack on a busy machine.
    const chunks = Array.from({ length: 5 }, (_, index) => `part${index} `);
    fake.enqueue({ text: chunks.join(''), chunks, eventDelayMs: 300 });
    const stream = fakeClient(fake, 'deepseek', { timeoutMs: 1500 }).stream({ messages: hello });
    let text = '';
    for await (const delta of stream) text += delta;
    assert.equal(text, chunks.join(''));
    assert.equal((await stream.result).text, chunks.join(''));
  });

  test('a stream can be read only once', async () => {
    const stream = fakeClient(fake, 'deepseek').stream({ messages: hello });
    for await (const delta of stream) assert.equal(delta, 'OK');
    await assert.rejects(async () => {
      for await (const _ of stream) assert.fail('read twice');
    }, /only once/);
  });
});
