import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { pluginConfig } from './plugin-support.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

// The marketplace detail's setting specs and GET /api/plugins/{slug}/settings: secrets never returned.

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
const SECRET = 'whsec-never-shown-value';
const ENVELOPE_KEYS = ['detail', 'error', 'error_code', 'request_id', 'status_code', 'timestamp'];

before(async () => {
  t = await createTestApp(pluginConfig);
  alice = await createUser(t.app);
  bob = await createUser(t.app);
});
after(() => t.close());

async function api(user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const response = await t.app.inject({ method, url, headers: user.auth, ...(payload === undefined ? {} : { payload }) });
  return { status: response.statusCode, body: response.body ? response.json() : undefined, raw: response.body };
}

const pluginRows = () => queryRows(t.database, sql`select
  (select count(*)::int from plugin_installations) as installations,
  (select coalesce(json_agg(json_build_object('s', settings, 'ss', sealed_settings, 'u', updated_at) order by id), '[]') from plugin_installations) as rows,
  (select count(*)::int from audit_logs) as audits`);

describe('plugin settings specs and values', () => {
  test('the marketplace detail carries the manifest\'s setting specs', async () => {
    const detail = await api(alice, 'GET', '/api/marketplace/plugins/webhook-notifier');
    assert.equal(detail.status, 200);
    assert.deepEqual(detail.body.settings, {
      url: { type: 'string', format: 'url', description: 'Where events are POSTed', required: true, secret: false, max_length: 2000 },
      secret: { type: 'string', secret: true, description: 'HMAC-SHA256 key of the X-ResoftAI-Signature header', required: true, max_length: 512, format: 'text' },
    });
    const formatter = await api(alice, 'GET', '/api/marketplace/plugins/code-formatter');
    assert.equal(typeof formatter.body.settings, 'object');
    for (const spec of Object.values(formatter.body.settings) as Array<{ type: string }>) assert.ok(['string', 'boolean', 'integer', 'enum'].includes(spec.type));
  });

  test('GET settings: the owner sees values and specs, secrets only as set; a read writes nothing', async () => {
    assert.equal((await api(alice, 'POST', '/api/marketplace/plugins/webhook-notifier/install', {})).status, 200);
    const fresh = await api(alice, 'GET', '/api/plugins/webhook-notifier/settings');
    assert.equal(fresh.status, 200, fresh.raw);
    assert.deepEqual({ ...fresh.body, updated_at: undefined, specs: undefined }, {
      slug: 'webhook-notifier', settings: {}, secrets_set: [], missing_required: ['url', 'secret'], updated_at: undefined, specs: undefined,
    });
    assert.deepEqual(Object.keys(fresh.body.specs).sort(), ['secret', 'url']);
    assert.equal(fresh.body.specs.secret.secret, true);

    const saved = await api(alice, 'PUT', '/api/plugins/webhook-notifier/settings', { url: 'https://hooks.example.com/x', secret: SECRET });
    assert.equal(saved.status, 200, saved.raw);
    const before = await pluginRows();
    const read = await api(alice, 'GET', '/api/plugins/webhook-notifier/settings');
    assert.equal(read.status, 200);
    assert.ok(!read.raw.includes(SECRET), 'the secret value is never returned');
    assert.ok(!read.raw.includes('v1.'), 'nor its sealed form');
    assert.deepEqual(read.body.settings, { url: 'https://hooks.example.com/x' });
    assert.deepEqual(read.body.secrets_set, ['secret']);
    assert.deepEqual(read.body.missing_required, []);
    assert.deepEqual(await pluginRows(), before, 'nothing written, nothing audited');
  });

  test('another user, an unknown plugin and an overlong slug: 404 in the documented envelope', async () => {
    const other = await api(bob, 'GET', '/api/plugins/webhook-notifier/settings');
    assert.equal(other.status, 404, 'bob has not installed it; alice\'s values stay hers');
    assert.ok(!other.raw.includes('hooks.example.com'));
    assert.deepEqual(Object.keys(other.body).sort(), ENVELOPE_KEYS);
    assert.equal((await api(alice, 'GET', '/api/plugins/no-such-plugin/settings')).status, 404);
    // A slug longer than the router's parameter limit matches no route: the envelope's 404.
    const bad = await api(alice, 'GET', `/api/plugins/${'x'.repeat(101)}/settings`);
    assert.equal(bad.status, 404);
    assert.deepEqual(Object.keys(bad.body).sort(), ENVELOPE_KEYS);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/plugins/webhook-notifier/settings' })).statusCode, 401);
  });
});
