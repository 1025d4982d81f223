import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { scriptedProject } from '@resoftai/engine/testing';
import { startFakeProviderServer, type FakeProviderServer } from '@resoftai/llm/testing';
import { createTestApp, createUser, STRONG_PASSWORD, type TestApp, type TestUser } from '../../server/test/support.ts';
import { createFakeLlmConfig, REQUIREMENT } from '../../server/test/workflow-support.ts';
import { bin } from './serve-support.ts';

const ESC = String.fromCharCode(27);
const configDir = mkdtempSync(join(tmpdir(), 'resoftai-client-'));
let t: TestApp;
let fake: FakeProviderServer;
let base: string;
let alice: TestUser;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `resoftai ARGS` with its own config directory; `tty` runs it in a pseudo-terminal through util-linux `script`. */
function cli(args: string[], options: { stdin?: string; tty?: boolean; cwd?: string; onOutput?: (text: string, child: ReturnType<typeof spawn>) => void } = {}): Promise<Ran> {
  const env: NodeJS.ProcessEnv = { ...process.env, RESOFTAI_CONFIG_DIR: configDir, COLUMNS: '120' };
  delete env.RESOFTAI_URL;
  delete env.RESOFTAI_TOKEN;
  const quoted = [process.execPath, bin, ...args].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
  const child = options.tty
    ? spawn('script', ['-qefc', quoted, '/dev/null'], { env, cwd: options.cwd })
    : spawn(process.execPath, [bin, ...args], { env, cwd: options.cwd });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    options.onOutput?.(stdout, child);
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
    options.onOutput?.(stderr, child);
  });
  child.stdin!.end(options.stdin ?? '');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

before(async () => {
  [t, fake] = await Promise.all([createTestApp(), startFakeProviderServer()]);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  alice = await createUser(t.app);
  await createFakeLlmConfig(t.app, alice.accessToken, fake);
});
beforeEach(() => {
  fake.reset();
  fake.respondWith(scriptedProject({ modules: 2 }));
});
after(async () => {
  await t.close();
  await fake.close();
  rmSync(configDir, { recursive: true, force: true });
});

describe('client commands', () => {
  test('--version, and a client command before login says how to log in', async () => {
    const version = await cli(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+/);
    const before = await cli(['project', 'list', '--server', base]);
    assert.equal(before.code, 2);
    assert.match(before.stderr, /not logged in to .*resoftai login/);
  });

  test('login keeps a session readable by its owner only, without the password; a wrong password is refused', async () => {
    const wrong = await cli(['login', '--server', base, '--user', alice.email, '--password-stdin'], { stdin: 'wrong-password\n' });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /401/);
    const login = await cli(['login', '--server', base, '--user', alice.email, '--password-stdin'], { stdin: `${STRONG_PASSWORD}\n` });
    assert.equal(login.code, 0, login.stderr);
    const file = join(configDir, 'credentials.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const stored = readFileSync(file, 'utf8');
    assert.ok(!stored.includes(STRONG_PASSWORD));
    assert.equal(JSON.parse(stored).server, base);
  });

  test('project create, list, show, download with --json for scripts', async () => {
    const created = await cli(['project', 'create', REQUIREMENT, '--name', 'scripted', '--json']);
    assert.equal(created.code, 0, created.stderr);
    const project = JSON.parse(created.stdout) as { id: number; name: string };
    assert.equal(project.name, 'scripted');
    const listed = JSON.parse((await cli(['project', 'list', '--json'])).stdout) as { items: { id: number }[]; total: number };
    assert.ok(listed.items.some((item) => item.id === project.id));
    const shown = await cli(['project', 'show', String(project.id)]);
    assert.match(shown.stdout, /status\s+pending/);
    const missing = await cli(['project', 'show', '999999']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /404 NOT_FOUND|404/);
    const badId = await cli(['project', 'show', 'abc']);
    assert.equal(badId.code, 2);
  });

  test('build without a terminal: one line per event, exit 0 on completion, the zip downloadable', async () => {
    const built = await cli(['build', REQUIREMENT, '--name', 'plain']);
    assert.equal(built.code, 0, built.stderr);
    assert.match(built.stderr, /^project \d+: plain$/m);
    assert.match(built.stderr, /^development done in/m);
    assert.match(built.stderr, /^completed in .*tokens, \$/m);
    assert.ok(!built.stderr.includes(`${ESC}[`), 'no terminal control codes in a log');
    const id = /^project (\d+):/m.exec(built.stderr)![1]!;
    const zipFile = join(configDir, 'out.zip');
    assert.equal((await cli(['project', 'download', id, '-o', zipFile])).code, 0);
    assert.equal(readFileSync(zipFile).subarray(0, 2).toString(), 'PK');
  });

  test('build in a terminal: the live block with stages, bar and tokens, redrawn in place', async () => {
    const built = await cli(['build', REQUIREMENT, '--name', 'live'], { tty: true });
    assert.equal(built.code, 0, built.stdout);
    assert.match(built.stdout, new RegExp(`${ESC}\\[\\d+F`), 'redrawn in place');
    assert.match(built.stdout, /completed\s+█{20}\s+100%\s+[\d.]+k? tokens · \$\d+\.\d{4}/);
    for (const stage of ['requirements_analysis', 'development', 'completion']) assert.match(built.stdout, new RegExp(`✓ ${stage}`));
  });

  test('a failed run exits 1 and says where and why', async () => {
    fake.respondWith(scriptedProject({ modules: 2, override: (agent) => (agent === 'ArchitectAgent' ? { status: 401, text: 'invalid api key' } : undefined) }));
    const built = await cli(['build', REQUIREMENT, '--name', 'failing', '--no-cache']);
    assert.equal(built.code, 1);
    assert.match(built.stderr, /failed at architecture_design/);
  });

  test('Ctrl-C stops the run on the server and exits 130', async () => {
    fake.respondWith(scriptedProject({ modules: 2, override: (agent) => (agent === 'DeveloperAgent' ? { delayMs: 60_000, text: 'never' } : undefined) }));
    let signalled = false;
    const built = await cli(['build', REQUIREMENT, '--name', 'interrupted', '--no-cache'], {
      onOutput: (text, child) => {
        if (!signalled && /testing|development/.test(text) && /qa|architecture_design done/.test(text)) {
          signalled = true;
          child.kill('SIGINT');
        }
      },
    });
    assert.equal(built.code, 130, built.stderr);
    assert.match(built.stderr, /resoftai project resume \d+/);
    const id = Number(/^project (\d+):/m.exec(built.stderr)![1]);
    const project = (await t.app.inject({ method: 'GET', url: `/api/projects/${id}`, headers: alice.auth })).json();
    assert.equal(project.status, 'cancelled');
  });
});

