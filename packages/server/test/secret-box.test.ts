import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.ts';
import { maskSecret, SecretBox, SecretBoxError } from '../src/security/secret-box.ts';

const SECRET = 'sk-ant-api03-very-secret-key-value';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  test('opens what it sealed; every seal uses a fresh IV', () => {
    const a = box.seal(SECRET, 'ctx');
    const b = box.seal(SECRET, 'ctx');
    assert.notEqual(a, b);
    assert.equal(box.open(a, 'ctx'), SECRET);
    assert.equal(box.open(b, 'ctx'), SECRET);
    assert.ok(!a.includes(SECRET) && !a.includes(Buffer.from(SECRET).toString('base64url')));
    assert.equal(box.open(box.seal('', 'ctx'), 'ctx'), '');
    assert.equal(box.open(box.seal('密钥 🔑', 'ctx'), 'ctx'), '密钥 🔑');
  });

  test('refuses a changed byte in any part, another context, or another key', () => {
    const sealed = box.seal(SECRET, 'ctx');
    const parts = sealed.split('.');
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index]!, 'base64url');
      bytes[bytes.length - 1]! ^= 0x80;
      const tampered = parts.map((part, i) => (i === index ? bytes.toString('base64url') : part)).join('.');
      assert.throws(() => box.open(tampered, 'ctx'), SecretBoxError, `part ${index}`);
    }
    assert.throws(() => box.open(sealed, 'other'), SecretBoxError);
    assert.throws(() => new SecretBox(randomBytes(32)).open(sealed, 'ctx'), SecretBoxError);
  });

  test('refuses values that are not sealed secrets', () => {
    for (const value of ['', SECRET, 'v2.a.b.c', 'v1.a.b', `${box.seal(SECRET, 'ctx')}.extra`]) {
      assert.throws(() => box.open(value, 'ctx'), SecretBoxError, value);
    }
  });

  test('needs a 32-byte key', () => {
    assert.throws(() => new SecretBox(randomBytes(16)), /32-byte/);
  });
});

test('maskSecret shows at most four characters at each end and never more than a third', () => {
  assert.equal(maskSecret('sk-xxxxxxxxxxxxxxxxxxxxxxxxabcd'), 'sk-x…abcd');
  assert.equal(maskSecret('sk-short-key'), 'sk…ey');
  assert.equal(maskSecret('abcdef'), 'a…f');
  assert.equal(maskSecret('abc'), '…');
});

describe('LLM_PRICES', () => {
  const dir = mkdtempSync(join(tmpdir(), 'resoftai-prices-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('overrides lay over the bundled price table', () => {
    const config = loadConfig({ DATA_DIR: dir, LLM_PRICES: JSON.stringify({ deepseek: { models: { 'deepseek-chat': { input: 9, output: 10 } } } }) });
    assert.deepEqual(config.llmPrices.deepseek!.models['deepseek-chat'], { input: 9, output: 10 });
    assert.ok(config.llmPrices.anthropic, 'other providers keep their bundled prices');
  });

  test('a bad value stops start-up with one line naming the variable', () => {
    for (const value of ['{not json', '{"deepseek": {"default": {"input": -1, "output": 1}}}', '{"llama": {}}', '[]']) {
      assert.throws(() => loadConfig({ DATA_DIR: dir, LLM_PRICES: value }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.ok(error.message.startsWith('Invalid environment variable LLM_PRICES:'), error.message);
        assert.ok(!error.message.includes('\n'), error.message);
        return true;
      });
    }
  });
});
