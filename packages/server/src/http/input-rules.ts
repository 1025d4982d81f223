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

/**
 * One rule for every operation, before its own validation: text that the database cannot store and
 * free-form JSON nested without bound are refused, naming the field; an empty JSON body is no body.
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
    const problem =
      findInputProblem(request.params, ['path']) ?? findInputProblem(request.query, ['query']) ?? findInputProblem(request.body, ['body']);
    if (problem) throw validationFailure(request, [problem]);
  });
}