describe('resoftai review --server', () => {
  const tree = mkdtempSync(join(tmpdir(), 'resoftai-remote-review-'));
  const local = (args: string[]) => cli(['review', ...args], { cwd: tree });
  const remote = (args: string[]) => cli(['review', ...args, '--server', base, '--token', alice.accessToken], { cwd: tree });
  before(() => {
    mkdirSync(join(tree, 'src'));
    writeFileSync(join(tree, 'src', 'calc.py'), '"""Calc."""\n\n\ndef run(data):\n    """Run it."""\n    return eval(data)\n');
    writeFileSync(join(tree, 'src', 'clean.py'), '"""Nothing to see."""\n\nANSWER = 42\n');
  });
  after(() => rmSync(tree, { recursive: true, force: true }));

  test("reviews on the server, stored under the caller, in the local run's report formats", async () => {
    const json = await remote(['src', '--format', 'json']);
    assert.equal(json.code, 1, json.stderr);
    const report = JSON.parse(json.stdout) as { summary: { files: number; lines_of_code: number }; files: { analysis_id: string; file_path: string; issues: { rule_id: string; fingerprint: string; line: number }[] }[] };
    assert.deepEqual(report.files.map((file) => file.file_path), ['src/calc.py', 'src/clean.py']);
    const calc = report.files[0]!;
    const evalIssue = calc.issues.find((issue) => issue.rule_id === 'S001');
    assert.equal(evalIssue?.line, 6);
    // The same finding as a local run: same rule, same fingerprint.
    const localReport = JSON.parse((await local(['src', '--format', 'json'])).stdout) as typeof report;
    assert.equal(report.summary.lines_of_code, localReport.summary.lines_of_code);
    assert.equal(localReport.files[0]!.issues.find((issue) => issue.rule_id === 'S001')?.fingerprint, evalIssue?.fingerprint);
    const stored = await t.app.inject({ method: 'GET', url: `/api/analyze/${calc.analysis_id}/results`, headers: alice.auth });
    assert.equal(stored.statusCode, 200);

    const sarif = JSON.parse((await remote(['src/calc.py', '--format', 'sarif'])).stdout) as { runs: { results: { ruleId: string; partialFingerprints: { primaryLocationLineHash: string } }[] }[] };
    assert.equal(sarif.runs[0]!.results.find((result) => result.ruleId === 'S001')?.partialFingerprints.primaryLocationLineHash, evalIssue?.fingerprint);
    const text = await remote(['src/clean.py', '--locale', 'zh']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /0 issues .* in 1 file, \d+ lines of code, score 100\/100/);
  });

  test('--ai adds the model\'s findings; the server\'s refusals are errors (exit 2), never findings', async () => {
    fake.enqueue({ json: { findings: [{ line: 4, severity: 'low', category: 'quality', confidence: 'medium', cwe: null, title: 'Vague name', message: 'run says nothing', suggestion: 'Name it evaluate_expression' }] } });
    const withAi = await remote(['src/calc.py', '--ai', '--format', 'json']);
    assert.equal(withAi.code, 1, withAi.stderr);
    const ai = (JSON.parse(withAi.stdout) as { files: { issues: { source: string; title: string }[] }[] }).files[0]!.issues.filter((issue) => issue.source === 'ai');
    assert.deepEqual(ai.map((issue) => issue.title), ['Vague name']);

    const noServer = await local(['src', '--ai']);
    assert.equal(noServer.code, 2);
    assert.match(noServer.stderr, /--ai reviews on a server/);
    const badToken = await cli(['review', 'src', '--server', base, '--token', 'not-a-token'], { cwd: tree });
    assert.equal(badToken.code, 2);
    assert.match(badToken.stderr, /401|token/i);
  });
});
