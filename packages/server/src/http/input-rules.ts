import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ValidationDetail } from '../errors.ts';
import { validationFailure } from './error-envelope.ts';

/** Deeper free-form JSON than any document needs; also keeps serialising it far from the stack's end. */
export const MAX_JSON_DEPTH = 32;

// A UTF-16 surrogate without its partner cannot be stored as UTF-8 (PostgreSQL text and jsonb refuse it).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or undefined when it can. */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'must not contain an unpaired UTF-16 surrogate';
  return undefined;
}

/** The first place in a parsed value that breaks the text rule or the depth bound. */
export function findInputProblem(value: unknown, loc: (string | number)[]): ValidationDetail | undefined {
  const found = problemIn(value, 0);
  return found && { loc: [...loc, ...found.path], msg: found.msg, type: found.type };
}

// The path is built on the way back up, so input that passes (nearly all of it) allocates none.
function problemIn(value: unknown, depth: number): { path: (string | number)[]; msg: string; type: string } | undefined {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path: [], msg: problem, type: 'value_error.text' } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_JSON_DEPTH) return { path: [], msg: `nests deeper than ${MAX_JSON_DEPTH} levels`, type: 'value_error.depth' };
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = problemIn(value[index], depth + 1);
      if (found) {
        found.path.unshift(index);
        return found;
      }
    }
    return undefined;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const keyProblem = textProblem(key);
    if (keyProblem) return { path: [key], msg: `key ${keyProblem}`, type: 'value_error.text' };
    const found = problemIn((value as Record<string, unknown>)[key], depth + 1);
    if (found) {
      found.path.unshift(key);
      return found;
    }
  }
  return undefined;
}

interface SchemaNode {
  _zod?: { def?: { type?: string; coerce?: boolean; innerType?: SchemaNode } };
  shape?: Record<string, SchemaNode>;
}

/** A number read from text (path and query values): `z.coerce.number()`, possibly optional or defaulted. */
function isCoercedNumber(schema: SchemaNode | undefined): boolean {
  const def = schema?._zod?.def;
  if (!def) return false;
  if (def.type === 'optional' || def.type === 'default') return isCoercedNumber(def.innerType);
  return def.type === 'number' && def.coerce === true;
}

const NO_KEYS: ReadonlySet<string> = new Set();
const numericKeysBySchema = new WeakMap<object, ReadonlySet<string>>();

/** The keys of a params or querystring schema that hold numbers, worked out once per schema. */
function numericKeysOf(schema: unknown): ReadonlySet<string> {
  if (!schema || typeof schema !== 'object') return NO_KEYS;
  let keys = numericKeysBySchema.get(schema);
  if (!keys) {
    const shape = (schema as SchemaNode).shape ?? {};
    keys = new Set(Object.keys(shape).filter((key) => isCoercedNumber(shape[key])));
    numericKeysBySchema.set(schema, keys);
  }
  return keys;
}

/**
 * A number in a path or query is written plainly (`5`, `0.25`, `-3`): coercion would otherwise read ` 5`, `0x5`,
 * `5.0`, `05` or `1e0` as 5 and let many spellings address one resource.
 */
function numberSpellingProblem(values: unknown, schema: unknown, where: 'params' | 'querystring'): ValidationDetail | undefined {
  if (!values || typeof values !== 'object') return undefined;
  for (const key of numericKeysOf(schema)) {
    const value = (values as Record<string, unknown>)[key];
    if (typeof value === 'string' && String(Number(value)) !== value) {
      return { loc: [where, key], msg: 'must be a number written in plain decimal digits (e.g. 5)', type: 'type_error.number' };
    }
  }
  return undefined;
}

/**
 * One rule for every operation, before its own validation: text that the database cannot store and
 * free-form JSON nested without bound are refused, naming the field (`params`, `querystring`, `body`, as the schema
 * validation names them), as are numbers spelt other than plainly;
 * an empty JSON body is no body.
 */
export function installInputRules(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  // Many clients send Content-Type: application/json on every request, body or not.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const schema = request.routeOptions.schema;
    const problem =
      findInputProblem(request.params, ['params']) ?? findInputProblem(request.query, ['querystring']) ?? findInputProblem(request.body, ['body']) ??
      numberSpellingProblem(request.params, schema?.params, 'params') ?? numberSpellingProblem(request.query, schema?.querystring, 'querystring');
    if (problem) throw validationFailure(request, [problem]);
  });
}
