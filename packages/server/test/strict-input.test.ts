import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createUser, type TestApp, type TestUser } from './support.ts';

let t: TestApp;
let user: TestUser;
let projectId: number;
before(async () => {
  t = await createTestApp();
  user = await createUser(t.app);
  const created = await t.app.inject({ method: 'POST', url: '/api/projects', headers: user.auth, payload: { name: 'strict', requirements: 'Build a small calculator library.' } });
  projectId = created.json().id;
});
after(() => t.close());

describe('input is taken as written, not as it could be read', () => {
  test('an id is one spelling: padded, hex, decimal-point, zero-led, exponent and signed forms are refused naming the field', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/projects/${projectId}`, headers: user.auth })).statusCode, 200);
    for (const spelt of [` ${projectId}`, `0x${projectId}`, `${projectId}.0`, `0${projectId}`, `${projectId}e0`, `+${projectId}`]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/projects/${encodeURIComponent(spelt)}`, headers: user.auth });
      assert.equal(response.statusCode, 422, spelt);
      assert.deepEqual(response.json().detail[0].loc, ['params', 'project_id'], spelt);
    }
    const paged = await t.app.inject({ method: 'GET', url: '/api/projects?limit=05', headers: user.auth });
    assert.equal(paged.statusCode, 422);
    assert.deepEqual(paged.json().detail[0].loc, ['querystring', 'limit']);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/projects?limit=5', headers: user.auth })).statusCode, 200);
  });

  test('only the login route takes a form body; the rest answer 415 and create nothing', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/projects', headers: user.auth })).json().total;
    const form = await t.app.inject({
      method: 'POST', url: '/api/projects', headers: { ...user.auth, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=formed&requirements=Build%20a%20small%20calculator%20library',
    });
    assert.equal(form.statusCode, 415);
    assert.equal(form.json().error.code, 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/projects', headers: user.auth })).json().total, before);
    const login = await t.app.inject({
      method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=${user.username}&password=${encodeURIComponent('SecurePass123!')}`,
    });
    assert.equal(login.statusCode, 200, login.body);
  });

  test('arrays are bounded by what they may hold', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/analyze/code', headers: user.auth, payload: { code: 'x = 1\n', language: 'python', rules: Array(10_000).fill('security') } });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json().detail[0].loc, ['body', 'rules']);
  });

  test("a documented error code has its own error.code, not the validation one", async () => {
    const execute = await t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/execute`, headers: user.auth });
    assert.equal(execute.statusCode, 422, execute.body);
    assert.equal(execute.json().error_code, 'LLM_002');
    assert.equal(execute.json().error.code, 'LLM_CONFIG_INVALID');
  });
});
