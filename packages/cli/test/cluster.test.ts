import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { agentOf, scriptedProject, targetFileOf } from '@resoftai/engine/testing';
import { type FakeProviderServer, type FakeRequest, startFakeProviderServer } from '@resoftai/llm/testing';
import type { Database } from '@resoftai/server';
import { io, type Socket } from 'socket.io-client';
import { openTestDatabase, queryRows } from '../../server/test/support.ts';
import { bin, freePort, waitForHealth } from './serve-support.ts';

// The platform as an operator runs it on PostgreSQL: `resoftai migrate` once, two API processes (`serve --no-worker`)
// and two workers (`worker`), all real processes. Workflows cross processes; a worker killed with SIGKILL is replaced
// by the other one; a socket on API 2 follows a run on a worker; a logout and a rate limit hold across the API processes.

const skip = process.env.TEST_DATABASE !== 'postgres' ? 'several processes share a PostgreSQL database (TEST_DATABASE=postgres)' : false;
const AUTH_LIMIT = 12;
const PASSWORD = 'SecurePass123!';

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

let database: Database;
let fake: FakeProviderServer;
let env: NodeJS.ProcessEnv;
const processes: Proc[] = [];
let api1: string;
let api2: string;
let workers: Proc[];

function start(args: string[], extra: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...env, ...extra } });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const proc = { child, output: () => output, exited };
  processes.push(proc);
  return proc;
}

