import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TemplateCatalogError, TemplateNotFoundError, TemplateVariableError } from './errors.ts';
import { manifestSchema, type TemplateCategory, type TemplateManifest, type VariableSpec } from './manifest.ts';
import { compileCondition, engine, renderFiles, type CompiledFile, type GeneratedFile } from './render.ts';
import { exampleInput, isRequired, resolveVariables } from './variables.ts';

export const BUILT_IN_CATALOG_DIR = fileURLToPath(new URL('../catalog', import.meta.url));
const SOURCE_SUFFIX = '.liquid';
const PREVIEW_FILE = 'README.md';

export type VariableDeclaration = VariableSpec & { required: boolean };

export interface TemplateSummary {
  id: number;
  name: string;
  description: string;
  category: TemplateCategory;
  version: string;
  variables: Record<string, VariableDeclaration>;
  created_at: string;
}

export interface TemplateDetail extends TemplateSummary {
  /** Paths as authored: expressions such as `{{ project_name | snake_case }}` are kept, conditional files included. */
  files: string[];
  /** The template's README.md rendered with each variable's default, or its example when it has none. */
  preview: string;
}

export interface RenderedProject {
  files: GeneratedFile[];
}

interface LoadedTemplate {
  manifest: TemplateManifest;
  files: CompiledFile[];
}

async function listSourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

function checkDeclarations(manifest: TemplateManifest, where: string): void {
  for (const [name, spec] of Object.entries(manifest.variables)) {
    if (spec.required !== undefined && spec.required !== isRequired(spec)) {
      throw new TemplateCatalogError(`${where}: variable ${name} is required exactly when it has no default`);
    }
    if (isRequired(spec) && !('example' in spec && spec.example !== undefined)) {
      throw new TemplateCatalogError(`${where}: required variable ${name} needs an example for previews`);
    }
  }
  const { problems } = resolveVariables(manifest.variables, exampleInput(manifest.variables));
  if (problems.length > 0) throw new TemplateCatalogError(`${where}: ${new TemplateVariableError(problems).message}`);
}

async function loadTemplate(dir: string): Promise<LoadedTemplate> {
  const where = `template ${dir}`;
  const parsed = manifestSchema.safeParse(JSON.parse(await readFile(join(dir, 'template.json'), 'utf8')));
  if (!parsed.success) throw new TemplateCatalogError(`${where}: ${parsed.error.message}`);
  const manifest = parsed.data;
  checkDeclarations(manifest, where);

  const filesDir = join(dir, 'files');
  const files: CompiledFile[] = [];
  for (const sourceFile of await listSourceFiles(filesDir)) {
    if (!sourceFile.endsWith(SOURCE_SUFFIX)) {
      throw new TemplateCatalogError(`${where}: ${sourceFile} must end in ${SOURCE_SUFFIX}`);
    }
    const sourcePath = sourceFile.slice(0, -SOURCE_SUFFIX.length);
    const condition = manifest.conditional_files[sourcePath];
    files.push({
      sourcePath,
      path: engine.parse(sourcePath),
      content: engine.parse(await readFile(join(filesDir, sourceFile), 'utf8')),
      condition: condition === undefined ? undefined : compileCondition(condition),
    });
  }
  const sourcePaths = new Set(files.map((f) => f.sourcePath));
  for (const path of Object.keys(manifest.conditional_files)) {
    if (!sourcePaths.has(path)) throw new TemplateCatalogError(`${where}: conditional file ${path} does not exist`);
  }
  if (!sourcePaths.has(PREVIEW_FILE)) throw new TemplateCatalogError(`${where}: it has no ${PREVIEW_FILE}`);
  return { manifest, files };
}

function summarize(manifest: TemplateManifest): TemplateSummary {
  const variables: Record<string, VariableDeclaration> = {};
  for (const [name, spec] of Object.entries(manifest.variables)) variables[name] = { ...spec, required: isRequired(spec) };
  const { id, name, description, category, version, created_at } = manifest;
  return { id, name, description, category, version, variables, created_at };
}

/** The templates of one catalog folder (`<slug>/template.json` + `<slug>/files/**.liquid`), loaded and parsed once. */
export class TemplateCatalog {
  private constructor(private readonly templates: Map<number, LoadedTemplate>) {}

  static async load(dir: string): Promise<TemplateCatalog> {
    const slugs = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    const templates = new Map<number, LoadedTemplate>();
    const usedSlugs = new Set<string>();
    for (const slug of slugs.sort()) {
      const template = await loadTemplate(join(dir, slug));
      const { id } = template.manifest;
      if (template.manifest.slug !== slug) throw new TemplateCatalogError(`template ${slug}: slug must match its folder`);
      if (templates.has(id) || usedSlugs.has(slug)) throw new TemplateCatalogError(`template ${slug}: id ${id} is taken`);
      templates.set(id, template);
      usedSlugs.add(slug);
    }
    return new TemplateCatalog(templates);
  }

  list(category?: TemplateCategory): TemplateSummary[] {
    return [...this.templates.values()]
      .filter((t) => category === undefined || t.manifest.category === category)
      .sort((a, b) => a.manifest.id - b.manifest.id)
      .map((t) => summarize(t.manifest));
  }

  async get(id: number): Promise<TemplateDetail> {
    const template = this.find(id);
    const { values } = resolveVariables(template.manifest.variables, exampleInput(template.manifest.variables));
    const readme = template.files.filter((f) => f.sourcePath === PREVIEW_FILE);
    const [preview] = await renderFiles(readme, values);
    return {
      ...summarize(template.manifest),
      files: template.files.map((f) => f.sourcePath),
      preview: preview?.content ?? '',
    };
  }

  /** Validates the variables (all problems at once) and renders every file whose condition holds. */
  async render(id: number, variables: Record<string, unknown>): Promise<RenderedProject> {
    const template = this.find(id);
    const { values, problems } = resolveVariables(template.manifest.variables, variables);
    if (problems.length > 0) throw new TemplateVariableError(problems);
    return { files: await renderFiles(template.files, values) };
  }

  private find(id: number): LoadedTemplate {
    const template = this.templates.get(id);
    if (!template) throw new TemplateNotFoundError(id);
    return template;
  }
}
