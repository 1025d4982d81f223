import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { countTests } from './test-counts.ts';
import { SandboxUnavailableError, type Sandbox, type SandboxRequest, type SandboxResult } from './types.ts';

const MAX_OUTPUT_CHARS = 64 * 1024;
/** A closed port on loopback: any proxied request fails at once. */
const NOWHERE = 'http://127.0.0.1:9';

interface Toolchain {
  isolation: 'netns' | 'proxy';
  /** Prefix that puts the command in its own network namespace. */
  prefix: string[];
  python: string | undefined;
  pytest: boolean;
}

function succeeds(command: string, args: string[]): boolean {
  try {
    return spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
  } catch {
    return false;
  }
}

function probeToolchain(pythonCommand: string): Toolchain {
  const unshare = [['unshare', '-n'], ['unshare', '-rn']].find(([command, ...args]) => succeeds(command as string, [...args, 'true']));
  const located = spawnSync(pythonCommand, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8', timeout: 10_000 });
  const python = located.status === 0 ? located.stdout.trim() : undefined;
  return {
    isolation: unshare ? 'netns' : 'proxy',
    prefix: unshare ?? [],
    python,
    pytest: python !== undefined && succeeds(python, ['-c', 'import pytest']),
  };
}

/** Runs tests in a throw-away directory as a child process with a time limit, a memory limit and no network. */
export class ProcessSandbox implements Sandbox {
  private toolchain: Toolchain | undefined;

  constructor(private readonly options: { python?: string; node?: string } = {}) {}

  private tools(): Toolchain {
    this.toolchain ??= probeToolchain(this.options.python ?? 'python3');
    return this.toolchain;
  }

  async runTests(request: SandboxRequest): Promise<SandboxResult> {
    const tools = this.tools();
    const directory = await mkdtemp(join(tmpdir(), 'resoftai-sandbox-'));
    try {
      await this.writeProject(directory, request);
      const { command, args, env } = this.commandFor(request, tools, directory);
      return await this.execute(directory, [...tools.prefix, command], args, env, request, tools.isolation);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }

  private async writeProject(directory: string, request: SandboxRequest): Promise<void> {
    const testDirectories = new Set<string>();
    for (const file of request.files) {
      const target = resolve(directory, file.path);
      if (relative(directory, target).startsWith('..')) throw new Error(`refusing to write ${file.path} outside the sandbox`);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content);
      if (/(^|\/)test[^/]*\.py$/.test(file.path)) testDirectories.add(dirname(target));
    }
    // unittest discovery only descends into packages; pytest does not need this.
    for (const testDirectory of testDirectories) {
      if (testDirectory === directory) continue;
      const marker = join(testDirectory, '__init__.py');
      if (!request.files.some((file) => resolve(directory, file.path) === marker)) await writeFile(marker, '');
    }
  }

  private commandFor(request: SandboxRequest, tools: Toolchain, directory: string): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: directory,
      LANG: 'C.UTF-8',
      TMPDIR: directory,
      http_proxy: NOWHERE, https_proxy: NOWHERE, HTTP_PROXY: NOWHERE, HTTPS_PROXY: NOWHERE, ALL_PROXY: NOWHERE, no_proxy: '', NO_PROXY: '',
    };
    const memoryKb = request.memoryMb * 1024;
    if (request.stack === 'python') {
      if (!tools.python) throw new SandboxUnavailableError('python3 is not installed on this server');
      const testArgs = tools.pytest ? ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'] : ['-m', 'unittest', 'discover', '-v', '-s', '.', '-t', '.'];
      // ulimit -v caps the address space of the interpreter and everything it starts.
      return {
        command: 'sh',
        args: ['-c', `ulimit -v ${memoryKb} && exec "$@"`, 'sh', tools.python, ...testArgs],
        // Third-party pytest plugins of the host stay out: they are slow to load and not the project's.
        env: { ...env, PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1', PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1' },
      };
    }
    // V8 reserves far more address space than it uses, so Node's heap is capped instead.
    return {
      command: this.options.node ?? process.execPath,
      args: ['--test'],
      env: { ...env, NODE_OPTIONS: `--experimental-detect-module --max-old-space-size=${request.memoryMb}` },
    };
  }

  private execute(directory: string, command: string[], args: string[], env: NodeJS.ProcessEnv, request: SandboxRequest, isolation: 'netns' | 'proxy'): Promise<SandboxResult> {
    const started = performance.now();
    const [program, ...prefixArgs] = command;
    const shown = request.stack === 'python' ? ['python3', ...args.slice(4)].join(' ') : `node ${args.join(' ')}`;
    return new Promise((resolvePromise, reject) => {
      const child = spawn(program as string, [...prefixArgs, ...args], { cwd: directory, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      let timedOut = false;
      const append = (chunk: Buffer) => {
        if (output.length < MAX_OUTPUT_CHARS) output += chunk.toString('utf8');
      };
      child.stdout.on('data', append);
      child.stderr.on('data', append);
      const kill = () => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The process group is already gone.
        }
      };
      const timer = setTimeout(() => { timedOut = true; kill(); }, request.timeoutMs);
      request.signal?.addEventListener('abort', kill, { once: true });
      child.on('error', (error) => { clearTimeout(timer); reject(error); });
      child.on('close', (exitCode) => {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', kill);
        if (request.signal?.aborted) return reject(request.signal.reason);
        const text = output.length > MAX_OUTPUT_CHARS ? `${output.slice(0, MAX_OUTPUT_CHARS)}\n…[output cut]` : output;
        const counts = countTests(text);
        resolvePromise({
          command: shown,
          exitCode,
          passed: counts.passed,
          failed: exitCode === 0 || counts.failed > 0 ? counts.failed : Math.max(1, counts.failed),
          timedOut,
          durationMs: Math.round(performance.now() - started),
          output: timedOut ? `${text}\n[killed after ${request.timeoutMs} ms]` : text,
          isolation,
        });
      });
    });
  }
}
