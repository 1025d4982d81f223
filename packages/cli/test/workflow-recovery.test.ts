import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { agentOf, scriptedProject, targetFileOf } from '@resoftai/engine/testing';
import { startFakeProviderServer, type FakeRequest } from '@resoftai/llm/testing';
import { freePort, serve, waitForHealth } from './serve-support.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'resoftai-recovery-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const MODULES = 6;

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const developerTargets = (requests: FakeRequest[]) => requests.filter((request) => agentOf(request) === 'DeveloperAgent').map(targetFileOf);

test('kill -9 of the server in development, then a restart: the run is resumed and completes with no duplicate files', async () => {
  // The model lives in this process and answers slowly, so the server can die between two files.
  const fake = await startFakeProviderServer();
  fake.respondWith(scriptedProject({ modules: MODULES, delayMs: 300 }));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const first = serve(dataDir, port);
  let second: ReturnType<typeof serve> | undefined;
  try {
    await waitForHealth(base, first.child);
    const json = { 'content-type': 'application/json' };
    await fetch(`${base}/api/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ username: 'carol', email: 'carol@example.com', password: 'SecurePass123!' }) });
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'carol@example.com', password: 'SecurePass123!' }) });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const headers = { ...json, authorization: `Bearer ${token}` };
    const get = async <T = Record<string, unknown>>(url: string): Promise<T> => (await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<T>;
    const post = async (url: string, body?: unknown) => fetch(`${base}${url}`, { method: 'POST', headers: body === undefined ? { authorization: `Bearer ${token}` } : headers, body: body === undefined ? undefined : JSON.stringify(body) });

    assert.equal((await post('/api/llm-configs', { name: 'fake', provider: 'deepseek', api_key: 'sk-recovery-0123456789', api_base: fake.baseUrlFor('deepseek') })).status, 201);
    const created = await post('/api/projects', { name: 'calc', requirements: 'Build a small calculation library with one module per computation, each tested.', config: { execution_strategy: 'sequential', enable_cache: false } });
    const { id } = (await created.json()) as { id: number };
    assert.equal((await post(`/api/projects/${id}/execute`)).status, 200);

    // Two planned files are done and the third is being written when the process dies.
    await until(() => developerTargets(fake.requests).length >= 3, 'the third file');
    first.child.kill('SIGKILL');
    await first.exited;
    const beforeCrash = fake.requests.length;
    const doneBeforeCrash = developerTargets(fake.requests).slice(0, 2);

    second = serve(dataDir, port);
    await waitForHealth(base, second.child);
    await until(async () => (await get(`/api/projects/${id}`)).status === 'completed', 'the resumed run to complete');

    const project = await get(`/api/projects/${id}`);
    assert.equal(project.progress, 100);
    const files = await get<Array<{ filename: string; category: string; version: number }>>(`/api/files?project_id=${id}&limit=100`);
    const paths = files.map((file) => file.filename);
    assert.equal(new Set(paths).size, paths.length, `duplicate files: ${paths.join(', ')}`);
    const code = files.filter((file) => file.category === 'code').map((file) => file.filename).sort();
    assert.deepEqual(code, Array.from({ length: MODULES }, (_, index) => `calc/module_${index}.py`));

    // The resumed run redid neither the finished stages nor the files generated before the crash.
    const afterRestart = fake.requests.slice(beforeCrash);
    assert.ok(!afterRestart.some((request) => ['RequirementsAnalystAgent', 'ArchitectAgent', 'UXUIDesignerAgent'].includes(agentOf(request) ?? '')));
    const regenerated = developerTargets(afterRestart);
    for (const path of doneBeforeCrash) assert.ok(path !== undefined && !regenerated.includes(path), `${path} was generated again`);
    const analysts = await get<unknown[]>(`/api/agent-activities?project_id=${id}&agent_name=RequirementsAnalystAgent`);
    assert.equal(analysts.length, 1);

    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0);
  } finally {
    first.child.kill('SIGKILL');
    second?.child.kill('SIGKILL');
    await fake.close();
  }
});
