import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

const KEY = 'sk-live-0123456789abcdefghij-wxyz';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

async function createConfig(user: TestUser, payload: Record<string, unknown> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/llm-configs',
    headers: user.auth,
    payload: { name: 'DeepSeek', provider: 'deepseek', model: 'deepseek-chat', api_key: KEY, ...payload },
  });
}

async function listConfigs(user: TestUser) {
  return (await t.app.inject({ method: 'GET', url: '/api/llm-configs', headers: user.auth })).json() as { id: number; is_default: boolean; name: string }[];
}

describe('create, read, update, delete', () => {
  test('create answers 201 with the documented fields and a mask instead of the key', async () => {
    const user = await createUser(t.app);
    const response = await createConfig(user, {
      name: '我的DeepSeek配置',
      api_base: 'https://api.deepseek.com',
      is_default: true,
      config: { temperature: 0.7, max_tokens: 4000, top_p: 0.9 },
    });
    assert.equal(response.statusCode, 201);
    const body = response.json();
    assert.equal(body.user_id, user.id);
    assert.equal(body.name, '我的DeepSeek配置');
    assert.equal(body.provider, 'deepseek');
    assert.equal(body.model, 'deepseek-chat');
    assert.equal(body.is_default, true);
    assert.equal(body.is_active, true);
    assert.equal(body.api_base, 'https://api.deepseek.com');
    assert.deepEqual(body.config, { temperature: 0.7, max_tokens: 4000, top_p: 0.9 });
    assert.equal(body.api_key_mask, 'sk-l…wxyz');
    assert.ok(typeof body.created_at === 'string' && typeof body.id === 'number');
    assert.ok(!response.body.includes(KEY));
    assert.ok(!('api_key' in body));

    const listed = await t.app.inject({ method: 'GET', url: '/api/llm-configs', headers: user.auth });
    assert.equal(listed.statusCode, 200);
    assert.deepEqual(listed.json(), [body]);
    assert.ok(!listed.body.includes(KEY));
    const one = await t.app.inject({ method: 'GET', url: `/api/llm-configs/${body.id}`, headers: user.auth });
    assert.deepEqual(one.json(), body);
  });

  test('the model defaults to the provider default; short keys are masked more', async () => {
    const user = await createUser(t.app);
    const response = await createConfig(user, { provider: 'anthropic', model: undefined, api_key: 'sk-short-key' });
    assert.equal(response.statusCode, 201);
    assert.equal(response.json().model, 'claude-3-sonnet');
    assert.equal(response.json().api_key_mask, 'sk…ey');
  });

  test('PUT is partial: config merges key by key, null removes a key, other fields stay', async () => {
    const user = await createUser(t.app);
    const created = (await createConfig(user, { config: { temperature: 0.7, max_tokens: 4000, top_p: 0.9 } })).json();
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/llm-configs/${created.id}`,
      headers: user.auth,
      payload: { name: '更新的配置名称', config: { temperature: 0.8, top_p: null } },
    });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.name, '更新的配置名称');
    assert.deepEqual(body.config, { temperature: 0.8, max_tokens: 4000 });
    assert.equal(body.provider, 'deepseek');
    assert.equal(body.api_key_mask, created.api_key_mask);
    assert.ok(Date.parse(body.updated_at) >= Date.parse(created.updated_at));

    const rekeyed = await t.app.inject({ method: 'PUT', url: `/api/llm-configs/${created.id}`, headers: user.auth, payload: { api_key: 'sk-new-secret-value-9876543210' } });
    assert.equal(rekeyed.statusCode, 200);
    assert.equal(rekeyed.json().api_key_mask, 'sk-n…3210');

    const moved = await t.app.inject({ method: 'PUT', url: `/api/llm-configs/${created.id}`, headers: user.auth, payload: { provider: 'zhipu' } });
    assert.equal(moved.statusCode, 200);
    assert.equal(moved.json().model, 'glm-4', 'a new provider without a model gets its default model');
  });

  test('DELETE answers 204 and the config is gone', async () => {
    const user = await createUser(t.app);
    const created = (await createConfig(user)).json();
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/llm-configs/${created.id}`, headers: user.auth });
    assert.equal(deleted.statusCode, 204);
    assert.equal(deleted.body, '');
    assert.deepEqual(await listConfigs(user), []);
    const again = await t.app.inject({ method: 'DELETE', url: `/api/llm-configs/${created.id}`, headers: user.auth });
    assert.equal(again.statusCode, 404);
  });

  test('every route needs authentication', async () => {
    for (const [method, url] of [['GET', '/api/llm-configs'], ['POST', '/api/llm-configs'], ['PUT', '/api/llm-configs/1'], ['DELETE', '/api/llm-configs/1'], ['POST', '/api/llm-configs/1/test']] as const) {
      const response = await t.app.inject({ method, url });
      assert.equal(response.statusCode, 401, `${method} ${url}`);
    }
  });
});

