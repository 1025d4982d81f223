// bench:cluster — the API and the workflow worker as separate processes on one PostgreSQL database:
// `resoftai migrate` once, then 1 and 2 API processes (`resoftai serve`) loaded by autocannon at once,
// then 50 workflows against the fake provider (200 ms a call) over 1 and 2 `resoftai worker` processes.
// A fresh database is created on BENCH_POSTGRES_URL's server for the run and dropped after.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { scriptedProject } from '@resoftai/engine/testing';
import { startFakeProviderServer } from '@resoftai/llm/testing';

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const FIRST_PORT = Number(process.env.BENCH_PORT ?? 8780);
const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP_SECONDS = 3;
const PROJECTS = 50;
const WORKFLOWS = 50;
const MODEL_LATENCY_MS = 200;
const WORKFLOW_CONCURRENCY = Number(process.env.BENCH_WORKFLOW_CONCURRENCY ?? 4);
// A run that has not settled by then is reported as stuck rather than waited on for ever.
const WORKFLOW_TIMEOUT_MS = 10 * 60 * 1000;
const bin = fileURLToPath(new URL('../../cli/bin/resoftai.js', import.meta.url));

const databaseName = `resoftai_bench_cluster_${randomBytes(4).toString('hex')}`;
const databaseUrl = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();
const dataDir = mkdtempSync(join(tmpdir(), 'resoftai-bench-cluster-'));
// Every process of a deployment shares these; the embedded mode's generated secrets do not apply on PostgreSQL.
const sharedEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  JWT_SECRET: randomBytes(48).toString('base64url'),
  ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  DATA_DIR: dataDir,
  HOST: '127.0.0.1',
  RATE_LIMIT_ENABLED: 'false',
  MIGRATE_ON_START: 'false',
  WORKFLOW_RUN_TESTS: 'false',
  WORKFLOW_CONCURRENCY: String(WORKFLOW_CONCURRENCY),
};

async function onAdminDatabase(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Runs the CLI to completion; its exit code and what it printed. */
function cli(args: string[], env: NodeJS.ProcessEnv = sharedEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const running = new Set<ChildProcess>();

/** A long-running CLI process (`serve`, `worker`); its log lines are dropped (after `readyLine`, when given), its errors shown. */
function start(args: string[], env: NodeJS.ProcessEnv = {}, readyLine?: string): ChildProcess & { ready: Promise<void> } {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...sharedEnv, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const ready = new Promise<void>((resolve, reject) => {
    let output = '';
    let waiting = readyLine !== undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      if (!waiting) return;
      output += chunk.toString();
      if (!output.includes(readyLine!)) return;
      waiting = false;
      output = '';
      resolve();
    });
    child.once('exit', (code) => reject(new Error(`resoftai ${args.join(' ')} exited with ${code}`)));
  });
  // Unobserved for processes that are not awaited.
  ready.catch(() => undefined);
  return Object.assign(child, { ready });
}

async function stop(children: Iterable<ChildProcess>): Promise<void> {
  await Promise.all([...children].map(async (child) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }));
}

