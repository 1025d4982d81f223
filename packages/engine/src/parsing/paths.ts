const MAX_PATH_LENGTH = 240;
const MAX_SEGMENT_LENGTH = 120;

/**
 * A model-supplied path as a relative POSIX path inside the project, or undefined when
 * nothing usable is left. `..`, `.`, drive letters and leading slashes are dropped, so
 * `../../etc/passwd` and `/etc/passwd` both become `etc/passwd`.
 */
export function sanitizeProjectPath(raw: string): string | undefined {
  const cleaned = raw
    .trim()
    .replace(/^['"`]+|['"`]+$/g, '')
    .replace(/\\/g, '/')
    .replace(/^[A-Za-z]:(?=\/)/, '')
    .replace(/^file:\/\//i, '');
  const segments: string[] = [];
  for (const segment of cleaned.split('/')) {
    // Control characters, NUL and characters no file system takes are removed, not escaped.
    const safe = segment.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').trim(); // eslint-disable-line no-control-regex
    if (safe === '' || safe === '.' || safe === '..' || /^\.+$/.test(safe)) continue;
    if (safe === '.git') continue;
    segments.push(safe.slice(0, MAX_SEGMENT_LENGTH));
  }
  const path = segments.join('/');
  if (path === '' || path.length > MAX_PATH_LENGTH) return undefined;
  return path;
}

const BARE_FILE_NAMES = new Set(['Dockerfile', 'Makefile', 'Procfile', 'LICENSE', 'Gemfile', 'Rakefile', 'Jenkinsfile', 'Containerfile']);

/** Whether a token looks like a file path (has an extension, or is a known extension-less file). */
export function looksLikePath(token: string): boolean {
  if (token.length === 0 || token.length > MAX_PATH_LENGTH || /\s/.test(token)) return false;
  if (/^https?:/i.test(token)) return false;
  const name = token.replace(/\\/g, '/').split('/').pop() ?? '';
  if (BARE_FILE_NAMES.has(name)) return true;
  if (/^\.[\w-]+$/.test(name)) return /^\.(gitignore|env\.example|dockerignore|editorconfig|npmrc|nvmrc|prettierrc|eslintrc|babelrc)$/.test(name);
  return /^[\w@~.\-/\\[\]()+]*[\w\-)\]]\.[A-Za-z0-9]{1,10}$/.test(token) && /[A-Za-z_]/.test(name.split('.')[0] ?? '');
}

/** Whether a project path is a test file by the usual conventions. */
export function isTestPath(path: string): boolean {
  return /(^|\/)(tests?|__tests__|spec)\//.test(path) || /(^|\/)test_[^/]+\.py$|_test\.(py|go)$|\.(test|spec)\.[cm]?[jt]sx?$/.test(path);
}
