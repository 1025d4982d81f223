import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

const SKIPPED_DIRECTORIES = new Set(['node_modules', 'vendor', 'dist', '.git', '__pycache__', '.venv', 'venv', 'target', 'build', 'coverage']);
const MINIFIED_NAME = /[.-]min\.(js|mjs|cjs)$/i;
const MINIFIED_MIN_LENGTH = 5_000;
const MINIFIED_LINE_LENGTH = 500;

interface IgnoreScope {
  dir: string;
  rules: Ignore;
}

function loadGitignore(dir: string): IgnoreScope | null {
  const file = join(dir, '.gitignore');
  if (!existsSync(file)) return null;
  return { dir, rules: ignore().add(readFileSync(file, 'utf8')) };
}

/** .gitignore files of the directories above `start`, up to the repository root. */
function ancestorScopes(start: string): IgnoreScope[] {
  const scopes: IgnoreScope[] = [];
  for (let dir = dirname(start); ; dir = dirname(dir)) {
    const scope = loadGitignore(dir);
    if (scope) scopes.unshift(scope);
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) break;
  }
  return scopes;
}

function isIgnored(path: string, isDirectory: boolean, scopes: readonly IgnoreScope[]): boolean {
  return scopes.some(({ dir, rules }) => {
    const rel = relative(dir, path).split(sep).join('/');
    return rel !== '' && !rel.startsWith('..') && rules.ignores(isDirectory ? `${rel}/` : rel);
  });
}

/** Minified bundles: by name, or long files made of very long lines. */
export function looksMinified(path: string, code: string): boolean {
  if (MINIFIED_NAME.test(path)) return true;
  if (code.length < MINIFIED_MIN_LENGTH) return false;
  const lines = code.split('\n').length;
  return code.length / lines > MINIFIED_LINE_LENGTH;
}

/**
 * Files under the given paths that `accept` takes, honouring .gitignore and skipping dependency,
 * build and VCS directories. Explicitly named files are always returned.
 */
export function collectSourceFiles(paths: readonly string[], accept: (path: string) => boolean): string[] {
  const found: string[] = [];
  const walk = (dir: string, scopes: IgnoreScope[]) => {
    const own = loadGitignore(dir);
    const active = own ? [...scopes, own] : scopes;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !isIgnored(path, true, active)) walk(path, active);
      } else if (entry.isFile() && accept(path) && !isIgnored(path, false, active)) {
        found.push(path);
      }
    }
  };
  for (const input of paths) {
    const path = resolve(input);
    if (statSync(path).isDirectory()) walk(path, ancestorScopes(join(path, '.')));
    else found.push(path);
  }
  return [...new Set(found)];
}