async function waitForReady(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the process on port ${port} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the process on port ${port} did not become ready`);
}

/** `count` API processes on consecutive ports, each ready. */
async function startApi(count: number, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ ports: number[]; children: ChildProcess[] }> {
  const ports = Array.from({ length: count }, (_, index) => FIRST_PORT + index);
  const children = ports.map((port) => start(args, { ...env, PORT: String(port) }));
  await Promise.all(ports.map((port, index) => waitForReady(port, children[index]!)));
  return { ports, children };
}

async function request(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function json(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await request(base, method, path, body, headers);
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** The first user registered is the administrator; its organisation's quotas are lifted so the bench can create its projects. */
async function administrator(base: string): Promise<Record<string, string>> {
  const credentials = { username: 'bench', email: 'bench@example.com', password: 'SecurePass123!' };
  await json(base, 'POST', '/api/auth/register', credentials);
  const login = await json(base, 'POST', '/api/auth/login', { email: credentials.email, password: credentials.password });
  const auth = { authorization: `Bearer ${String(login.access_token)}` };
  const organizations = (await (await request(base, 'GET', '/api/organizations', undefined, auth)).json()) as Array<{ id: number }>;
  for (const organization of organizations) {
    const quotas = (await (await request(base, 'GET', `/api/quotas?organization_id=${organization.id}`, undefined, auth)).json()) as Array<{ id: number }>;
    for (const quota of quotas) await json(base, 'PUT', `/api/quotas/${quota.id}`, { limit: 1_000_000_000 }, auth);
  }
  return auth;
}

async function createProjects(base: string, auth: Record<string, string>, count: number, prefix: string): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const project = await json(base, 'POST', '/api/projects', { name: `${prefix} ${i}`, requirements: 'A small calculation library, one module per computation.', config: { enable_cache: false } }, auth);
    ids.push(Number(project.id));
  }
  return ids;
}

async function measure(title: string, ports: number[], path: string, headers: Record<string, string>): Promise<void> {
  const urls = ports.map((port) => `http://127.0.0.1:${port}${path}`);
  // autocannon takes an array of targets and deals its connections round-robin over them; its types only name a string.
  // Unrecorded first: the JIT and the caches warm up before the figures count.
  await autocannon({ url: urls as unknown as string, connections: CONNECTIONS, duration: WARMUP_SECONDS, headers });
  const result = await autocannon({ url: urls as unknown as string, connections: CONNECTIONS, duration: DURATION_SECONDS, headers });
  const errors = result.non2xx + result.errors + result.timeouts;
  console.log(`| ${title} | ${ports.length} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${errors} |`);
}

async function httpScaling(auth: Record<string, string>, apiArgs: string[]): Promise<void> {
  console.log(`\n(a) HTTP: autocannon, ${CONNECTIONS} connections in all (split over the processes), ${DURATION_SECONDS} s each after ${WARMUP_SECONDS} s of warm-up, request logging at info`);
  console.log('| request | API processes | req/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|');
  for (const count of [1, 2]) {
    const api = await startApi(count, apiArgs);
    try {
      await measure('GET /api/auth/me', api.ports, '/api/auth/me', auth);
      await measure(`GET /api/projects?limit=20 (${PROJECTS} projects)`, api.ports, '/api/projects?limit=20', auth);
    } finally {
      await stop(api.children);
    }
  }
  // Limits far above the load: every request is counted (in blocks reserved in PostgreSQL) and none refused.
  const limited = await startApi(1, apiArgs, { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_FREE_PER_MINUTE: '100000000', RATE_LIMIT_GENERAL_PER_HOUR: '100000000' });
  try {
    await measure('GET /api/auth/me, rate limits on', limited.ports, '/api/auth/me', auth);
  } finally {
    await stop(limited.children);
  }
}

/** What `resoftai worker` and `serve --no-worker` answer with; the workflow part needs both. */
async function workerSupport(): Promise<string | undefined> {
  const worker = await cli(['worker', '--help']);
  if (worker.code !== 0) return `\`resoftai worker\` is not available (\`worker --help\` exited ${worker.code}: ${worker.output.trim().split('\n')[0]})`;
  const serve = await cli(['serve', '--help']);
  if (!serve.output.includes('--no-worker')) return '`resoftai serve --no-worker` is not available';
  return undefined;
}

async function settledCount(base: string, auth: Record<string, string>): Promise<{ completed: number; failed: number }> {
  const total = async (status: string) => Number((await request(base, 'GET', `/api/projects?status=${status}&limit=1`, undefined, auth)).headers.get('x-total-count'));
  const [completed, failed, cancelled, interrupted] = await Promise.all(['completed', 'failed', 'cancelled', 'interrupted'].map(total));
  return { completed: completed!, failed: failed! + cancelled! + interrupted! };
}

/** How many of these projects' runs each worker process ran, most first. */
async function runsByOwner(projectIds: number[]): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ runs: number }>('SELECT count(*)::int AS runs FROM workflow_runs WHERE project_id = ANY($1) GROUP BY owner ORDER BY runs DESC', [projectIds]);
    return result.rows.map((row) => row.runs);
  } finally {
    await client.end();
  }
}