describe('the API key at rest', () => {
  test('the stored value is AES-GCM sealed: neither the key nor its base64 appears in the row', async () => {
    const user = await createUser(t.app);
    const created = (await createConfig(user)).json();
    const [row] = await queryRows<Record<string, unknown>>(t.database, sql`SELECT * FROM llm_configs WHERE id = ${created.id}`);
    const stored = JSON.stringify(row);
    assert.ok(!stored.includes(KEY));
    assert.ok(!stored.includes(Buffer.from(KEY).toString('base64')));
    assert.ok(!stored.includes(Buffer.from(KEY).toString('base64url')));
    assert.ok(!stored.includes(Buffer.from(KEY).toString('hex')));
    assert.match(String(row!.api_key_sealed), /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);

    const second = (await createConfig(user, { name: 'same key' })).json();
    const [other] = await queryRows<{ api_key_sealed: string }>(t.database, sql`SELECT api_key_sealed FROM llm_configs WHERE id = ${second.id}`);
    assert.notEqual(other!.api_key_sealed, row!.api_key_sealed, 'a fresh IV per record');
  });

  test('a tampered ciphertext is refused when the key is needed, and never returned', async () => {
    const user = await createUser(t.app);
    const created = (await createConfig(user)).json();
    const [row] = await queryRows<{ api_key_sealed: string }>(t.database, sql`SELECT api_key_sealed FROM llm_configs WHERE id = ${created.id}`);
    const [version, iv, tag, body] = row!.api_key_sealed.split('.');
    const bytes = Buffer.from(body!, 'base64url');
    bytes[0]! ^= 0x01;
    const tampered = [version, iv, tag, bytes.toString('base64url')].join('.');
    await t.database.db.execute(sql`UPDATE llm_configs SET api_key_sealed = ${tampered} WHERE id = ${created.id}`);

    const tested = await t.app.inject({ method: 'POST', url: `/api/llm-configs/${created.id}/test`, headers: user.auth });
    assert.equal(tested.statusCode, 400);
    assert.equal(tested.json().error_code, 'LLM_002');
    assert.match(tested.json().detail, /cannot be decrypted/);

    const renamed = await t.app.inject({ method: 'PUT', url: `/api/llm-configs/${created.id}`, headers: user.auth, payload: { name: 'renamed' } });
    assert.equal(renamed.statusCode, 422);
    assert.deepEqual(renamed.json().detail[0].loc, ['body', 'api_key']);
    const rekeyed = await t.app.inject({ method: 'PUT', url: `/api/llm-configs/${created.id}`, headers: user.auth, payload: { api_key: KEY } });
    assert.equal(rekeyed.statusCode, 200, 'setting the key again repairs the config');
  });
});

