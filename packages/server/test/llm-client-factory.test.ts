import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { LlmCallError, loadPriceTable } from '@resoftai/llm';
import { startFakeProviderServer, type FakeProviderServer, type FakeReply } from '@resoftai/llm/testing';
import { LlmResponseCacheRepository } from '../src/db/repositories/llm-response-cache.ts';
import { AppError } from '../src/errors.ts';
import type { Principal } from '../src/services/principal.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

const KEY = 'sk-factory-secret-0123456789-wxyz';
// USD per million tokens, laid over the bundled table as LLM_PRICES would be.
const PRICES = loadPriceTable({ LLM_PRICES: JSON.stringify({ deepseek: { models: { 'deepseek-chat': { input: 1, output: 2 } } } }) });
const hello = [{ role: 'user' as const, content: 'Say hello' }];

let t: TestApp;
let fake: FakeProviderServer;
before(async () => {
  [t, fake] = await Promise.all([createTestApp({ llmPrices: PRICES }), startFakeProviderServer()]);
});
beforeEach(() => fake.reset());
after(async () => {
  await fake.close();
  await t.close();
});

async function principalOf(user: TestUser): Promise<Principal> {
  const principal = await t.app.services.auth.authenticate(user.accessToken, { ipAddress: '127.0.0.1', userAgent: 'test' });
  assert.ok(principal);
  return principal;
}

async function createConfig(user: TestUser, payload: Record<string, unknown> = {}): Promise<number> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/llm-configs',
    headers: user.auth,
    payload: { name: 'fake deepseek', provider: 'deepseek', api_key: KEY, api_base: fake.baseUrlFor('deepseek'), ...payload },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json().id;
}

interface UsageRow {
  user_id: number;
  project_id: number | null;
  stage: string | null;
  agent: string | null;
  provider: string;
  model: string;
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: string;
  cached: boolean;
  status: string;
  error: string | null;
}

const usageOf = (configId: number) =>
  queryRows<UsageRow>(
    t.database,
    sql`SELECT user_id, project_id, stage, agent, provider, model, prompt_tokens, completion_tokens, cost_usd, cached, status, error
        FROM llm_usage WHERE llm_config_id = ${configId} ORDER BY id`,
  );

function assertLlm002(error: unknown): true {
  assert.ok(error instanceof AppError);
  assert.equal(error.statusCode, 422);
  assert.equal(error.errorCode, 'LLM_002');
  return true;
}

describe('forConfig builds clients from stored configs', () => {
  test('every call writes a usage record with the context, tokens and cost from the price table', async () => {
    const user = await createUser(t.app);
    const id = await createConfig(user);
    const client = await t.app.services.llmClients.forConfig(await principalOf(user), id);
    fake.enqueue({ text: 'Hi', usage: { promptTokens: 1000, completionTokens: 500 } });
    const result = await client.generate({ messages: hello, context: { projectId: 42, stage: 'development', agent: 'DeveloperAgent' } });
    assert.equal(result.text, 'Hi');
    assert.equal(result.costUsd, 0.002);
    assert.equal(fake.requests[0]!.headers.authorization, `Bearer ${KEY}`);

    const [row] = await usageOf(id);
    assert.deepEqual({ ...row!, cost_usd: Number(row!.cost_usd) }, {
      user_id: user.id,
      project_id: 42,
      stage: 'development',
      agent: 'DeveloperAgent',
      provider: 'deepseek',
      model: 'deepseek-chat',
      prompt_tokens: 1000,
      completion_tokens: 500,
      cost_usd: 0.002,
      cached: false,
      status: 'success',
      error: null,
    });
  });

  test('a failed call is recorded with its status and reason', async () => {
    const user = await createUser(t.app);
    const id = await createConfig(user);
    const client = await t.app.services.llmClients.forConfig(await principalOf(user), id);
    fake.enqueue({ status: 400, errorMessage: 'context too long' });
    await assert.rejects(client.generate({ messages: hello }), LlmCallError);
    const [row] = await usageOf(id);
    assert.equal(row!.status, 'error');
    assert.match(row!.error!, /HTTP 400.*context too long/);
  });

  test("'default' resolves to the user's default config", async () => {
    const user = await createUser(t.app);
    await createConfig(user, { name: 'first' });
    const second = await createConfig(user, { name: 'second', model: 'deepseek-reasoner', is_default: true });
    const client = await t.app.services.llmClients.forConfig(await principalOf(user), 'default');
    assert.equal(client.model, 'deepseek-reasoner');
    await client.generate({ messages: hello });
    assert.equal((await usageOf(second)).length, 1);
  });

  test('the client is reused while the config is unchanged and rebuilt after an update', async () => {
    const user = await createUser(t.app);
    const principal = await principalOf(user);
    const id = await createConfig(user);
    const factory = t.app.services.llmClients;
    const first = await factory.forConfig(principal, id);
    assert.equal(await factory.forConfig(principal, id), first);
    await t.app.inject({ method: 'PUT', url: `/api/llm-configs/${id}`, headers: user.auth, payload: { model: 'deepseek-reasoner' } });
    const updated = await factory.forConfig(principal, id);
    assert.notEqual(updated, first);
    assert.equal(updated.model, 'deepseek-reasoner');
  });

  test('max_concurrency holds across callers of the same config', async () => {
    const user = await createUser(t.app);
    const principal = await principalOf(user);
    const factory = t.app.services.llmClients;
    for (const [limit, expectedWhileBlocked] of [[1, 1], [2, 2]] as const) {
      fake.reset();
      const id = await createConfig(user, { name: `limit ${limit}`, config: { max_concurrency: limit } });
      let release!: () => void;
      const gate = new Promise<FakeReply>((resolve) => { release = () => resolve({ text: 'done' }); });
      fake.respondWith(() => gate);
      const calls = [
        (await factory.forConfig(principal, id)).generate({ messages: hello }),
        (await factory.forConfig(principal, id)).generate({ messages: hello }),
      ];
      while (fake.requests.length === 0) await sleep(5);
      // Give a second request every chance to go out if the limit allowed it.
      await sleep(100);
      assert.equal(fake.requests.length, expectedWhileBlocked, `max_concurrency ${limit}`);
      release();
      await Promise.all(calls);
      assert.equal(fake.requests.length, 2);
    }
  });
});

