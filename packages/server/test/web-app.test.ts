import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync, gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from './support.ts';

const built = mkdtempSync(join(tmpdir(), 'resoftai-web-'));
const unbuilt = mkdtempSync(join(tmpdir(), 'resoftai-web-none-'));
mkdirSync(join(built, 'assets'));
writeFileSync(join(built, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
// What the build writes beside each file (vite-plugin-compression2).
const bundle = `${'export const answer = 42;\n'.repeat(200)}`;
writeFileSync(join(built, 'assets', 'app-def456.js'), bundle);
writeFileSync(join(built, 'assets', 'app-def456.js.br'), brotliCompressSync(bundle));
writeFileSync(join(built, 'assets', 'app-def456.js.gz'), gzipSync(bundle));

let t: TestApp;
let bare: TestApp;
before(async () => {
  t = await createTestApp({}, { webDistDir: built });
  bare = await createTestApp({}, { webDistDir: unbuilt });
});
after(async () => {
  await Promise.all([t.close(), bare.close()]);
  rmSync(built, { recursive: true });
  rmSync(unbuilt, { recursive: true });
});

describe('the web app at /', () => {
  test('every page path gets the app, never cached; hashed assets are cached for good', async () => {
    for (const url of ['/', '/projects/12', '/signin?next=%2F']) {
      const page = await t.app.inject({ method: 'GET', url });
      assert.equal(page.statusCode, 200, url);
      assert.match(page.headers['content-type'] as string, /text\/html/);
      assert.match(page.body, /id="root"/);
      assert.equal(page.headers['cache-control'], 'no-cache');
    }
    const asset = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    assert.equal(asset.statusCode, 200);
    assert.match(asset.headers['cache-control'] as string, /immutable/);
  });

  test('a bundle goes out in the compression the browser accepts, prepared at build', async () => {
    const url = '/assets/app-def456.js';
    const brotli = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(brotli.headers['content-encoding'], 'br');
    assert.match(brotli.headers['content-type'] as string, /javascript/);
    assert.equal(brotliDecompressSync(brotli.rawPayload).toString(), bundle);
    const gzip = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gzip.rawPayload).toString(), bundle);
    const plain = await t.app.inject({ method: 'GET', url });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, bundle);
  });

  test("the server's own paths keep their answers: the API's 404 envelope, docs, OpenAPI", async () => {
    for (const url of ['/api/nope', '/api', '/socket.io/nope', '/metrics/x']) {
      const response = await t.app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 404, url);
      assert.equal(response.json().error.code, 'NOT_FOUND', url);
    }
    assert.equal((await t.app.inject({ method: 'GET', url: '/openapi.json' })).json().openapi, '3.1.0');
    assert.match((await t.app.inject({ method: 'GET', url: '/docs' })).headers['content-type'] as string, /html/);
  });

  test('without a build the page says how to make one', async () => {
    const response = await bare.app.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 503);
    assert.match(response.json().detail, /npm run build -w @resoftai\/web/);
  });
});
