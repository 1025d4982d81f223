import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { pluginConfig } from './plugin-support.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
before(async () => {
  t = await createTestApp(pluginConfig);
  alice = await createUser(t.app);
  bob = await createUser(t.app);
});
after(() => t.close());

async function api(user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  const response = await t.app.inject({ method, url, headers: user.auth, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: response.statusCode, body: response.body ? response.json() : undefined, headers: response.headers };
}

/** Everything a refused request must leave alone. */
async function snapshot() {
  return queryRows(t.database, sql`select
    (select coalesce(json_agg(json_build_object('slug', slug, 'downloads', downloads, 'rating', rating, 'reviews', review_count) order by slug), '[]') from marketplace_plugins) as plugins,
    (select count(*)::int from plugin_installations) as installations,
    (select count(*)::int from plugin_reviews) as reviews,
    (select count(*)::int from audit_logs where entity = 'plugin') as audits`);
}

describe('marketplace', () => {
  test('the catalog is loaded: list with category, search, sort and paging; detail with versions', async () => {
    const all = await api(alice, 'GET', '/api/marketplace/plugins?limit=100');
    assert.equal(all.status, 200);
    const slugs = all.body.map((plugin: { slug: string }) => plugin.slug);
    for (const slug of ['code-formatter', 'webhook-notifier', 'license-header', 'security-gate']) assert.ok(slugs.includes(slug), slug);
    assert.equal(all.headers['x-total-count'], String(all.body.length));
    const formatter = all.body.find((plugin: { slug: string }) => plugin.slug === 'code-formatter');
    assert.deepEqual(Object.keys(formatter).sort(), ['author', 'category', 'created_at', 'description', 'downloads', 'name', 'rating', 'slug', 'tags', 'version']);
    assert.equal(formatter.version, '1.1.0');
    assert.equal(formatter.downloads, 0);
    assert.equal(formatter.rating, 0);

    const security = await api(alice, 'GET', '/api/marketplace/plugins?category=security');
    assert.deepEqual(security.body.map((plugin: { slug: string }) => plugin.slug), ['security-gate']);
    const search = await api(alice, 'GET', '/api/marketplace/plugins?search=webhook');
    assert.deepEqual(search.body.map((plugin: { slug: string }) => plugin.slug), ['webhook-notifier']);
    const byTag = await api(alice, 'GET', '/api/marketplace/plugins?search=prettier');
    assert.deepEqual(byTag.body.map((plugin: { slug: string }) => plugin.slug), ['code-formatter']);
    const page = await api(alice, 'GET', '/api/marketplace/plugins?skip=1&limit=2&sort=recent');
    assert.equal(page.body.length, 2);
    assert.equal(page.headers['x-total-count'], String(all.body.length));
    const recent = await api(alice, 'GET', '/api/marketplace/plugins?sort=recent&limit=100');
    const updated = recent.body.map((plugin: { slug: string }) => plugin.slug);
    assert.deepEqual(updated.slice(0, 2), ['security-gate', 'code-formatter'], 'newest release first: security-gate 1.1.0, then code-formatter 1.1.0');

    const detail = await api(alice, 'GET', '/api/marketplace/plugins/code-formatter');
    assert.equal(detail.status, 200);
    assert.deepEqual(detail.body.versions.map((version: { version: string }) => version.version), ['1.1.0', '1.0.0']);
    assert.deepEqual(detail.body.compatibility, { min_version: '0.1.0', max_version: '1.0.0' });
    assert.deepEqual(detail.body.reviews, []);
    assert.equal(detail.body.homepage, 'https://prettier.io');
    assert.ok(detail.body.long_description.length > 0);
    assert.deepEqual(detail.body.dependencies, []);

    const broken = await api(alice, 'GET', '/api/marketplace/plugins/broken-manifest');
    assert.deepEqual(broken.body.versions.map((version: { version: string }) => version.version), ['1.0.0'], 'a version with a bad manifest is not offered');
  });

  test('unknown plugin: 404 on detail, install, review, toggle, settings and uninstall; bad query: 422', async () => {
    const before = await snapshot();
    assert.equal((await api(alice, 'GET', '/api/marketplace/plugins/no-such-plugin')).status, 404);
    assert.equal((await api(alice, 'POST', '/api/marketplace/plugins/no-such-plugin/install', {})).status, 404);
    assert.equal((await api(alice, 'POST', '/api/marketplace/plugins/no-such-plugin/reviews', { rating: 4 })).status, 404);
    assert.equal((await api(alice, 'POST', '/api/plugins/no-such-plugin/toggle')).status, 404);
    assert.equal((await api(alice, 'PUT', '/api/plugins/no-such-plugin/settings', {})).status, 404);
    assert.equal((await api(alice, 'DELETE', '/api/plugins/no-such-plugin')).status, 404);
    assert.equal((await api(alice, 'POST', '/api/marketplace/plugins/no-such-plugin/update')).status, 404);
    assert.equal((await api(alice, 'GET', '/api/marketplace/plugins?sort=loudest')).status, 422);
    assert.equal((await api(alice, 'GET', '/api/marketplace/plugins?category=games')).status, 422);
    assert.equal((await api(alice, 'GET', '/api/marketplace/plugins?limit=0')).status, 422);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/marketplace/plugins' })).statusCode, 401);
    assert.deepEqual(await snapshot(), before);
  });
});

describe('installing', () => {
  test('install, 409 when installed again, downloads counted, per user, audited', async () => {
    const installed = await api(alice, 'POST', '/api/marketplace/plugins/code-formatter/install', { version: '1.0.0' });
    assert.equal(installed.status, 200, JSON.stringify(installed.body));
    assert.deepEqual({ ...installed.body, installed_at: undefined }, { slug: 'code-formatter', version: '1.0.0', status: 'installed', installed_at: undefined });
    const before = await snapshot();
    const again = await api(alice, 'POST', '/api/marketplace/plugins/code-formatter/install', {});
    assert.equal(again.status, 409);
    assert.deepEqual(await snapshot(), before);

    const list = await api(alice, 'GET', '/api/plugins/installed');
    assert.deepEqual(list.body.map((plugin: Record<string, unknown>) => ({ ...plugin, installed_at: undefined })), [
      { slug: 'code-formatter', name: 'Code Formatter', version: '1.0.0', is_active: true, installed_at: undefined },
    ]);
    assert.deepEqual((await api(bob, 'GET', '/api/plugins/installed')).body, []);
    assert.equal((await api(bob, 'POST', '/api/plugins/code-formatter/toggle')).status, 404, "bob cannot toggle alice's installation");

    const bobInstall = await api(bob, 'POST', '/api/marketplace/plugins/code-formatter/install');
    assert.equal(bobInstall.status, 200, JSON.stringify(bobInstall.body));
    assert.equal(bobInstall.body.version, '1.1.0', 'without a version: the newest compatible one');
    assert.equal((await api(alice, 'GET', '/api/marketplace/plugins/code-formatter')).body.downloads, 2);

    const audits = await queryRows<{ action: string; actor_id: number; payload: { slug: string } }>(t.database, sql`select action, actor_id, payload from audit_logs where entity = 'plugin' order by seq`);
    assert.deepEqual(audits.map((row) => [row.action, row.actor_id, row.payload.slug]), [['install', alice.id, 'code-formatter'], ['install', bob.id, 'code-formatter']]);
  });

  test('updates: check lists the newer version with its changelog; update moves to it; again is 400', async () => {
    const check = await api(alice, 'GET', '/api/marketplace/updates/check');
    assert.equal(check.status, 200);
    assert.deepEqual(Object.keys(check.body.updates_available), ['code-formatter']);
    assert.equal(check.body.updates_available['code-formatter'].current_version, '1.0.0');
    assert.equal(check.body.updates_available['code-formatter'].latest_version, '1.1.0');
    assert.match(check.body.updates_available['code-formatter'].changelog, /CSS/);
    assert.deepEqual((await api(bob, 'GET', '/api/marketplace/updates/check')).body, { updates_available: {} });

    const updated = await api(alice, 'POST', '/api/marketplace/plugins/code-formatter/update');
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.deepEqual({ ...updated.body, updated_at: undefined }, { slug: 'code-formatter', old_version: '1.0.0', new_version: '1.1.0', updated_at: undefined });
    const before = await snapshot();
    const none = await api(alice, 'POST', '/api/marketplace/plugins/code-formatter/update');
    assert.equal(none.status, 400);
    assert.match(none.body.detail, /no update/);
    assert.equal((await api(alice, 'POST', '/api/marketplace/plugins/webhook-notifier/update')).status, 404, 'not installed');
    assert.deepEqual(await snapshot(), before);
    assert.deepEqual((await api(alice, 'GET', '/api/marketplace/updates/check')).body, { updates_available: {} });
  });

  test('bad manifest, missing dependency, incompatible, no handler, unknown version: 400/404 naming it, nothing written', async () => {
    const before = await snapshot();
    const badManifest = await api(alice, 'POST', '/api/marketplace/plugins/broken-manifest/install', { version: '1.1.0' });
    assert.equal(badManifest.status, 400);
    assert.match(badManifest.body.detail, /broken-manifest 1\.1\.0 has an invalid manifest: .*hooks\.0/);
    const missing = await api(alice, 'POST', '/api/marketplace/plugins/needs-missing/install', { auto_dependencies: true });
    assert.equal(missing.status, 400);
    assert.match(missing.body.detail, /missing dependency: black/);
    const incompatible = await api(alice, 'POST', '/api/marketplace/plugins/future-only/install', {});
    assert.equal(incompatible.status, 400);
    assert.match(incompatible.body.detail, /not compatible with platform version .* 9\.0\.0 to 10\.0\.0/);
    const noHandler = await api(alice, 'POST', '/api/marketplace/plugins/no-handler/install', {});
    assert.equal(noHandler.status, 400);
    assert.match(noHandler.body.detail, /declares hook file\.saving but exports no handler/);
    const before2 = await snapshot();
    assert.deepEqual(before2, before);
    const unknownVersion = await api(alice, 'POST', '/api/marketplace/plugins/webhook-notifier/install', { version: '9.9.9' });
    assert.equal(unknownVersion.status, 404);
    assert.equal((await api(alice, 'POST', '/api/marketplace/plugins/webhook-notifier/install', { version: 1 })).status, 422);
    assert.equal((await api(alice, 'POST', '/api/marketplace/plugins/webhook-notifier/install', { auto_dependencies: 'yes' })).status, 422);
    assert.deepEqual(await snapshot(), before);
  });

  test('dependencies: refused without auto_dependencies, installed with it; a needed plugin cannot be uninstalled', async () => {
    const carol = await createUser(t.app);
    const before = await snapshot();
    const refused = await api(carol, 'POST', '/api/marketplace/plugins/needs-formatter/install', {});
    assert.equal(refused.status, 400);
    assert.match(refused.body.detail, /depends on code-formatter, which is not installed/);
    assert.deepEqual(await snapshot(), before);

    const installed = await api(carol, 'POST', '/api/marketplace/plugins/needs-formatter/install', { auto_dependencies: true });
    assert.equal(installed.status, 200, JSON.stringify(installed.body));
    const list = (await api(carol, 'GET', '/api/plugins/installed')).body.map((plugin: { slug: string; version: string }) => [plugin.slug, plugin.version]);
    assert.deepEqual(list, [['code-formatter', '1.1.0'], ['needs-formatter', '1.0.0']]);
    const downloads = (await api(carol, 'GET', '/api/marketplace/plugins/code-formatter')).body.downloads;
    assert.equal(downloads, 3);

    const needed = await api(carol, 'DELETE', '/api/plugins/code-formatter');
    assert.equal(needed.status, 409);
    assert.match(needed.body.detail, /needed by needs-formatter/);
    assert.equal((await api(carol, 'DELETE', '/api/plugins/needs-formatter')).status, 204);
    assert.equal((await api(carol, 'DELETE', '/api/plugins/code-formatter')).status, 204);
    assert.deepEqual((await api(carol, 'GET', '/api/plugins/installed')).body, []);
    assert.equal((await api(carol, 'DELETE', '/api/plugins/code-formatter')).status, 404);
    const audits = await queryRows<{ action: string; payload: { slug: string; dependency_of: string | null } }>(t.database, sql`select action, payload from audit_logs where entity = 'plugin' and actor_id = ${carol.id} order by seq`);
    assert.deepEqual(audits.map((row) => [row.action, row.payload.slug]), [['install', 'code-formatter'], ['install', 'needs-formatter'], ['delete', 'needs-formatter'], ['delete', 'code-formatter']]);
    assert.equal(audits[0]!.payload.dependency_of, 'needs-formatter');
  });
});

describe('toggle, settings and reviews', () => {
  test('toggle flips is_active and is audited', async () => {
    const off = await api(alice, 'POST', '/api/plugins/code-formatter/toggle');
    assert.equal(off.status, 200);
    assert.equal(off.body.is_active, false);
    assert.equal((await api(alice, 'GET', '/api/plugins/installed')).body[0].is_active, false);
    const on = await api(alice, 'POST', '/api/plugins/code-formatter/toggle');
    assert.equal(on.body.is_active, true);
    const audits = await queryRows<{ action: string }>(t.database, sql`select action from audit_logs where entity = 'plugin' and actor_id = ${alice.id} and action in ('activate', 'deactivate') order by seq`);
    assert.deepEqual(audits.map((row) => row.action), ['deactivate', 'activate']);
  });

  test('settings: validated by the manifest, secrets sealed and never returned, audited by name', async () => {
    assert.equal((await api(alice, 'POST', '/api/marketplace/plugins/webhook-notifier/install', {})).status, 200);
    const before = await snapshot();
    const stored = await queryRows(t.database, sql`select settings, sealed_settings from plugin_installations where user_id = ${alice.id}`);
    for (const bad of [{ url: 'not a url' }, { url: 'ftp://example.com/hook' }, { colour: 'red' }, { secret: 42 }, { url: 'https://example.com/' + 'x'.repeat(3000) }]) {
      const response = await api(alice, 'PUT', '/api/plugins/webhook-notifier/settings', bad);
      assert.equal(response.status, 422, JSON.stringify(bad));
      assert.equal(response.body.detail[0].loc[0], 'body');
    }
    assert.deepEqual(await snapshot(), before);
    assert.deepEqual(await queryRows(t.database, sql`select settings, sealed_settings from plugin_installations where user_id = ${alice.id}`), stored);

    const missing = await api(alice, 'PUT', '/api/plugins/webhook-notifier/settings', { url: 'https://hooks.example.com/resoftai' });
    assert.equal(missing.status, 200, JSON.stringify(missing.body));
    assert.deepEqual(missing.body.missing_required, ['secret']);
    const saved = await api(alice, 'PUT', '/api/plugins/webhook-notifier/settings', { secret: 'whsec-top-secret-value' });
    assert.deepEqual({ ...saved.body, updated_at: undefined }, {
      slug: 'webhook-notifier', settings: { url: 'https://hooks.example.com/resoftai' }, secrets_set: ['secret'], missing_required: [], updated_at: undefined,
    });
    const rows = await queryRows<{ settings: unknown; sealed_settings: { secret: string } }>(t.database, sql`select i.settings, i.sealed_settings from plugin_installations i join marketplace_plugins p on p.id = i.plugin_id where i.user_id = ${alice.id} and p.slug = 'webhook-notifier'`);
    assert.ok(!JSON.stringify(rows).includes('whsec-top-secret-value'), 'the secret is stored sealed');
    assert.match(rows[0]!.sealed_settings.secret, /^v1\./);
    const audits = await queryRows<{ payload: unknown }>(t.database, sql`select payload from audit_logs where entity = 'plugin' and action = 'update' and actor_id = ${alice.id}`);
    assert.ok(!JSON.stringify(audits).includes('whsec-top-secret-value'));
    assert.ok(JSON.stringify(audits).includes('settings_changed'));
    assert.equal((await api(bob, 'PUT', '/api/plugins/webhook-notifier/settings', { url: 'https://example.com' })).status, 404, 'bob has not installed it');
  });

  test('reviews: 1–5 only (422 otherwise, nothing written), one per user, average rating updated', async () => {
    const before = await snapshot();
    for (const rating of [0, 6, 4.5, -1]) {
      assert.equal((await api(alice, 'POST', '/api/marketplace/plugins/security-gate/reviews', { rating, comment: 'x' })).status, 422, String(rating));
    }
    assert.equal((await api(alice, 'POST', '/api/marketplace/plugins/security-gate/reviews', { comment: 'no rating' })).status, 422);
    assert.deepEqual(await snapshot(), before);

    const first = await api(alice, 'POST', '/api/marketplace/plugins/security-gate/reviews', { rating: 5, comment: '非常好用的插件！' });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.deepEqual({ ...first.body, id: undefined, created_at: undefined }, { id: undefined, plugin_slug: 'security-gate', rating: 5, comment: '非常好用的插件！', author_id: alice.id, created_at: undefined });
    assert.equal((await api(bob, 'POST', '/api/marketplace/plugins/security-gate/reviews', { rating: 2 })).status, 201);
    assert.equal((await api(alice, 'POST', '/api/marketplace/plugins/security-gate/reviews', { rating: 1 })).status, 409);
    const detail = (await api(alice, 'GET', '/api/marketplace/plugins/security-gate')).body;
    assert.equal(detail.rating, 3.5);
    assert.deepEqual(detail.reviews.map((review: { rating: number; author: string }) => [review.rating, review.author]), [[2, bob.username], [5, alice.username]]);
    const byRating = (await api(alice, 'GET', '/api/marketplace/plugins?sort=rating')).body;
    assert.equal(byRating[0].slug, 'security-gate');
  });
});
