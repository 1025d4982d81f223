import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LlmCallError, type ProviderId } from '../src/index.ts';
import { MemoryUsageRecorder } from '../src/testing/index.ts';
import { fakeClient, hello, TEST_KEY, suiteFakeServer } from './helpers.ts';

async function rejection(promise: Promise<unknown>): Promise<LlmCallError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LlmCallError, `expected LlmCallError, got ${String(error)}`);
    assert.equal(error.code, 'LLM_001');
    assert.ok(!error.message.includes(TEST_KEY), 'the key must never appear in an error');
    return error;
  }
  assert.fail('expected the call to fail');
}

async function drain(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const delta of stream) text += delta;
  return text;
}

describe('retries, cancellation and timeouts', () => {
  const fake = suiteFakeServer();

  test('a 429 with Retry-After: 1 is retried after about a second', async () => {
    fake.enqueue({ status: 429, headers: { 'retry-after': '1' }, errorMessage: 'slow down' }, { text: 'finally' });
    const result = await fakeClient(fake, 'deepseek').generate({ messages: hello });
    assert.equal(result.text, 'finally');
    assert.equal(fake.requests.length, 2);
    const waited = fake.requests[1]!.receivedAt - fake.requests[0]!.receivedAt;
    assert.ok(waited >= 1000, `waited only ${waited} ms`);
  });

  test('500s are retried with back-off until one succeeds', async () => {
    fake.enqueue({ status: 500 }, { status: 503 }, { text: 'recovered' });
    const result = await fakeClient(fake, 'anthropic').generate({ messages: hello });
    assert.equal(result.text, 'recovered');
    assert.equal(fake.requests.length, 3);
  });

  test('a dropped connection is retried', async () => {
    fake.enqueue({ fault: 'reset' }, { text: 'second try' });
    const result = await fakeClient(fake, 'google').generate({ messages: hello });
    assert.equal(result.text, 'second try');
    assert.equal(fake.requests.length, 2);
  });

  test('retries stop at maxRetries with the provider status', async () => {
    fake.enqueue({ status: 500 }, { status: 500 }, { status: 500 });
    const error = await rejection(fakeClient(fake, 'deepseek', { maxRetries: 1 }).generate({ messages: hello }));
    assert.equal(error.status, 500);
    assert.equal(fake.requests.length, 2);
  });

  for (const status of [400, 401]) {
    test(`no retry on ${status}; the reason is the provider's message`, async () => {
      fake.enqueue({ status, errorMessage: `bad thing ${status}` }, { text: 'never reached' });
      const error = await rejection(fakeClient(fake, 'openai').generate({ messages: hello }));
      assert.equal(error.kind, 'http');
      assert.equal(error.status, status);
      assert.equal(error.reason, `bad thing ${status}`);
      assert.equal(fake.requests.length, 1);
    });
  }

  test('a provider message echoing the key is redacted', async () => {
    fake.enqueue({ status: 401, errorMessage: `Incorrect API key provided: ${TEST_KEY}` });
    const error = await rejection(fakeClient(fake, 'moonshot').generate({ messages: hello }));
    assert.match(error.reason, /\[redacted\]/);
  });

  test('cancelling stops the HTTP request at once and records a cancelled call', async () => {
    fake.enqueue({ fault: 'hang' });
    const usage = new MemoryUsageRecorder();
    const controller = new AbortController();
    const call = fakeClient(fake, 'deepseek', {}, { usage }).generate({ messages: hello, signal: controller.signal });
    while (fake.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = await rejection(call);
    assert.equal(error.kind, 'cancelled');
    while (fake.requests[0]!.abortedAt === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(fake.requests.length, 1, 'a cancelled call is not retried');
    assert.equal(usage.records.length, 1);
    assert.equal(usage.records[0]!.status, 'cancelled');
  });

  test('an already aborted signal sends nothing', async () => {
    const error = await rejection(fakeClient(fake, 'deepseek').generate({ messages: hello, signal: AbortSignal.abort() }));
    assert.equal(error.kind, 'cancelled');
    assert.equal(fake.requests.length, 0);
  });

  test('a hanging provider times out', async () => {
    fake.enqueue({ fault: 'hang' }, { fault: 'hang' }, { fault: 'hang' });
    const error = await rejection(fakeClient(fake, 'zhipu', { timeoutMs: 200 }).generate({ messages: hello }));
    assert.equal(error.kind, 'timeout');
  });

  test('calls beyond maxConcurrency wait for a slot', async () => {
    let inFlight = 0;
    let peak = 0;
    fake.respondWith(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight--;
      return { text: 'ok' };
    });
    const client = fakeClient(fake, 'deepseek', { maxConcurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, () => client.generate({ messages: hello })));
    assert.equal(peak, 2);
    assert.equal(fake.requests.length, 6);
  });

  test('streaming: cancelling mid-stream rejects the reader and the usage promise', async () => {
    fake.enqueue({ text: 'abc', delayMs: 10_000 });
    const controller = new AbortController();
    const stream = fakeClient(fake, 'anthropic').stream({ messages: hello, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await rejection(drain(stream));
    const error = await rejection(stream.usage);
    assert.equal(error.kind, 'cancelled');
  });

  test('streaming: a 429 before the first delta is retried', async () => {
    fake.enqueue({ status: 429, headers: { 'retry-after': '0' } }, { text: 'streamed after retry' });
    const stream = fakeClient(fake, 'deepseek').stream({ messages: hello });
    assert.equal(await drain(stream), 'streamed after retry');
    assert.equal(fake.requests.length, 2);
  });
});

describe('bad answers become LLM_001, never a crash or a hang', () => {
  const fake = suiteFakeServer();

  const providers: ProviderId[] = ['deepseek', 'anthropic', 'google'];
  for (const provider of providers) {
    test(`${provider}: garbage body`, async () => {
      fake.enqueue({ fault: 'malformed' });
      const error = await rejection(fakeClient(fake, provider).generate({ messages: hello }));
      assert.equal(error.kind, 'malformed_response');
      assert.equal(fake.requests.length, 1);
    });

    test(`${provider}: empty choices`, async () => {
      fake.enqueue({ fault: 'empty' });
      const error = await rejection(fakeClient(fake, provider).generate({ messages: hello }));
      assert.ok(['empty_response', 'malformed_response'].includes(error.kind), error.kind);
    });

    test(`${provider}: truncated stream`, async () => {
      fake.enqueue({ text: 'this answer gets cut off', fault: 'truncated' });
      const stream = fakeClient(fake, provider).stream({ messages: hello });
      const error = await rejection(drain(stream));
      assert.equal(error.kind, 'truncated_stream');
      await rejection(stream.result);
    });

    test(`${provider}: garbage stream`, async () => {
      fake.enqueue({ fault: 'malformed' });
      await rejection(drain(fakeClient(fake, provider).stream({ messages: hello })));
    });

    test(`${provider}: empty stream`, async () => {
      fake.enqueue({ fault: 'empty' });
      await rejection(drain(fakeClient(fake, provider).stream({ messages: hello })));
    });
  }
});
