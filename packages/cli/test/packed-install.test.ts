import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTestApp, createUser } from '../../server/test/support.ts';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'resoftai-packed-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Without blocking the event loop, which serves the in-process server the command talks to. */
function runAsync(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

// The packages are the same on either database, so the PostgreSQL pass does not install them again.
test('the packed packages install outside the repository: the CLI reviews, and its client commands reach a server', { skip: process.env.TEST_DATABASE === 'postgres' && 'the embedded pass covers it' }, async () => {
  const packs = join(dir, 'packs');
  mkdirSync(packs);
  // The web app is already built by the repository's install; its prepack would rebuild it under running tests.
  const packed = run('npm', ['pack', '--workspaces', '--ignore-scripts', '--pack-destination', packs], repository);
  assert.equal(packed.code, 0, packed.stderr);
  const project = join(dir, 'elsewhere');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "elsewhere", "private": true }\n');
  const tarballs = readdirSync(packs).map((name) => join(packs, name));
  const installed = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], project);
  assert.equal(installed.code, 0, installed.stderr);

  const resoftai = join(project, 'node_modules', '.bin', 'resoftai');
  const env: NodeJS.ProcessEnv = { ...process.env, RESOFTAI_CONFIG_DIR: join(dir, 'config') };
  delete env.RESOFTAI_URL;
  delete env.RESOFTAI_TOKEN;
  assert.match(run(resoftai, ['--version'], project, env).stdout, /^\d+\.\d+\.\d+/);
  writeFileSync(join(project, 'weak.py'), 'import hashlib\n\n\ndef digest(data):\n    return hashlib.md5(data).hexdigest()\n');
  const review = run(resoftai, ['review', 'weak.py', '--format', 'json'], project, env);
  assert.equal(review.code, 1, review.stderr);
  assert.ok((JSON.parse(review.stdout).files[0].issues as { rule_id: string }[]).some((issue) => issue.rule_id === 'S006'), review.stdout);

  const t = await createTestApp();
  try {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const user = await createUser(t.app);
    const key = (await t.app.inject({ method: 'POST', url: '/api/auth/api-keys', headers: user.auth, payload: { name: 'packed' } })).json().key as string;
    const login = await runAsync(resoftai, ['login', '--server', base, '--api-key', key], project, env);
    assert.equal(login.code, 0, login.stderr);
    const created = await runAsync(resoftai, ['project', 'create', 'A command-line to-do list with tests.', '--name', 'from outside', '--json'], project, env);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(JSON.parse(created.stdout).name, 'from outside');
  } finally {
    await t.close();
  }
});
