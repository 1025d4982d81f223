import { posix } from 'node:path';
import { Liquid, type Template } from 'liquidjs';
import { UnsafeTemplatePathError } from './errors.ts';
import { nameFilters } from './names.ts';
import type { VariableValues } from './variables.ts';

export interface GeneratedFile {
  path: string;
  content: string;
}

/** One template source file, parsed once when the catalog loads. */
export interface CompiledFile {
  /** Path as authored in the catalog (Liquid expressions kept, `.liquid` suffix removed). */
  sourcePath: string;
  path: Template[];
  content: Template[];
  condition: Template[] | undefined;
}

/**
 * Strict engine: undefined variables and unknown filters are errors, only own properties resolve,
 * and the in-memory `templates` map leaves `include`/`render` nothing to read from disk.
 * Output is not HTML-escaped: files are code; HTML files use the `escape` filter where they need it.
 */
export const engine = new Liquid({
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  templates: {},
});
for (const [name, filter] of Object.entries(nameFilters)) engine.registerFilter(name, filter);

export function compileCondition(expression: string): Template[] {
  return engine.parse(`{% if ${expression} %}yes{% endif %}`);
}

/** Normalizes a rendered path, refusing anything that is not a relative path inside the project. */
export function safeRelativePath(rendered: string): string {
  const path = rendered.trim();
  if (path === '') throw new UnsafeTemplatePathError(rendered, 'it is empty');
  if (path.includes('\0')) throw new UnsafeTemplatePathError(rendered, 'it contains a NUL character');
  if (path.includes('\\')) throw new UnsafeTemplatePathError(rendered, 'it contains a backslash');
  if (path.startsWith('/')) throw new UnsafeTemplatePathError(rendered, 'it is absolute');
  const normalized = posix.normalize(path);
  if (normalized === '.' || normalized.endsWith('/')) throw new UnsafeTemplatePathError(rendered, 'it names no file');
  if (normalized === '..' || normalized.startsWith('../')) {
    throw new UnsafeTemplatePathError(rendered, 'it leaves the project directory');
  }
  return normalized;
}

export async function renderFiles(files: CompiledFile[], values: VariableValues): Promise<GeneratedFile[]> {
  const generated: GeneratedFile[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    if (file.condition && (await engine.render(file.condition, values)) !== 'yes') continue;
    const path = safeRelativePath(await engine.render(file.path, values));
    if (seen.has(path)) throw new UnsafeTemplatePathError(path, 'two template files render to it');
    seen.add(path);
    generated.push({ path, content: await engine.render(file.content, values) });
  }
  return generated;
}
