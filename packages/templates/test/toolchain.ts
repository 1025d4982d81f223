// Checks a generated project with each language's own toolchain; used by toolchain.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import type { GeneratedFile } from '../src/index.ts';

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

export function writeProject(files: GeneratedFile[]): string {
  const root = mkdtempSync(join(tmpdir(), 'resoftai-template-'));
  for (const file of files) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.content);
  }
  return root;
}

function run(command: string, args: string[], cwd: string): string | undefined {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status === 0 && result.stdout.trim() === '') return undefined;
  return `${command} ${args.join(' ')}: ${result.stdout}${result.stderr}`.trim();
}

/** Syntax diagnostics of TypeScript/TSX files on disk (declaration files included), without resolving imports. */
function typescriptProblems(root: string, paths: string[]): string[] {
  if (paths.length === 0) return [];
  const program = ts.createProgram({
    rootNames: paths.map((p) => join(root, p)),
    options: { noResolve: true, noLib: true, jsx: ts.JsxEmit.Preserve, target: ts.ScriptTarget.ES2022 },
  });
  return paths.flatMap((path) => {
    const sourceFile = program.getSourceFile(join(root, path));
    if (!sourceFile) return [`${path}: not read by the TypeScript compiler`];
    return program
      .getSyntacticDiagnostics(sourceFile)
      .map((d) => `${path}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  });
}

/** `<script>` blocks of a Vue single-file component, checked as TypeScript or JavaScript by their `lang`. */
function vueScriptProblems(root: string, path: string, source: string): string[] {
  const problems: string[] = [];
  for (const [, attributes = '', body = ''] of source.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/lang=["']ts["']/.test(attributes)) {
      writeFileSync(join(root, `${path}.script.ts`), body);
      problems.push(...typescriptProblems(root, [`${path}.script.ts`]));
    } else {
      const scratch = join(root, `${path}.script.mjs`);
      writeFileSync(scratch, body);
      const problem = run(process.execPath, ['--check', scratch], root);
      if (problem) problems.push(problem);
    }
  }
  if (!/<template>[\s\S]*<\/template>/.test(source)) problems.push(`${path}: no <template> block`);
  return problems;
}

export interface ToolchainReport {
  problems: string[];
  skipped: string[];
}

/** Runs every applicable check over a project written with writeProject. */
export function checkProject(root: string, files: GeneratedFile[]): ToolchainReport {
  const problems: string[] = [];
  const skipped: string[] = [];
  const byExtension = (...extensions: string[]) => files.filter((f) => extensions.includes(extname(f.path)));

  const python = byExtension('.py').map((f) => f.path);
  if (python.length > 0) {
    const problem = run('python3', ['-m', 'py_compile', ...python], root);
    if (problem) problems.push(problem);
  }
  for (const file of byExtension('.js', '.mjs', '.cjs')) {
    const problem = run(process.execPath, ['--check', file.path], root);
    if (problem) problems.push(problem);
  }
  problems.push(...typescriptProblems(root, byExtension('.ts', '.tsx', '.mts').map((f) => f.path)));
  for (const file of byExtension('.vue')) problems.push(...vueScriptProblems(root, file.path, file.content));
  for (const file of byExtension('.json')) {
    try {
      JSON.parse(file.content);
    } catch (error) {
      problems.push(`${file.path}: ${(error as Error).message}`);
    }
  }
  for (const file of byExtension('.yml', '.yaml')) {
    for (const document of parseAllDocuments(file.content)) {
      problems.push(...document.errors.map((e) => `${file.path}: ${e.message}`));
    }
  }
  const toml = byExtension('.toml').map((f) => f.path);
  if (toml.length > 0) {
    const script = 'import sys, tomllib\nfor p in sys.argv[1:]:\n    tomllib.load(open(p, "rb"))';
    const problem = run('python3', ['-c', script, ...toml], root);
    if (problem) problems.push(problem);
  }
  const go = byExtension('.go').map((f) => f.path);
  if (go.length > 0) {
    if (hasCommand('gofmt')) {
      const problem = run('gofmt', ['-l', ...go], root);
      if (problem) problems.push(`not gofmt-clean or invalid: ${problem}`);
    } else skipped.push(`gofmt is not installed: ${go.length} Go file(s) not checked`);
  }
  return { problems, skipped };
}
