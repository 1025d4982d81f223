import { BUILT_IN_CATALOG_DIR, TemplateCatalog, type RenderedProject, type TemplateDetail, type TemplateSummary } from './catalog.ts';
import type { TemplateCategory } from './manifest.ts';

export { TemplateCatalog, BUILT_IN_CATALOG_DIR } from './catalog.ts';
export type { RenderedProject, TemplateDetail, TemplateSummary, VariableDeclaration } from './catalog.ts';
export { categoryForPath, FILE_CATEGORIES, type FileCategory } from './categories.ts';
export {
  TemplateCatalogError,
  TemplateNotFoundError,
  TemplateVariableError,
  UnsafeTemplatePathError,
  type VariableProblem,
} from './errors.ts';
export { TEMPLATE_CATEGORIES, type TemplateCategory, type VariableSpec } from './manifest.ts';
export { nameFilters } from './names.ts';
export type { GeneratedFile } from './render.ts';

let builtIn: Promise<TemplateCatalog> | undefined;

/** The catalog shipped in `packages/templates/catalog`, loaded on first use. */
export function builtInCatalog(): Promise<TemplateCatalog> {
  builtIn ??= TemplateCatalog.load(BUILT_IN_CATALOG_DIR);
  return builtIn;
}

export async function listTemplates(category?: TemplateCategory): Promise<TemplateSummary[]> {
  return (await builtInCatalog()).list(category);
}

export async function getTemplate(id: number): Promise<TemplateDetail> {
  return (await builtInCatalog()).get(id);
}

export async function renderTemplate(id: number, variables: Record<string, unknown>): Promise<RenderedProject> {
  return (await builtInCatalog()).render(id, variables);
}
