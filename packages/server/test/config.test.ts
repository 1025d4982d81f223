import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'resoftai-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('defaults: port 8000, ./data, embedded database', () => {
  const config = loadConfig({ DATA_DIR: join(dir, 'defaults') });
  assert.equal(config.port, 8000);
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.rateLimit.perMinuteByTier.free, 60);
  assert.equal(config.accessTokenTtlSeconds, 1800);
  assert.deepEqual(config.upload, { maxBytes: 10 * 1024 * 1024, allowArchives: false });
  assert.equal(config.shadowShare, 0.1);
  assert.equal(loadConfig({ DATA_DIR: join(dir, 'defaults'), SHADOW_SHARE: '0.25' }).shadowShare, 0.25);
});

test('upload limits come from MAX_UPLOAD_BYTES and UPLOAD_ALLOW_ARCHIVES', () => {
  const config = loadConfig({ DATA_DIR: join(dir, 'uploads'), MAX_UPLOAD_BYTES: '2048', UPLOAD_ALLOW_ARCHIVES: 'true' });
  assert.deepEqual(config.upload, { maxBytes: 2048, allowArchives: true });
});

test('embedded mode generates JWT_SECRET and ENCRYPTION_KEY once, with mode 0600, and reuses them', () => {
  const dataDir = join(dir, 'secrets');
  const first = loadConfig({ DATA_DIR: dataDir });
  const file = join(dataDir, 'secrets.json');
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const second = loadConfig({ DATA_DIR: dataDir });
  assert.equal(second.jwtSecret, first.jwtSecret);
  assert.deepEqual(second.encryptionKey, first.encryptionKey);
  assert.equal(first.encryptionKey.length, 32);
  assert.ok(readFileSync(file, 'utf8').includes(first.jwtSecret));
});

test('each bad value stops with one line naming the variable', () => {
  const cases: [Record<string, string>, string][] = [
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ ENCRYPTION_KEY: 'not-hex' }, 'ENCRYPTION_KEY'],
    [{ RATE_LIMIT_ENABLED: 'maybe' }, 'RATE_LIMIT_ENABLED'],
    [{ RATE_LIMIT_FREE_PER_MINUTE: '-5' }, 'RATE_LIMIT_FREE_PER_MINUTE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MAX_UPLOAD_BYTES: '0' }, 'MAX_UPLOAD_BYTES'],
    [{ MAX_UPLOAD_BYTES: '10MB' }, 'MAX_UPLOAD_BYTES'],
    [{ UPLOAD_ALLOW_ARCHIVES: 'sometimes' }, 'UPLOAD_ALLOW_ARCHIVES'],
    [{ SHADOW_SHARE: '1.5' }, 'SHADOW_SHARE'],
    [{ SHADOW_SHARE: 'often' }, 'SHADOW_SHARE'],
    [{ DATABASE_URL: 'postgres://localhost/db' }, 'JWT_SECRET'],
    [{ RESOFTAI_LLM_PROVIDER: 'openia' }, 'RESOFTAI_LLM_PROVIDER'],
    [{ RESOFTAI_LLM_MODEL: 'qwen2.5-coder' }, 'RESOFTAI_LLM_PROVIDER'],
    [{ RESOFTAI_LLM_PROVIDER: 'deepseek' }, 'RESOFTAI_LLM_API_KEY'],
    [{ RESOFTAI_LLM_PROVIDER: 'openai_compatible', RESOFTAI_LLM_BASE_URL: 'localhost:11434' }, 'RESOFTAI_LLM_BASE_URL'],
  ];
  for (const [env, variable] of cases) {
    assert.throws(() => loadConfig({ DATA_DIR: join(dir, 'bad'), ...env }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.ok(error.message.startsWith(`Invalid environment variable ${variable}:`), error.message);
      assert.ok(!error.message.includes('\n'));
      return true;
    });
  }
});

test('RESOFTAI_LLM_* name the model to set up; a local server needs no key', () => {
  assert.equal(loadConfig({ DATA_DIR: join(dir, 'llm') }).environmentLlm, undefined);
  assert.deepEqual(loadConfig({ DATA_DIR: join(dir, 'llm'), RESOFTAI_LLM_PROVIDER: 'deepseek', RESOFTAI_LLM_API_KEY: 'sk-0123456789' }).environmentLlm, {
    provider: 'deepseek', model: undefined, apiKey: 'sk-0123456789', apiBase: undefined,
  });
  const local = loadConfig({ DATA_DIR: join(dir, 'llm'), RESOFTAI_LLM_PROVIDER: 'openai_compatible', RESOFTAI_LLM_MODEL: 'qwen2.5-coder', RESOFTAI_LLM_BASE_URL: 'http://localhost:11434/v1' });
  assert.deepEqual(local.environmentLlm, { provider: 'openai_compatible', model: 'qwen2.5-coder', apiKey: 'none', apiBase: 'http://localhost:11434/v1' });
});

test('PostgreSQL mode takes its secrets from the environment', () => {
  const config = loadConfig({
    DATABASE_URL: 'postgresql://user@db.internal:5432/resoftai',
    JWT_SECRET: 'x'.repeat(40),
    ENCRYPTION_KEY: 'ab'.repeat(32),
  });
  assert.equal(config.jwtSecret, 'x'.repeat(40));
  assert.equal(config.encryptionKey.toString('hex'), 'ab'.repeat(32));
});