describe('forConfig refuses configs that cannot be used', () => {
  test('no default config: LLM_002 (422)', async () => {
    const user = await createUser(t.app);
    const principal = await principalOf(user);
    await assert.rejects(t.app.services.llmClients.forConfig(principal, 'default'), assertLlm002);
    const id = await createConfig(user, { is_default: false });
    await assert.rejects(t.app.services.llmClients.forConfig(principal, 'default'), assertLlm002);
    assert.ok(await t.app.services.llmClients.forConfig(principal, id));
  });

  test('an inactive config: LLM_002 (422)', async () => {
    const user = await createUser(t.app);
    const id = await createConfig(user, { is_active: false, is_default: true });
    const principal = await principalOf(user);
    await assert.rejects(t.app.services.llmClients.forConfig(principal, id), assertLlm002);
    await assert.rejects(t.app.services.llmClients.forConfig(principal, 'default'), assertLlm002);
  });

  test("another user's config: 404, as if it did not exist", async () => {
    const owner = await createUser(t.app);
    const intruder = await createUser(t.app);
    const id = await createConfig(owner);
    await assert.rejects(t.app.services.llmClients.forConfig(await principalOf(intruder), id), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.statusCode, 404);
      return true;
    });
    assert.equal(fake.requests.length, 0);
  });

  test('a deleted config: 404', async () => {
    const user = await createUser(t.app);
    const principal = await principalOf(user);
    const id = await createConfig(user);
    await t.app.services.llmClients.forConfig(principal, id);
    await t.app.inject({ method: 'DELETE', url: `/api/llm-configs/${id}`, headers: user.auth });
    await assert.rejects(t.app.services.llmClients.forConfig(principal, id), (error: unknown) => error instanceof AppError && error.statusCode === 404);
  });
});

describe('the response cache', () => {
  test('with useCache a repeated call is a hit: no request, zero cost, recorded as cached', async () => {
    const user = await createUser(t.app);
    const id = await createConfig(user);
    const client = await t.app.services.llmClients.forConfig(await principalOf(user), id);
    fake.enqueue({ text: 'cached answer', usage: { promptTokens: 100, completionTokens: 50 } });
    const first = await client.generate({ messages: hello, useCache: true, context: { projectId: 1 } });
    const second = await client.generate({ messages: hello, useCache: true, context: { projectId: 1 } });
    assert.equal(fake.requests.length, 1);
    assert.equal(first.cached, false);
    assert.ok(first.costUsd > 0);
    assert.equal(second.cached, true);
    assert.equal(second.costUsd, 0);
    assert.equal(second.text, 'cached answer');
    const rows = await usageOf(id);
    assert.deepEqual(rows.map((r) => [r.cached, Number(r.cost_usd)]), [[false, first.costUsd], [true, 0]]);
  });

  test('without useCache every call goes to the provider', async () => {
    const user = await createUser(t.app);
    const client = await t.app.services.llmClients.forConfig(await principalOf(user), await createConfig(user));
    await client.generate({ messages: hello });
    await client.generate({ messages: hello });
    assert.equal(fake.requests.length, 2);
  });

  test("one user's cached replies are not served to another", async () => {
    const alice = await createUser(t.app);
    const bob = await createUser(t.app);
    const aliceClient = await t.app.services.llmClients.forConfig(await principalOf(alice), await createConfig(alice));
    const bobClient = await t.app.services.llmClients.forConfig(await principalOf(bob), await createConfig(bob));
    await aliceClient.generate({ messages: hello, useCache: true });
    const bobs = await bobClient.generate({ messages: hello, useCache: true });
    assert.equal(bobs.cached, false);
    assert.equal(fake.requests.length, 2);
  });

  test('expired entries are ignored and purged', async () => {
    let now = new Date('2025-01-01T00:00:00Z');
    const cache = new LlmResponseCacheRepository(t.database.db, () => now);
    const reply = { text: 't', usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 }, model: 'm' };
    await cache.set('scope-ttl', 'k1', reply, 60);
    await cache.set('scope-ttl', 'k2', reply, 3600);
    assert.deepEqual(await cache.get('scope-ttl', 'k1'), reply);
    assert.equal(await cache.get('other-scope', 'k1'), undefined);

    now = new Date(now.getTime() + 61_000);
    assert.equal(await cache.get('scope-ttl', 'k1'), undefined);
    const keys = async () => (await queryRows<{ key: string }>(t.database, sql`SELECT key FROM llm_response_cache WHERE scope = 'scope-ttl' ORDER BY key`)).map((r) => r.key);
    assert.deepEqual(await keys(), ['k2'], 'the expired entry was deleted when read');

    now = new Date(now.getTime() + 3600_000);
    assert.equal(await cache.purgeExpired(), 1);
    assert.deepEqual(await keys(), []);
  });
});
