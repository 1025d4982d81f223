// Regenerates the SDK's types from the server's own OpenAPI document: `npm run generate -w @resoftai/sdk`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, loadConfig, openDatabase } from '@resoftai/server';
import { eventTypesOf, typesOf } from './render.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'resoftai-sdk-generate-'));
const database = await openDatabase({});
const app = await buildApp({ config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), database, logger: false });
try {
  await app.ready();
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const generated = new URL('../src/generated/', import.meta.url);
  writeFileSync(new URL('api.ts', generated), await typesOf(document));
  writeFileSync(new URL('events.ts', generated), await eventTypesOf(document));
} finally {
  await app.close();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
