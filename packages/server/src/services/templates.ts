import {
  categoryForPath,
  getTemplate,
  listTemplates,
  renderTemplate,
  type TemplateCategory,
  type TemplateDetail,
  TemplateNotFoundError,
  type TemplateSummary,
  TemplateVariableError,
  UnsafeTemplatePathError,
} from '@resoftai/templates';
import { AppError, fieldError, notFound } from '../errors.ts';
import type { FileService, FileSummaryView } from './files.ts';
import type { Principal } from './principal.ts';

export interface TemplateApplication {
  project_id: number;
  template_id: number;
  applied_at: string;
  generated_files: string[];
  files: FileSummaryView[];
}

/** Maps the template package's errors onto the API's: unknown template 404, bad variables 422 naming each. */
function toAppError(error: unknown): unknown {
  if (error instanceof TemplateNotFoundError) return notFound(error.message);
  if (error instanceof TemplateVariableError) {
    return new AppError(422, error.message, {
      validation: error.problems.map((p) => ({ loc: ['body', 'variables', p.variable], msg: p.message, type: 'value_error' })),
    });
  }
  if (error instanceof UnsafeTemplatePathError) return fieldError(422, ['body', 'variables'], error.message);
  return error;
}

async function translated<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    throw toAppError(error);
  }
}

export class TemplateService {
  constructor(private readonly files: FileService) {}

  list(category?: TemplateCategory): Promise<TemplateSummary[]> {
    return translated(listTemplates(category));
  }

  get(templateId: number): Promise<TemplateDetail> {
    return translated(getTemplate(templateId));
  }

  /** Renders the template and stores every file as a versioned project file, all or none; each file's audit entry names the template. */
  async apply(principal: Principal, templateId: number, projectId: number, variables: Record<string, unknown>): Promise<TemplateApplication> {
    const rendered = await translated(renderTemplate(templateId, variables));
    const files = await this.files.saveGeneratedFiles(
      principal,
      projectId,
      rendered.files.map((file) => ({ path: file.path, content: file.content, category: categoryForPath(file.path) })),
      { template_id: templateId },
    );
    return {
      project_id: projectId,
      template_id: templateId,
      applied_at: new Date().toISOString(),
      generated_files: files.map((f) => f.filename),
      files,
    };
  }
}
