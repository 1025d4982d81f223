// Load test of the HTTP API: starts `resoftai serve` on a fresh embedded database in a child process,
// then drives it with autocannon (50 connections) from this process.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const PORT = Number(process.env.BENCH_PORT ?? 8765);
const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 50;
const base = `http://127.0.0.1:${PORT}`;
const bin = fileURLToPath(new URL('../../cli/bin/resoftai.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'resoftai-bench-'));

const server = spawn(process.execPath, [bin, 'serve'], {
  env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, RATE_LIMIT_ENABLED: 'false', DATABASE_URL: '' },
  stdio: ['ignore', 'ignore', 'inherit'],
});

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

async function upload(projectId: unknown, name: string, content: string, headers: Record<string, string>): Promise<void> {
  const form = new FormData();
  form.set('project_id', String(projectId));
  form.set('file', new Blob([content]), name);
  const response = await fetch(`${base}/api/files`, { method: 'POST', headers, body: form });
  if (response.status !== 201) throw new Error(`upload ${name}: ${response.status} ${await response.text()}`);
}

async function measure(title: string, path: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: DURATION_SECONDS, headers });
  const errors = result.non2xx + result.errors + result.timeouts;
  console.log(`${title.padEnd(34)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   errors ${errors}`);
}

try {
  await waitForHealth();
  const credentials = { username: 'bench', email: 'bench@example.com', password: 'SecurePass123!' };
  await post('/api/auth/register', credentials);
  const login = await post('/api/auth/login', { email: credentials.email, password: credentials.password });
  const auth = { authorization: `Bearer ${String(login.access_token)}` };

  console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION_SECONDS} s each, embedded database, request logging at info`);
  await measure('GET /api/health', '/api/health');
  await measure('GET /api/auth/me (JWT)', '/api/auth/me', auth);

  let project: Record<string, unknown> = {};
  for (let i = 0; i < 25; i++) {
    project = await post('/api/projects', { name: `Bench project ${i}`, requirements: 'A web shop with carts, orders and payments.' }, auth);
  }
  for (let i = 0; i < 100; i++) await upload(project.id, `src/module_${String(i).padStart(3, '0')}.py`, `def f_${i}():\n    return ${i}\n`, auth);
  await measure('GET /api/projects?limit=20 (25)', '/api/projects?limit=20', auth);
  await measure('GET /api/files?project_id (100 files)', `/api/files?project_id=${String(project.id)}`, auth);
  await measure('GET /api/files?…&limit=100', `/api/files?project_id=${String(project.id)}&limit=100`, auth);
  await measure('GET /api/monitoring/dashboard/overview', '/api/monitoring/dashboard/overview', auth);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