async function workflowScaling(auth: Record<string, string>): Promise<void> {
  const fake = await startFakeProviderServer();
  const api = await startApi(1, ['serve', '--no-worker']);
  const base = `http://127.0.0.1:${api.ports[0]!}`;
  try {
    fake.respondWith(scriptedProject({ modules: 3, delayMs: MODEL_LATENCY_MS }));
    await json(base, 'POST', '/api/llm-configs', { name: 'fake deepseek', provider: 'deepseek', api_key: 'sk-bench-cluster-0123456789', api_base: fake.baseUrlFor('deepseek'), is_default: true }, auth);
    console.log(`\n(b) ${WORKFLOWS} workflows (3-module plan, ${MODEL_LATENCY_MS} ms a model call, no sandbox), 1 \`serve --no-worker\`, WORKFLOW_CONCURRENCY=${WORKFLOW_CONCURRENCY} per worker`);
    console.log('| workers | wall time (s) | workflows/s | completed | failed | model calls | runs per worker |\n|---|---|---|---|---|---|---|');
    let settledBefore = { completed: 0, failed: 0 };
    for (const workers of [1, 2]) {
      // Timed from when every worker takes jobs, so their start-up is not counted.
      const children = Array.from({ length: workers }, () => start(['worker'], {}, 'ResoftAI workflow worker taking jobs'));
      try {
        await Promise.all(children.map((child) => child.ready));
        const ids = await createProjects(base, auth, WORKFLOWS, `Workflow bench (${workers} workers)`);
        fake.reset();
        fake.respondWith(scriptedProject({ modules: 3, delayMs: MODEL_LATENCY_MS }));
        const started = performance.now();
        for (const id of ids) await json(base, 'POST', `/api/projects/${id}/execute`, undefined, auth);
        let settled = settledBefore;
        while (settled.completed + settled.failed - settledBefore.completed - settledBefore.failed < WORKFLOWS) {
          const exited = children.find((child) => child.exitCode !== null);
          if (exited) throw new Error(`a worker exited with ${exited.exitCode}`);
          if (performance.now() - started > WORKFLOW_TIMEOUT_MS) throw new Error(`${WORKFLOWS} workflows did not settle within ${WORKFLOW_TIMEOUT_MS / 60_000} minutes`);
          await new Promise((resolve) => setTimeout(resolve, 100));
          settled = await settledCount(base, auth);
        }
        const seconds = (performance.now() - started) / 1000;
        const completed = settled.completed - settledBefore.completed;
        const failed = settled.failed - settledBefore.failed;
        const runsPerWorker = await runsByOwner(ids);
        console.log(`| ${workers} | ${seconds.toFixed(1)} | ${(WORKFLOWS / seconds).toFixed(2)} | ${completed} | ${failed} | ${fake.requests.length} | ${runsPerWorker.join(' + ')} |`);
        settledBefore = settled;
      } finally {
        await stop(children);
      }
    }
  } finally {
    await stop(api.children);
    await fake.close();
  }
}

console.log(`Cluster benchmark — node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}; PostgreSQL database ${databaseName}`);
await onAdminDatabase(`CREATE DATABASE "${databaseName}"`);
try {
  const migrated = await cli(['migrate']);
  if (migrated.code !== 0) throw new Error(`resoftai migrate exited ${migrated.code}: ${migrated.output}`);
  const missingWorker = await workerSupport();
  // With the worker split out, the API processes run without one so that (a) measures the API alone.
  const apiArgs = missingWorker ? ['serve'] : ['serve', '--no-worker'];
  const setup = await startApi(1, apiArgs);
  let auth: Record<string, string>;
  try {
    auth = await administrator(`http://127.0.0.1:${setup.ports[0]!}`);
    await createProjects(`http://127.0.0.1:${setup.ports[0]!}`, auth, PROJECTS, 'Bench project');
  } finally {
    await stop(setup.children);
  }
  console.log(`API processes run \`resoftai ${apiArgs.join(' ')}\``);
  await httpScaling(auth, apiArgs);
  if (missingWorker) console.log(`\n(b) workflows over separate worker processes: skipped — ${missingWorker}`);
  else await workflowScaling(auth);
} finally {
  await stop(running);
  await onAdminDatabase(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  rmSync(dataDir, { recursive: true, force: true });
}
