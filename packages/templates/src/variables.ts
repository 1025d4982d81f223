import type { VariableProblem } from './errors.ts';
import type { VariableSpec } from './manifest.ts';

export type VariableValue = string | number | boolean;
export type VariableValues = Record<string, VariableValue>;

const DEFAULT_MAX_LENGTH = 200;
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
// Generated files are code in many languages, so markup is refused rather than HTML-escaped (escaping would corrupt code).
const MARKUP = /[<>]/;

/** A variable is required exactly when it has no default. */
export function isRequired(spec: VariableSpec): boolean {
  return spec.default === undefined;
}

function checkValue(spec: VariableSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'string': {
      if (typeof value !== 'string') return 'must be a string';
      if (value.trim() === '') return 'must not be empty';
      const maxLength = spec.max_length ?? DEFAULT_MAX_LENGTH;
      if (value.length > maxLength) return `must be at most ${maxLength} characters`;
      if (CONTROL_CHARACTERS.test(value)) return 'must not contain control characters';
      if (MARKUP.test(value)) return 'must not contain HTML markup (< or >)';
      if (spec.pattern !== undefined && !new RegExp(`^(?:${spec.pattern})$`, 'u').test(value)) {
        return `must match the pattern ${spec.pattern}`;
      }
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean';
    case 'enum':
      return typeof value === 'string' && spec.options.includes(value)
        ? undefined
        : `must be one of: ${spec.options.join(', ')}`;
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be an integer';
      if (spec.min !== undefined && value < spec.min) return `must be at least ${spec.min}`;
      if (spec.max !== undefined && value > spec.max) return `must be at most ${spec.max}`;
      return undefined;
    }
  }
}

/**
 * Checks the caller's values against the declarations and fills in defaults.
 * Returns the complete values, or every problem found (one per bad variable).
 */
export function resolveVariables(
  specs: Record<string, VariableSpec>,
  input: Record<string, unknown>,
): { values: VariableValues; problems: VariableProblem[] } {
  const values: VariableValues = {};
  const problems: VariableProblem[] = [];
  for (const name of Object.keys(input)) {
    if (!Object.hasOwn(specs, name)) problems.push({ variable: name, message: 'is not a variable of this template' });
  }
  for (const [name, spec] of Object.entries(specs)) {
    const given = Object.hasOwn(input, name) ? input[name] : undefined;
    const value = given ?? spec.default;
    if (value === undefined) {
      problems.push({ variable: name, message: 'is required' });
      continue;
    }
    const problem = checkValue(spec, value);
    if (problem !== undefined) problems.push({ variable: name, message: problem });
    else values[name] = value as VariableValue;
  }
  return { values, problems };
}

/** Values used for previews and smoke renders: each default, else the declared example. */
export function exampleInput(specs: Record<string, VariableSpec>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.default === undefined && 'example' in spec) input[name] = spec.example;
  }
  return input;
}