async function startApi(): Promise<string> {
  const port = await freePort();
  const proc = start(['serve', '--no-worker'], { PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, proc.child);
  return base;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}\n${processes.map((proc) => proc.output().slice(-2000)).join('\n---\n')}`);
}

const json = { 'content-type': 'application/json' };
async function call(base: string, token: string | undefined, method: string, url: string, body?: unknown) {
  const headers: Record<string, string> = { ...(body === undefined ? {} : json), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function login(base: string): Promise<{ access_token: string; refresh_token: string }> {
  const response = await call(base, undefined, 'POST', '/api/auth/login', { email: 'carol@example.com', password: PASSWORD });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

const developerTargets = (requests: FakeRequest[]) => requests.filter((request) => agentOf(request) === 'DeveloperAgent').map(targetFileOf);
const ownerPid = (owner: string) => Number(owner.split(':')[1]);

async function runs(projectId: number) {
  return queryRows<{ owner: string; status: string }>(database, sql`SELECT owner, status FROM workflow_runs WHERE project_id = ${projectId} ORDER BY id`);
}

let token: string;
let authCalls = 0;

before(async () => {
  if (skip) return;
  database = await openTestDatabase();
  fake = await startFakeProviderServer();
  env = {
    ...process.env,
    DATABASE_URL: database.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    MIGRATE_ON_START: 'false',
    WORKFLOW_HEARTBEAT_SECONDS: '1',
    WORKFLOW_CONCURRENCY: '2',
    WORKFLOW_RUN_TESTS: 'false',
    RATE_LIMIT_AUTH_PER_MINUTE: String(AUTH_LIMIT),
    RATE_LIMIT_FREE_PER_MINUTE: '100000',
    RATE_LIMIT_GENERAL_PER_HOUR: '100000',
    // The latency rule fires on the first requests (any p95 is over 1 ms), every second in each of the four processes.
    MONITORING_RULES_INTERVAL_SECONDS: '1',
    ALERT_MIN_SAMPLES: '1',
    ALERT_API_P95_MS: '1',
  };
  const migrated = spawnSync(process.execPath, [bin, 'migrate'], { env, encoding: 'utf8' });
  assert.equal(migrated.status, 0, migrated.stderr);
  [api1, api2] = await Promise.all([startApi(), startApi()]);
  workers = [start(['worker']), start(['worker'])];
  const registered = await call(api1, undefined, 'POST', '/api/auth/register', { username: 'carol', email: 'carol@example.com', password: PASSWORD });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  token = (await login(api2)).access_token;
  authCalls = 2;
  const config = await call(api1, token, 'POST', '/api/llm-configs', { name: 'fake', provider: 'deepseek', api_key: 'sk-cluster-0123456789', api_base: fake.baseUrlFor('deepseek') });
  assert.equal(config.status, 201, JSON.stringify(config.body));
});

after(async () => {
  if (skip) return;
  for (const proc of processes) proc.child.kill('SIGTERM');
  await Promise.all(processes.map((proc) => proc.exited));
  await fake.close();
  await database.close();
});

async function newProject(name: string): Promise<number> {
  const created = await call(api1, token, 'POST', '/api/projects', {
    name, requirements: 'Build a small calculation library with one module per computation, each tested.', config: { execution_strategy: 'sequential', enable_cache: false },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.id;
}

test('both API processes are ready: the database, the cache listener and the job queue answer', { skip }, async () => {
  for (const base of [api1, api2]) {
    const ready = await call(base, undefined, 'GET', '/api/ready');
    assert.equal(ready.status, 200, JSON.stringify(ready.body));
    assert.equal(ready.body.checks.job_queue, 'ok');
  }
});

test('a workflow executed through API 1 runs on a worker and is followed live by a socket on API 2', { skip }, async () => {
  fake.respondWith(scriptedProject({ modules: 2 }));
  const id = await newProject('through-workers');
  const socket: Socket = io(api2, { auth: { token }, transports: ['websocket'], reconnection: false });
  try {
    const live: Array<{ event: string; seq: number }> = [];
    socket.onAny((event: string, data: { seq?: number }) => {
      if (typeof data?.seq === 'number') live.push({ event, seq: data.seq });
    });
    const ack = (await socket.timeout(10_000).emitWithAck('subscribe_project', { project_id: id })) as { ok: boolean };
    assert.equal(ack.ok, true, JSON.stringify(ack));
    assert.equal((await call(api1, token, 'POST', `/api/projects/${id}/execute`)).status, 200);
    await until(() => live.some((event) => event.event === 'workflow_completed'), 'workflow_completed on the socket of API 2');
    const [run] = await runs(id);
    assert.ok(workers.some((worker) => worker.child.pid === ownerPid(run!.owner)), `run owned by ${run!.owner}, not a worker`);
    const stored = (await call(api2, token, 'GET', `/api/projects/${id}/events?since=0&limit=500`)).body as Array<{ event: string; seq: number }>;
    assert.deepEqual(live, stored.map(({ event, seq }) => ({ event, seq })), 'every stored event arrived live, once and in order');
  } finally {
    socket.disconnect();
  }
});

test('a stop sent to API 2 reaches the worker running the workflow', { skip }, async () => {
  fake.respondWith(scriptedProject({ modules: 6, delayMs: 300 }));
  const id = await newProject('stopped');
  const before = fake.requests.length;
  assert.equal((await call(api1, token, 'POST', `/api/projects/${id}/execute`)).status, 200);
  await until(() => developerTargets(fake.requests.slice(before)).length >= 1, 'development to start');
  const stopped = await call(api2, token, 'POST', `/api/projects/${id}/stop`);
  assert.equal(stopped.status, 200, JSON.stringify(stopped.body));
  assert.equal(stopped.body.status, 'cancelled');
  assert.deepEqual((await runs(id)).map((run) => run.status), ['cancelled']);
});

test('a worker killed with SIGKILL mid-development: the other worker resumes the run from its checkpoint, no duplicates', { skip }, async () => {
  const modules = 6;
  fake.respondWith(scriptedProject({ modules, delayMs: 300 }));
  const id = await newProject('survivor');
  const before = fake.requests.length;
  assert.equal((await call(api1, token, 'POST', `/api/projects/${id}/execute`)).status, 200);
  await until(() => developerTargets(fake.requests.slice(before)).length >= 3, 'the third file');
  const [first] = await runs(id);
  const victim = workers.find((worker) => worker.child.pid === ownerPid(first!.owner));
  assert.ok(victim, `run owned by ${first!.owner}`);
  victim.child.kill('SIGKILL');
  await victim.exited;
  const doneBeforeKill = developerTargets(fake.requests.slice(before)).slice(0, 2);
  const afterKill = fake.requests.length;
  await until(async () => (await call(api2, token, 'GET', `/api/projects/${id}`)).body.status === 'completed', 'the resumed run to complete', 120_000);
  // The project's status is written just before the run row's.
  await until(async () => (await runs(id)).at(-1)?.status === 'completed', 'the resumed run row to be completed', 10_000);
  const history = await runs(id);
  assert.deepEqual(history.map((run) => run.status), ['interrupted', 'completed']);
  const survivor = workers.find((worker) => worker !== victim)!;
  assert.equal(ownerPid(history[1]!.owner), survivor.child.pid);
  const files = (await call(api2, token, 'GET', `/api/files?project_id=${id}&limit=100`)).body as Array<{ filename: string; category: string; version: number }>;
  const paths = files.map((file) => file.filename);
  assert.equal(new Set(paths).size, paths.length, `duplicate files: ${paths.join(', ')}`);
  assert.deepEqual(files.filter((file) => file.category === 'code').map((file) => file.filename).sort(), Array.from({ length: modules }, (_, index) => `calc/module_${index}.py`));
  const regenerated = developerTargets(fake.requests.slice(afterKill));
  for (const path of doneBeforeKill) assert.ok(path !== undefined && !regenerated.includes(path), `${path} was generated again`);
  const analysts = (await call(api2, token, 'GET', `/api/agent-activities?project_id=${id}&agent_name=RequirementsAnalystAgent`)).body as unknown[];
  assert.equal(analysts.length, 1);
});

test('a logout on API 1 is refused on API 2', { skip }, async () => {
  const session = await login(api1);
  authCalls += 1;
  assert.equal((await call(api2, session.access_token, 'GET', '/api/auth/me')).status, 200);
  assert.equal((await call(api1, session.access_token, 'POST', '/api/auth/logout')).status, 200);
  await until(async () => (await call(api2, session.access_token, 'GET', '/api/auth/me')).status === 401, 'the logout to reach API 2', 2000);
});

test(`the ${AUTH_LIMIT}-a-minute sign-in limit holds across both API processes`, { skip }, async () => {
  const refreshToken = (await login(api1)).refresh_token;
  authCalls += 1;
  const bases = [api1, api2];
  while (authCalls < AUTH_LIMIT) {
    const response = await call(bases[authCalls % 2]!, undefined, 'POST', '/api/auth/refresh', { refresh_token: refreshToken });
    assert.equal(response.status, 200, `call ${authCalls + 1} of ${AUTH_LIMIT}: ${JSON.stringify(response.body)}`);
    authCalls += 1;
  }
  for (const base of bases) assert.equal((await call(base, undefined, 'POST', '/api/auth/refresh', { refresh_token: refreshToken })).status, 429);
});

test('the alert rules run once per turn across the four processes: the latency alert is raised once', { skip }, async () => {
  const turns = new Set<string>();
  for (const deadline = Date.now() + 3500; Date.now() < deadline;) {
    const [turn] = await queryRows<{ at: string }>(database, sql`SELECT last_run_at::text AS at FROM periodic_runs WHERE name = 'alert_rules'`);
    if (turn) turns.add(turn.at);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Four processes with 1-second timers: about 3 turns in 3.5 s when each is taken once, about 14 if each process took its own.
  assert.ok(turns.size >= 2 && turns.size <= 5, `${turns.size} turns in 3.5 s`);
  const alerts = await queryRows<{ count: number }>(database, sql`SELECT count(*)::int AS count FROM alerts WHERE alert_type = 'api_p95_latency'`);
  assert.equal(alerts[0]!.count, 1);
});