describe('one default per user', () => {
  test("a user's first config becomes the default; a new default clears the old one", async () => {
    const user = await createUser(t.app);
    const first = (await createConfig(user, { name: 'first' })).json();
    assert.equal(first.is_default, true);
    const second = (await createConfig(user, { name: 'second' })).json();
    assert.equal(second.is_default, false);
    const third = (await createConfig(user, { name: 'third', is_default: true })).json();
    assert.equal(third.is_default, true);
    assert.deepEqual((await listConfigs(user)).map((c) => [c.name, c.is_default]), [['first', false], ['second', false], ['third', true]]);

    const promoted = await t.app.inject({ method: 'PUT', url: `/api/llm-configs/${second.id}`, headers: user.auth, payload: { is_default: true } });
    assert.equal(promoted.json().is_default, true);
    assert.deepEqual((await listConfigs(user)).map((c) => [c.name, c.is_default]), [['first', false], ['second', true], ['third', false]]);

    await t.app.inject({ method: 'PUT', url: `/api/llm-configs/${second.id}`, headers: user.auth, payload: { is_default: false } });
    assert.deepEqual((await listConfigs(user)).filter((c) => c.is_default), []);
  });

  test("one user's default does not touch another's", async () => {
    const alice = await createUser(t.app);
    const bob = await createUser(t.app);
    await createConfig(alice, { is_default: true });
    await createConfig(bob, { is_default: true });
    assert.equal((await listConfigs(alice)).filter((c) => c.is_default).length, 1);
    assert.equal((await listConfigs(bob)).filter((c) => c.is_default).length, 1);
  });

  test('concurrent creates as default leave exactly one default', async () => {
    const user = await createUser(t.app);
    const responses = await Promise.all(Array.from({ length: 5 }, (_, index) => createConfig(user, { name: `c${index}`, is_default: true })));
    assert.deepEqual(responses.map((r) => r.statusCode), [201, 201, 201, 201, 201]);
    assert.equal((await listConfigs(user)).filter((c) => c.is_default).length, 1);
  });

  test('the database itself refuses a second default', async () => {
    const user = await createUser(t.app);
    const a = (await createConfig(user, { is_default: true })).json();
    const b = (await createConfig(user)).json();
    assert.equal(a.is_default, true);
    await assert.rejects(t.database.db.execute(sql`UPDATE llm_configs SET is_default = true WHERE id = ${b.id}`));
  });
});

describe('bad input is refused naming the field, and nothing is saved', () => {
  test('an unknown provider answers 400 "Invalid provider: X"', async () => {
    const user = await createUser(t.app);
    const response = await createConfig(user, { provider: 'llama' });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().detail, 'Invalid provider: llama');
    assert.deepEqual(await listConfigs(user), []);

    const created = (await createConfig(user)).json();
    const update = await t.app.inject({ method: 'PUT', url: `/api/llm-configs/${created.id}`, headers: user.auth, payload: { provider: 'gpt' } });
    assert.equal(update.statusCode, 400);
    assert.equal(update.json().detail, 'Invalid provider: gpt');
  });

  test('bad fields answer 422 with the field in loc', async () => {
    const user = await createUser(t.app);
    const cases: [Record<string, unknown>, (string | number)[]][] = [
      [{ api_key: '' }, ['body', 'api_key']],
      [{ api_key: '   ' }, ['body', 'api_key']],
      [{ api_base: 'ftp://example.com' }, ['body', 'api_base']],
      [{ api_base: 'not a url' }, ['body', 'api_base']],
      [{ config: { temperature: 2.5 } }, ['body', 'config', 'temperature']],
      [{ config: { temperature: -0.1 } }, ['body', 'config', 'temperature']],
      [{ config: { max_tokens: 0 } }, ['body', 'config', 'max_tokens']],
      [{ config: { max_tokens: -5 } }, ['body', 'config', 'max_tokens']],
      [{ config: { top_p: 1.5 } }, ['body', 'config', 'top_p']],
      [{ config: { top_p: -1 } }, ['body', 'config', 'top_p']],
      [{ config: { seed: 1 } }, ['body', 'config']],
      [{ name: '' }, ['body', 'name']],
      [{ provider: 'openai_compatible', model: 'llama3.1' }, ['body', 'api_base']],
      [{ provider: 'openai_compatible', api_base: 'http://127.0.0.1:11434/v1', model: undefined }, ['body', 'model']],
    ];
    for (const [payload, loc] of cases) {
      const response = await createConfig(user, payload);
      assert.equal(response.statusCode, 422, JSON.stringify(payload));
      const locs = (response.json().detail as { loc: (string | number)[] }[]).map((d) => d.loc);
      assert.ok(locs.some((l) => JSON.stringify(l.slice(0, loc.length)) === JSON.stringify(loc)), `${JSON.stringify(payload)} → ${JSON.stringify(locs)}`);
    }
    assert.deepEqual(await listConfigs(user), []);
  });

  test('a bad update changes nothing', async () => {
    const user = await createUser(t.app);
    const created = (await createConfig(user, { config: { temperature: 0.5 } })).json();
    for (const payload of [{ config: { temperature: 3 } }, { api_base: 'file:///etc/passwd' }, { api_key: '' }, { config: { max_tokens: 0 } }, { name: 'x', extra: true }]) {
      const response = await t.app.inject({ method: 'PUT', url: `/api/llm-configs/${created.id}`, headers: user.auth, payload });
      assert.equal(response.statusCode, 422, JSON.stringify(payload));
    }
    const [after] = await listConfigs(user);
    assert.deepEqual(after, created);
  });
});

