import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

// Fixed by default so a CI failure can be replayed; FUZZ_SEED=… explores other inputs, FUZZ_RUNS=… more of them.
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 12);
const ENVELOPE_KEYS = ['detail', 'error', 'error_code', 'request_id', 'status_code', 'timestamp'];
// Written on refused requests on purpose (failed attempts are audited, requests are counted and logged), and the
// turns the periodic jobs' timers claim while the fuzzer runs.
const RECORD_TABLES = new Set(['audit_logs', 'http_requests', 'llm_usage', 'periodic_runs']);

interface Parameter { name: string; in: 'path' | 'query' | 'header'; schema?: { type?: string; enum?: unknown[] } }
interface Operation { method: string; path: string; parameters: Parameter[]; bodyProperties: Record<string, { type?: string; enum?: unknown[] }> | undefined; json: boolean }

let t: TestApp;
let operations: Operation[];
let tables: string[];
before(async () => {
  t = await createTestApp();
  const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: { properties?: Operation['bodyProperties']; $ref?: string } }> } }>>;
    components: { schemas: Record<string, { properties?: Operation['bodyProperties'] }> };
  };
  const resolve = (schema: { properties?: Operation['bodyProperties']; $ref?: string } | undefined) =>
    schema?.$ref ? document.components.schemas[schema.$ref.split('/').at(-1)!]?.properties : schema?.properties;
  operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => {
    const content = operation.requestBody?.content ?? {};
    return {
      method: method.toUpperCase(),
      path,
      parameters: operation.parameters ?? [],
      bodyProperties: resolve(content['application/json']?.schema),
      json: 'application/json' in content || !operation.requestBody,
    };
  }));
  tables = (await queryRows<{ name: string }>(t.database, sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`))
    .map((row) => row.name)
    .filter((name) => !RECORD_TABLES.has(name));
});
after(() => t?.close());

/** Every stored row of every table but the records that refused requests are meant to leave. */
async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const [row] = await queryRows<{ digest: string | null }>(t.database, sql`SELECT md5(coalesce(string_agg(md5(r::text), ',' ORDER BY md5(r::text)), '')) AS digest FROM ${sql.identifier(table)} r`);
    parts.push(`${table}:${row!.digest}`);
  }
  return parts.join('\n');
}

const oddText = fc.constantFrom('', ' 1', '0x1', '1.0', '01', '-1', '1e3', '9'.repeat(40), 'a'.repeat(5000), '\u0000', '\uD800', '../..', '%', '{}', 'null', 'true', '日本語', '<script>');
const idLike = fc.oneof(fc.constant('1'), fc.constant('2'), fc.integer({ min: -3, max: 3 }).map(String), fc.string({ maxLength: 20 }), oddText);
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), oddText, fc.constant(undefined));

/** A value for a body field: of its declared type now and then, anything else the rest of the time. */
function fieldValue(schema: { type?: string; enum?: unknown[] }): fc.Arbitrary<unknown> {
  const typed = schema.enum ? fc.constantFrom(...schema.enum)
    : schema.type === 'integer' || schema.type === 'number' ? fc.oneof(fc.integer({ min: -2, max: 3 }), fc.double(), fc.constant(2 ** 53))
      : schema.type === 'boolean' ? fc.boolean()
        : schema.type === 'array' ? fc.array(anyJson, { maxLength: 3 })
          : schema.type === 'object' ? fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 })
            : fc.oneof(fc.string({ maxLength: 30 }), oddText);
  return fc.oneof(typed, anyJson);
}

function requestFor(operation: Operation): fc.Arbitrary<{ url: string; payload: unknown }> {
  const pathParams = operation.parameters.filter((parameter) => parameter.in === 'path');
  const queryParams = operation.parameters.filter((parameter) => parameter.in === 'query');
  const body = operation.bodyProperties
    ? fc.oneof(
      fc.record(Object.fromEntries(Object.entries(operation.bodyProperties).map(([name, schema]) => [name, fieldValue(schema)])), { requiredKeys: [] }),
      anyJson,
    )
    : fc.oneof(fc.constant(undefined), anyJson);
  return fc.record({
    path: fc.tuple(...pathParams.map(() => idLike)),
    query: fc.tuple(...queryParams.map(() => fc.option(fc.oneof(fc.string({ maxLength: 12 }), oddText, fc.integer().map(String)), { nil: undefined }))),
    payload: body,
  }).map(({ path, query, payload }) => {
    let url = operation.path;
    pathParams.forEach((parameter, index) => {
      url = url.replace(`{${parameter.name}}`, encodeURIComponent(path[index]!));
    });
    const search = new URLSearchParams();
    queryParams.forEach((parameter, index) => {
      if (query[index] !== undefined) search.set(parameter.name, query[index]!);
    });
    return { url: `${url}${search.size > 0 ? `?${search}` : ''}`, payload };
  });
}

test('every operation of the OpenAPI document answers odd input with a 4xx in the envelope, and a refusal changes nothing', { timeout: 15 * 60_000 }, async () => {
  assert.ok(operations.length > 90, `the document lists ${operations.length} operations`);
  const failures: string[] = [];
  for (const operation of operations) {
    // A fresh administrator per operation: the widest reach, and no earlier logout or deletion in the way.
    const admin: TestUser = await createUser(t.app);
    await t.database.db.execute(sql`UPDATE users SET role = 'admin' WHERE id = ${admin.id}`);
    await fc.assert(fc.asyncProperty(requestFor(operation), async ({ url, payload }) => {
      const before = await snapshot();
      const response = await t.app.inject({
        method: operation.method as 'GET',
        url,
        headers: { ...admin.auth, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
      });
      const where = `${operation.method} ${url} ${JSON.stringify(payload)?.slice(0, 200)} → ${response.statusCode}`;
      assert.ok(response.statusCode < 500, `${where}: ${response.body.slice(0, 300)}`);
      if (response.statusCode >= 400) {
        assert.deepEqual(Object.keys(response.json()).sort(), ENVELOPE_KEYS, `${where}: outside the envelope`);
        assert.equal(await snapshot(), before, `${where}: refused, yet the data changed`);
      }
    }), { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true }).catch((error: Error) => failures.push(error.message.split('\n').filter((line) => /Counterexample|→/.test(line)).join('\n')));
  }
  assert.deepEqual(failures, []);
});
