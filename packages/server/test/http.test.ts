import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { validate } from '@readme/openapi-parser';
import { buildApp } from '../src/app.ts';
import { isCodeRevRoute } from '../src/http/error-envelope.ts';
import { createTestApp, openTestDatabase, testConfig, type TestApp } from './support.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

describe('health', () => {
  test('reports status, version, database kind and uptime', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.status, 'ok');
    assert.match(body.version, /^\d+\.\d+\.\d+/);
    assert.equal(body.database, process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'embedded');
    assert.equal(typeof body.uptime_seconds, 'number');
  });
});

describe('error envelope', () => {
  test('an unknown route gets 404 in the envelope with a request id header', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/does-not-exist' });
    assert.equal(response.statusCode, 404);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), ['detail', 'error', 'error_code', 'request_id', 'status_code', 'timestamp']);
    assert.equal(body.error.code, 'NOT_FOUND');
    assert.equal(body.request_id, response.headers['x-request-id']);
    assert.ok(!Number.isNaN(Date.parse(body.timestamp)));
  });

  test('a well-formed incoming X-Request-ID is echoed, a hostile one is replaced', async () => {
    const echoed = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'trace-123' } });
    assert.equal(echoed.headers['x-request-id'], 'trace-123');
    const hostile = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'a b\r\n<script>' } });
    assert.match(String(hostile.headers['x-request-id']), /^req-[0-9a-f-]{36}$/);
  });

  test('an oversized body gets 413', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: JSON.stringify({ username: 'x', email: 'y', password: 'z'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(response.statusCode, 413);
    assert.equal(response.json().error_code, 'PAYLOAD_TOO_LARGE');
  });

  test('an unexpected failure is a bare 500 without stack or SQL text', async () => {
    const database = await openTestDatabase();
    const app = await buildApp({ config: testConfig(), database, logger: false });
    app.get('/api/explode', async () => {
      throw new Error('SELECT password_hash FROM users -- at internal.ts:12');
    });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/explode' });
      assert.equal(response.statusCode, 500);
      assert.equal(response.json().error_code, 'INTERNAL_ERROR');
      assert.equal(response.json().error.code, 'INTERNAL_ERROR');
      assert.ok(!response.body.includes('SELECT') && !response.body.includes('internal.ts'));
    } finally {
      await app.close();
      await database.close();
    }
  });

  test('CodeRev route families are recognised for 400 validation errors', () => {
    for (const path of ['/api/analyze/code', '/api/fixes/apply', '/api/three-version/status', '/api/admin/users?page=1']) {
      assert.equal(isCodeRevRoute(path), true, path);
    }
    for (const path of ['/api/projects', '/api/auth/login', '/api/administrators', '/api/analyzers']) {
      assert.equal(isCodeRevRoute(path), false, path);
    }
  });
});

describe('OpenAPI', () => {
  test('/openapi.json documents every API route with its responses and request schemas', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(response.statusCode, 200);
    const document = response.json();
    const expected = [
      ['post', '/api/auth/register'], ['post', '/api/auth/login'], ['post', '/api/auth/refresh'], ['post', '/api/auth/logout'],
      ['get', '/api/auth/me'], ['put', '/api/auth/me'], ['post', '/api/auth/change-password'],
      ['post', '/api/auth/api-keys'], ['get', '/api/auth/api-keys'], ['delete', '/api/auth/api-keys/{key_id}'], ['get', '/api/health'],
    ];
    for (const [method, path] of expected) {
      const operation = document.paths[path!]?.[method!];
      assert.ok(operation, `${method} ${path} is documented`);
      assert.ok(operation.responses['200'] || operation.responses['201'] || operation.responses['204'], `${method} ${path} has a success response`);
      assert.ok(operation.responses['500'], `${method} ${path} documents errors`);
      if (method === 'post' || method === 'put') {
        if (path !== '/api/auth/logout') assert.ok(operation.requestBody, `${method} ${path} has a request body`);
      }
    }
    for (const [path, methods] of Object.entries<Record<string, { responses?: object }>>(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        assert.ok(operation.responses && Object.keys(operation.responses).length > 0, `${method} ${path} has responses`);
      }
    }
    const login = document.paths['/api/auth/login'].post.requestBody.content;
    assert.ok(login['application/x-www-form-urlencoded'] && login['application/json']);
  });

  test('/openapi.json passes an OpenAPI validator: every $ref resolves, every operation has a unique id', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const result = await validate(structuredClone(document));
    assert.deepEqual(result.valid ? [] : result.errors, []);
    const operations = Object.values<Record<string, { operationId?: string }>>(document.paths).flatMap((methods) => Object.values(methods));
    const ids = operations.map((operation) => operation.operationId);
    assert.ok(ids.every(Boolean), 'every operation has an operationId');
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    assert.equal(document.paths['/api/templates/{template_id}/apply'].post.operationId, 'postTemplatesByTemplateIdApply');
  });

  test('uploads are multipart with a binary file field, and the Socket.IO events are described', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const upload = document.paths['/api/files'].post.requestBody.content['multipart/form-data'].schema;
    assert.equal(upload.type, 'object');
    assert.equal(upload.properties.file.format, 'binary');
    const events = Object.keys(document['x-socketio'].server_events);
    for (const event of ['project_update', 'agent_activity', 'workflow_started', 'stage_completed', 'workflow_completed', 'workflow_failed']) {
      assert.ok(events.includes(event), event);
    }
  });

  test('/docs serves Swagger UI from the package, offline', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /swagger/i);
    assert.ok(!/https?:\/\/(?!localhost)[a-z0-9.-]+\/[^"']*\.(js|css)/i.test(page.body), 'no assets from the network');
  });
});