describe('a user sees and uses only their own configs', () => {
  test("another user's config answers 404 on every route and is left untouched", async () => {
    const owner = await createUser(t.app);
    const intruder = await createUser(t.app);
    const created = (await createConfig(owner)).json();
    assert.deepEqual(await listConfigs(intruder), []);
    const url = `/api/llm-configs/${created.id}`;
    const attempts = [
      await t.app.inject({ method: 'GET', url, headers: intruder.auth }),
      await t.app.inject({ method: 'PUT', url, headers: intruder.auth, payload: { name: 'mine now', is_default: true } }),
      await t.app.inject({ method: 'DELETE', url, headers: intruder.auth }),
      await t.app.inject({ method: 'POST', url: `${url}/test`, headers: intruder.auth }),
    ];
    assert.deepEqual(attempts.map((r) => r.statusCode), [404, 404, 404, 404]);
    assert.deepEqual(await listConfigs(owner), [created]);
  });

  test('a sealed key copied into another user\'s row will not open', async () => {
    const alice = await createUser(t.app);
    const mallory = await createUser(t.app);
    const victim = (await createConfig(alice)).json();
    const own = (await createConfig(mallory, { api_key: 'sk-mallory-own-key-000000' })).json();
    await t.database.db.execute(sql`UPDATE llm_configs SET api_key_sealed = (SELECT api_key_sealed FROM llm_configs WHERE id = ${victim.id}) WHERE id = ${own.id}`);
    const tested = await t.app.inject({ method: 'POST', url: `/api/llm-configs/${own.id}/test`, headers: mallory.auth });
    assert.equal(tested.statusCode, 400);
    assert.equal(tested.json().error_code, 'LLM_002');
  });
});

describe('GET /api/llm-configs/providers', () => {
  test('lists every provider with its default model and API base, for signed-in users only', async () => {
    const user = await createUser(t.app);
    const response = await t.app.inject({ method: 'GET', url: '/api/llm-configs/providers', headers: user.auth });
    assert.equal(response.statusCode, 200);
    const providers = response.json() as Array<{ id: string; default_model: string | null; default_api_base: string | null }>;
    assert.deepEqual(providers.map((provider) => provider.id).sort(), ['anthropic', 'deepseek', 'google', 'minimax', 'moonshot', 'openai', 'openai_compatible', 'zhipu']);
    assert.equal(providers.find((provider) => provider.id === 'deepseek')?.default_model, 'deepseek-chat');
    assert.equal(providers.find((provider) => provider.id === 'openai_compatible')?.default_api_base, null);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/llm-configs/providers' })).statusCode, 401);
  });
});
