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

// Reasoning some models write inline before the answer; never part of the answer.
const REASONING_BLOCK = /<(think|thinking|reasoning)>[\s\S]*?<\/\1>/gi;
const FENCED_BLOCK = /^[ \t]*```[\w-]*[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*```[ \t]*$/gm;
// Bounds the candidate scan on long prose full of brackets.
const MAX_SCANNED_STARTS = 64;

/** The reply without a byte-order mark and reasoning blocks. */
function answerText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(REASONING_BLOCK, '').trim();
}

/** Where the JSON value opened at `start` closes, reading strings so brackets and fences inside them never count; -1 when it never closes. */
function closingIndex(text: string, start: number): number {
  const open: string[] = [];
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') open.push(char === '{' ? '}' : ']');
    else if (char === '}' || char === ']') {
      if (open.pop() !== char) return -1;
      if (open.length === 0) return index;
    }
  }
  return -1;
}

/** Texts that may hold the answer, most literal first: the whole reply, each balanced JSON value in it, each fenced block, then the reply from its first bracket on (a truncated value). */
function jsonCandidates(text: string): string[] {
  const candidates = [text];
  let starts = 0;
  for (let index = text.search(/[{[]/); index >= 0 && starts < MAX_SCANNED_STARTS; starts++) {
    const end = closingIndex(text, index);
    if (end > index) candidates.push(text.slice(index, end + 1));
    const next = text.slice(end > index ? end + 1 : index + 1).search(/[{[]/);
    if (next < 0) break;
    index = (end > index ? end + 1 : index + 1) + next;
  }
  for (const match of text.matchAll(FENCED_BLOCK)) candidates.push(match[1]!.trim());
  const firstBracket = text.search(/[{[]/);
  if (firstBracket > 0) candidates.push(text.slice(firstBracket));
  return [...new Set(candidates)];
}

function parseExact(candidate: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(candidate) };
  } catch {
    return undefined;
  }
}

function parseRepaired(candidate: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(jsonrepair(candidate)) };
  } catch {
    return undefined;
  }
}

/** Every JSON value the reply yields, exact readings before repaired ones (trailing commas, single quotes, raw newlines, a cut-off end). */
function* jsonValues(text: string): Generator<unknown> {
  const candidates = jsonCandidates(answerText(text));
  for (const candidate of candidates) {
    const parsed = parseExact(candidate);
    if (parsed) yield parsed.value;
  }
  for (const candidate of candidates) {
    const repaired = parseRepaired(candidate);
    if (repaired && typeof repaired.value === 'object' && repaired.value !== null) yield repaired.value;
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** The first JSON value in the reply that fits the schema: taken whole when it is JSON, else found and repaired around prose, fences and reasoning. */
export function parseStructured<T>(text: string, schema: z.ZodType<T>): StructuredParse<T> {
  let mismatch: z.ZodError | undefined;
  for (const value of jsonValues(text)) {
    const validated = schema.safeParse(value);
    if (validated.success) return { ok: true, value: validated.data };
    mismatch ??= validated.error;
  }
  if (mismatch) return { ok: false, error: `the JSON does not match the schema: ${describeIssues(mismatch)}` };
  return { ok: false, error: 'the reply holds no JSON value' };
}
