export interface VariableProblem {
  variable: string;
  message: string;
}

export class TemplateNotFoundError extends Error {
  override readonly name = 'TemplateNotFoundError';
  constructor(readonly templateId: number) {
    super(`Template ${templateId} does not exist`);
  }
}

/** The caller's variables do not satisfy the template's declarations; one problem per bad variable. */
export class TemplateVariableError extends Error {
  override readonly name = 'TemplateVariableError';
  constructor(readonly problems: VariableProblem[]) {
    super(`Invalid template variables: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`);
  }
}

/** A rendered file path would leave the project directory or is not a plain relative path. */
export class UnsafeTemplatePathError extends Error {
  override readonly name = 'UnsafeTemplatePathError';
  constructor(readonly path: string, reason: string) {
    super(`Generated path ${JSON.stringify(path)} is unsafe: ${reason}`);
  }
}

/** A catalog folder is malformed: a bug in the shipped templates, never in the caller's input. */
export class TemplateCatalogError extends Error {
  override readonly name = 'TemplateCatalogError';
}
