import { createLlmClient, type LlmClient, type LlmClientConfig, type LlmDeps, type ProviderId } from '../src/index.ts';
import { after, before, beforeEach } from 'node:test';
import { startFakeProviderServer, type FakeProviderServer } from '../src/testing/index.ts';

export const TEST_KEY = 'sk-test-secret-abcd1234';

/** A client for `provider` pointed at the fake server, with fast retries. */
export function fakeClient(fake: FakeProviderServer, provider: ProviderId, config: Partial<LlmClientConfig> = {}, deps: LlmDeps = {}): LlmClient {
  return createLlmClient(
    {
      provider,
      model: provider === 'openai_compatible' ? 'llama3.1' : undefined,
      apiKey: TEST_KEY,
      apiBase: fake.baseUrlFor(provider),
      retryBaseDelayMs: 10,
      ...config,
    },
    deps,
  );
}

export const hello = [{ role: 'user' as const, content: 'Say hello' }];

/**
 * A fake provider server for the enclosing suite: started before it, reset before each test,
 * closed after it. The returned handle forwards to the running server.
 */
export function suiteFakeServer(): FakeProviderServer {
  let current: FakeProviderServer | undefined;
  before(async () => { current = await startFakeProviderServer(); });
  beforeEach(() => current?.reset());
  after(async () => { await current?.close(); });
  return new Proxy({} as FakeProviderServer, {
    get: (_, property) => {
      if (!current) throw new Error('the fake provider server runs only inside the suite');
      return Reflect.get(current, property);
    },
  });
}
