import { jsonrepair } from 'jsonrepair';
import { z } from 'zod';

export type StructuredParse<T> = { ok: true; value: T } | { ok: false; error: string };

/** The JSON Schema of a zod schema, as sent to providers and prompts. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown>;
}

/** System-prompt paragraph asking for JSON that fits the schema. */
export function schemaInstruction(schema: z.ZodType): string {
  return `Reply with only a JSON value that conforms to this JSON Schema, without prose or code fences:\n${JSON.stringify(jsonSchemaOf(schema))}`;
}

/** The follow-up turn when a reply did not fit the schema. */
export function reaskPrompt(error: string): string {
  return `Your previous reply could not be used: ${error}\nReply again with only the corrected JSON value.`;
}

/** The JSON part of a reply: inside a code fence if there is one, else from the first bracket to the last. */
function jsonCandidate(text: string): string {
  const fenced = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(text);
  const body = (fenced?.[1] ?? text).trim();
  const start = body.search(/[{[]/);
  if (start < 0) return body;
  const end = Math.max(body.lastIndexOf('}'), body.lastIndexOf(']'));
  return end > start ? body.slice(start, end + 1) : body.slice(start);
}

function parseLenient(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const candidate = jsonCandidate(text);
  try {
    return { ok: true, value: JSON.parse(candidate) };
  } catch {
    try {
      return { ok: true, value: JSON.parse(jsonrepair(candidate)) };
    } catch (error) {
      return { ok: false, error: `the reply is not JSON (${(error as Error).message})` };
    }
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Extracts, repairs (fences, trailing commas, prose around it) and validates a JSON reply. */
export function parseStructured<T>(text: string, schema: z.ZodType<T>): StructuredParse<T> {
  const parsed = parseLenient(text);
  if (!parsed.ok) return parsed;
  const validated = schema.safeParse(parsed.value);
  if (validated.success) return { ok: true, value: validated.data };
  return { ok: false, error: `the JSON does not match the schema: ${describeIssues(validated.error)}` };
}
