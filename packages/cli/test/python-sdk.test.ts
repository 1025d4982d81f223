import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { scriptedProject } from '@resoftai/engine/testing';
import { startFakeProviderServer } from '@resoftai/llm/testing';
import { createTestApp } from '../../server/test/support.ts';
import { freePort, serve, waitForHealth } from './serve-support.ts';

const sdkDir = fileURLToPath(new URL('../../../sdk/python/', import.meta.url));
const EMAIL = 'pysdk@example.com';
const PASSWORD = 'SecurePass123!';
// The suite makes a few hundred calls in well under a minute; the default limits would answer some with 429.
const SERVE_ENV = {
  RATE_LIMIT_FREE_PER_MINUTE: '100000',
  RATE_LIMIT_AUTH_PER_MINUTE: '1000',
  RATE_LIMIT_ANALYSIS_PER_HOUR: '100000',
  RATE_LIMIT_GENERAL_PER_HOUR: '100000',
  RATE_LIMIT_ADMIN_PER_HOUR: '100000',
  // Every production analysis is shadowed by every experiment, so the governance tests can promote one without luck.
  SHADOW_SHARE: '1',
};

interface RunningServer {
  base: string;
  output: () => string;
  close: () => Promise<void>;
}

/** `resoftai serve` on an embedded database; with TEST_DATABASE=postgres the app in this process on a fresh PostgreSQL database, which `serve` cannot be pointed at here. */
async function startServer(dataDir: string): Promise<RunningServer> {
  if (process.env.TEST_DATABASE === 'postgres') {
    // The test configuration has rate limiting off, so only the shadow share needs setting.
    const testApp = await createTestApp({ shadowShare: 1 });
    const base = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    return { base, output: () => '(the in-process server logs nothing)', close: () => testApp.close() };
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = serve(dataDir, port, SERVE_ENV);
  const close = async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  };
  try {
    await waitForHealth(base, server.child);
  } catch (error) {
    await close();
    throw error;
  }
  return { base, output: server.output, close };
}

function runPytest(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // Asynchronous: the fake model answers from this process while pytest runs. The plugins left out would write into sdk/python.
    const child = spawn('python3', ['-m', 'pytest', 'tests', '-q', '-p', 'no:cacheprovider', '-p', 'no:benchmark'], { cwd: sdkDir, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('the Python SDK (sdk/python) passes its pytest suite against a real server', async () => {
  const probe = spawnSync('python3', ['-c', 'import sys, pytest; assert sys.version_info >= (3, 10), sys.version'], { encoding: 'utf8' });
  assert.equal(probe.error, undefined, `python3 is required to test the Python SDK: ${probe.error?.message}`);
  assert.equal(probe.status, 0, `python3 >= 3.10 with pytest is required to test the Python SDK:\n${probe.stderr}`);

  const dataDir = mkdtempSync(join(tmpdir(), 'resoftai-pysdk-'));
  const fake = await startFakeProviderServer();
  // A short delay per answer leaves the suite time to stop a run between two stages; the connection test gets a plain answer.
  fake.respondWith(scriptedProject({ modules: 2, delayMs: 100, override: (agent) => (agent === undefined ? { text: 'OK' } : undefined) }));
  const server = await startServer(dataDir);
  const { base } = server;
  try {
    const json = { 'content-type': 'application/json' };
    const registered = await fetch(`${base}/api/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'pysdk', email: EMAIL, password: PASSWORD }) });
    assert.equal(registered.status, 201, await registered.text());
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const created = await fetch(`${base}/api/auth/api-keys`, { method: 'POST', headers: { ...json, authorization: `Bearer ${token}` }, body: JSON.stringify({ name: 'python-sdk' }) });
    const createdBody = await created.text();
    assert.equal(created.status, 201, createdBody);
    const { key } = JSON.parse(createdBody) as { key: string };

    const { code, output } = await runPytest({
      ...process.env,
      PYTHONPATH: join(sdkDir, 'src'),
      PYTHONDONTWRITEBYTECODE: '1',
      CODEREV_BASE_URL: base,
      CODEREV_API_KEY: key,
      CODEREV_TEST_EMAIL: EMAIL,
      CODEREV_TEST_PASSWORD: PASSWORD,
      CODEREV_TEST_LLM_PROVIDER: 'deepseek',
      CODEREV_TEST_LLM_API_BASE: fake.baseUrlFor('deepseek'),
    });
    assert.equal(code, 0, `pytest failed:\n${output}\n--- server output (tail) ---\n${server.output().slice(-4000)}`);
  } finally {
    await server.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
