import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DrizzleQueryError } from 'drizzle-orm';
import { serializeError } from '../src/http/log-serializers.ts';

test('a failed query is logged with its SQL and cause, never its parameters', () => {
  const error = new DrizzleQueryError('insert into sessions (id, user_id) values ($1, $2)', ['session-secret-value', 7], new Error('PGlite is closed'));
  const logged = serializeError(error);
  assert.doesNotMatch(JSON.stringify(logged), /session-secret-value/);
  assert.equal(logged.message, 'Failed query: insert into sessions (id, user_id) values ($1, $2): PGlite is closed');
  assert.equal(logged.type, 'DrizzleQueryError');
  assert.match(logged.stack, /^DrizzleQueryError: Failed query: insert into sessions[^\n]*\n {4}at /);
});

test('other errors are logged as pino writes them', () => {
  const logged = serializeError(Object.assign(new Error('boom'), { code: 'E_X' }));
  assert.equal(logged.message, 'boom');
  assert.equal(logged.code, 'E_X');
});
