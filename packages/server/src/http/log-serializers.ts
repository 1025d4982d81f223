import { DrizzleQueryError } from 'drizzle-orm';
import { stdSerializers } from 'pino';

/**
 * Logged errors as pino's standard serializer writes them, except that a failed query keeps its SQL and cause
 * but not its bound values (user data, and megabytes for a batch insert).
 */
export function serializeError(error: Error): ReturnType<typeof stdSerializers.err> {
  if (!(error instanceof DrizzleQueryError)) return stdSerializers.err(error);
  const clean = new Error(`Failed query: ${error.query}`, { cause: error.cause });
  const frames = (error.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
  clean.stack = [`DrizzleQueryError: ${clean.message}`, ...frames].join('\n');
  return { ...stdSerializers.err(clean), type: 'DrizzleQueryError' };
}
