import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../server/test/support.ts';
import { eventTypesOf, typesOf } from '../scripts/render.ts';

let t: TestApp;
let document: Parameters<typeof eventTypesOf>[0];
before(async () => {
  t = await createTestApp();
  document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
});
after(() => t.close());

const committed = (name: string) => readFileSync(new URL(`../src/generated/${name}`, import.meta.url), 'utf8');

test('the committed SDK types are those of the server\'s OpenAPI document (else: npm run generate -w @resoftai/sdk)', async () => {
  assert.equal(committed('api.ts'), await typesOf(document));
  assert.equal(committed('events.ts'), await eventTypesOf(document));
});
