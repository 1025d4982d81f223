import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createProject, tableCounts, uploadFile } from './project-support.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

let t: TestApp;
let admin: TestUser;
before(async () => {
  t = await createTestApp();
  admin = await createUser(t.app, 'projects_admin');
});
after(() => t.close());

const setStatus = (id: number, status: string) => queryRows(t.database, sql`UPDATE projects SET status = ${status} WHERE id = ${id}`);

describe('creating a project', () => {
  test('answers 201 with the documented shape, pending, empty deliverables', async () => {
    const owner = await createUser(t.app);
    const config = { execution_strategy: 'adaptive', enable_cache: true, enable_checkpoints: true, parallel_stages: ['architecture_design', 'ui_design'] };
    const project = await createProject(t.app, owner, { name: '我的Web应用', description: '一个现代化的Web应用', config });
    assert.equal(project.user_id, owner.id);
    assert.equal(project.name, '我的Web应用');
    assert.equal(project.status, 'pending');
    assert.equal(project.progress, 0);
    assert.equal(project.current_stage, null);
    assert.deepEqual(project.config, config);
    assert.deepEqual(project.deliverables, {});
    assert.equal(project.llm_config_id, null);
    assert.equal(project.completed_at, null);
    assert.ok(!Number.isNaN(Date.parse(String(project.created_at))));
  });

  test('refuses invalid fields with 422 naming the field, and writes nothing', async () => {
    const owner = await createUser(t.app);
    const before = await tableCounts(t.database);
    const valid = { name: 'Shop', requirements: 'A web shop with carts.' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, name: '' }, 'name'],
      [{ ...valid, name: '   ' }, 'name'],
      [{ ...valid, name: 'x'.repeat(201) }, 'name'],
      [{ name: 'Shop' }, 'requirements'],
      [{ ...valid, requirements: 'too short' }, 'requirements'],
      [{ ...valid, config: { execution_strategy: 'random' } }, 'config.execution_strategy'],
      [{ ...valid, config: { parallel_stages: ['deployment'] } }, 'config.parallel_stages.0'],
      [{ ...valid, config: { parallel_stages: ['ui_design', 'ui_design'] } }, 'config.parallel_stages'],
      [{ ...valid, config: { enable_cache: 'yes' } }, 'config.enable_cache'],
      [{ ...valid, config: { surprise: true } }, 'config'],
      [{ ...valid, owner_id: 1 }, ''],
    ];
    for (const [payload, field] of cases) {
      const response = await t.app.inject({ method: 'POST', url: '/api/projects', headers: owner.auth, payload });
      assert.equal(response.statusCode, 422, `${JSON.stringify(payload)}: ${response.body}`);
      const fields = response.json().error.details.map((d: { field: string }) => d.field);
      if (field) assert.ok(fields.includes(field), `${field} not in ${fields.join(', ')}`);
    }
    assert.deepEqual(await tableCounts(t.database), before);
  });

  test("llm_config_id: null is stored; only one of the owner's own LLM configs is accepted", async () => {
    const owner = await createUser(t.app);
    const stranger = await createUser(t.app);
    const withNull = await createProject(t.app, owner, { llm_config_id: null });
    assert.equal(withNull.llm_config_id, null);
    const configOf = async (user: typeof owner) =>
      (await t.app.inject({ method: 'POST', url: '/api/llm-configs', headers: user.auth, payload: { name: 'c', provider: 'deepseek', model: 'deepseek-chat', api_key: 'sk-test-0123456789' } })).json().id as number;
    const own = await configOf(owner);
    const foreign = await configOf(stranger);
    const withOwn = await createProject(t.app, owner, { llm_config_id: own });
    assert.equal(withOwn.llm_config_id, own);
    const before = await tableCounts(t.database);
    for (const llmConfigId of [foreign, 999_999]) {
      const refused = await t.app.inject({ method: 'POST', url: '/api/projects', headers: owner.auth, payload: { name: 'P', requirements: 'Build something useful.', llm_config_id: llmConfigId } });
      assert.equal(refused.statusCode, 422);
      assert.deepEqual(refused.json().detail[0].loc, ['body', 'llm_config_id']);
      const update = await t.app.inject({ method: 'PUT', url: `/api/projects/${withNull.id}`, headers: owner.auth, payload: { llm_config_id: llmConfigId } });
      assert.equal(update.statusCode, 422);
    }
    assert.deepEqual(await tableCounts(t.database), before);
  });

  test('needs authentication', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/projects', payload: { name: 'P', requirements: 'Build something useful.' } });
    assert.equal(response.statusCode, 401);
  });
});

describe('listing projects', () => {
  test("a JSON array of the caller's own projects, newest first, with X-Total-Count", async () => {
    const owner = await createUser(t.app);
    const other = await createUser(t.app);
    await createProject(t.app, other);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createProject(t.app, owner, { name: `P${i}` })).id);
    const all = await t.app.inject({ method: 'GET', url: '/api/projects', headers: owner.auth });
    assert.equal(all.statusCode, 200);
    assert.equal(all.headers['x-total-count'], '5');
    const items = all.json();
    assert.ok(Array.isArray(items));
    assert.deepEqual(items.map((p: { id: number }) => p.id), [...ids].reverse());
    assert.deepEqual(Object.keys(items[0]).sort(), ['completed_at', 'created_at', 'current_stage', 'description', 'id', 'name', 'progress', 'status', 'team_id', 'updated_at']);

    const page = await t.app.inject({ method: 'GET', url: '/api/projects?skip=1&limit=2', headers: owner.auth });
    assert.deepEqual(page.json().map((p: { id: number }) => p.id), [ids[3], ids[2]]);
    assert.equal(page.headers['x-total-count'], '5');
    const past = await t.app.inject({ method: 'GET', url: '/api/projects?skip=10', headers: owner.auth });
    assert.deepEqual(past.json(), []);
    assert.equal(past.headers['x-total-count'], '5');
  });

  test('filters by status', async () => {
    const owner = await createUser(t.app);
    const a = await createProject(t.app, owner);
    await createProject(t.app, owner);
    await setStatus(a.id, 'completed');
    const completed = await t.app.inject({ method: 'GET', url: '/api/projects?status=completed', headers: owner.auth });
    assert.deepEqual(completed.json().map((p: { id: number }) => p.id), [a.id]);
    assert.equal(completed.headers['x-total-count'], '1');
  });

  test('refuses bad paging and unknown statuses with 422', async () => {
    const owner = await createUser(t.app);
    for (const query of ['limit=0', 'limit=101', 'skip=-1', 'limit=abc', 'status=done', 'skip=1.5']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/projects?${query}`, headers: owner.auth });
      assert.equal(response.statusCode, 422, query);
    }
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/projects?limit=100', headers: owner.auth })).statusCode, 200);
  });
});

describe('one project', () => {
  test('detail, update while pending, 409 stating why once it is not', async () => {
    const owner = await createUser(t.app);
    const project = await createProject(t.app, owner);
    const detail = await t.app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: owner.auth });
    assert.equal(detail.statusCode, 200);
    // Never run yet: no last run.
    assert.deepEqual(detail.json(), { ...project, last_run: null });

    const updated = await t.app.inject({
      method: 'PUT',
      url: `/api/projects/${project.id}`,
      headers: owner.auth,
      payload: { name: '更新的项目名称', description: '更新的描述', requirements: '更新的需求：支持订单导出和退款。' },
    });
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.json().name, '更新的项目名称');
    assert.equal(updated.json().requirements, '更新的需求：支持订单导出和退款。');
    assert.ok(Date.parse(updated.json().updated_at) >= Date.parse(String(project.updated_at)));

    const empty = await t.app.inject({ method: 'PUT', url: `/api/projects/${project.id}`, headers: owner.auth, payload: {} });
    assert.equal(empty.statusCode, 422);

    await setStatus(project.id, 'running');
    const running = await t.app.inject({ method: 'PUT', url: `/api/projects/${project.id}`, headers: owner.auth, payload: { name: 'Late' } });
    assert.equal(running.statusCode, 409);
    assert.equal(running.json().error_code, 'PROJ_002');
    assert.match(running.json().detail, /is running; only pending projects can be updated/);
    await setStatus(project.id, 'completed');
    const completed = await t.app.inject({ method: 'PUT', url: `/api/projects/${project.id}`, headers: owner.auth, payload: { name: 'Late' } });
    assert.equal(completed.statusCode, 409);
    assert.match(completed.json().detail, /is completed/);
    const after = await t.app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: owner.auth });
    assert.equal(after.json().name, '更新的项目名称');
  });

  test('non-numeric and out-of-range ids are refused with 422', async () => {
    const owner = await createUser(t.app);
    for (const id of ['abc', '0', '-1', '1.5', '99999999999']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/projects/${id}`, headers: owner.auth });
      assert.equal(response.statusCode, 422, id);
    }
    const missing = await t.app.inject({ method: 'GET', url: '/api/projects/424242', headers: owner.auth });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error_code, 'PROJ_001');
  });

  test("another user gets the same 404 as for a missing project, and changes nothing", async () => {
    const owner = await createUser(t.app);
    const prober = await createUser(t.app);
    const project = await createProject(t.app, owner);
    const before = await tableCounts(t.database);
    const attempts = [
      { method: 'GET', url: `/api/projects/${project.id}` },
      { method: 'PUT', url: `/api/projects/${project.id}`, payload: { name: 'Mine now' } },
      { method: 'DELETE', url: `/api/projects/${project.id}` },
      { method: 'GET', url: `/api/projects/${project.id}/download` },
    ] as const;
    for (const attempt of attempts) {
      const response = await t.app.inject({ ...attempt, headers: prober.auth });
      const missing = await t.app.inject({ ...attempt, url: attempt.url.replace(String(project.id), '424242'), headers: prober.auth });
      assert.equal(response.statusCode, 404, `${attempt.method} ${attempt.url}`);
      assert.equal(response.json().detail, missing.json().detail);
      assert.equal(response.json().error_code, missing.json().error_code);
    }
    const listed = await t.app.inject({ method: 'GET', url: '/api/projects', headers: prober.auth });
    assert.deepEqual(listed.json(), []);
    assert.deepEqual(await tableCounts(t.database), before);
  });

  test('an admin may read and change any project', async () => {
    const owner = await createUser(t.app);
    const project = await createProject(t.app, owner);
    const read = await t.app.inject({ method: 'GET', url: `/api/projects/${project.id}`, headers: admin.auth });
    assert.equal(read.statusCode, 200);
    const changed = await t.app.inject({ method: 'PUT', url: `/api/projects/${project.id}`, headers: admin.auth, payload: { description: 'checked by admin' } });
    assert.equal(changed.statusCode, 200);
    assert.equal(changed.json().user_id, owner.id);
  });

  test('delete removes the project with its files, versions, content and activities', async () => {
    const owner = await createUser(t.app);
    const keep = await createProject(t.app, owner, { name: 'Keep' });
    const doomed = await createProject(t.app, owner, { name: 'Doomed' });
    assert.equal((await uploadFile(t.app, owner, keep.id, 'shared.txt', 'shared content\n')).statusCode, 201);
    assert.equal((await uploadFile(t.app, owner, doomed.id, 'shared.txt', 'shared content\n')).statusCode, 201);
    assert.equal((await uploadFile(t.app, owner, doomed.id, 'only.txt', 'only in the doomed project\n')).statusCode, 201);
    await queryRows(t.database, sql`INSERT INTO agent_activities (project_id, agent_name, stage, status) VALUES (${doomed.id}, 'RequirementsAnalystAgent', 'requirements_analysis', 'completed')`);
    const before = await tableCounts(t.database);

    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/projects/${doomed.id}`, headers: owner.auth });
    assert.equal(deleted.statusCode, 204);
    assert.equal(deleted.body, '');
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/projects/${doomed.id}`, headers: owner.auth })).statusCode, 404);
    const afterDelete = await tableCounts(t.database);
    assert.equal(afterDelete.projects, before.projects! - 1);
    assert.equal(afterDelete.project_files, before.project_files! - 2);
    assert.equal(afterDelete.file_versions, before.file_versions! - 2);
    assert.equal(afterDelete.agent_activities, before.agent_activities! - 1);
    // The content the other project still uses stays; the content only the deleted project had is gone.
    assert.equal(afterDelete.file_blobs, before.file_blobs! - 1);
    const kept = await t.app.inject({ method: 'GET', url: `/api/files?project_id=${keep.id}`, headers: owner.auth });
    const file = await t.app.inject({ method: 'GET', url: `/api/files/${kept.json()[0].id}`, headers: owner.auth });
    assert.equal(file.json().content, 'shared content\n');
  });
});

test('/openapi.json documents every route of projects, files, templates and activities', async () => {
  const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const expected = [
    ['post', '/api/projects'], ['get', '/api/projects'], ['get', '/api/projects/{project_id}'], ['put', '/api/projects/{project_id}'],
    ['delete', '/api/projects/{project_id}'], ['get', '/api/projects/{project_id}/download'],
    ['post', '/api/files'], ['get', '/api/files'], ['get', '/api/files/{file_id}'], ['get', '/api/files/{file_id}/download'],
    ['put', '/api/files/{file_id}'], ['delete', '/api/files/{file_id}'], ['get', '/api/files/{file_id}/versions'],
    ['post', '/api/files/{file_id}/versions/{version}/restore'],
    ['get', '/api/templates'], ['get', '/api/templates/{template_id}'], ['post', '/api/templates/{template_id}/apply'],
    ['get', '/api/agent-activities'], ['get', '/api/agent-activities/{activity_id}'],
  ];
  for (const [method, path] of expected) {
    const operation = document.paths[path!]?.[method!];
    assert.ok(operation, `${method} ${path} is documented`);
    assert.ok(operation.security?.length > 0, `${method} ${path} documents its security`);
    assert.ok(operation.responses['200'] || operation.responses['201'] || operation.responses['204'], `${method} ${path} has a success response`);
    assert.ok(operation.responses['404'] || path === '/api/projects' || path === '/api/templates', `${method} ${path} documents 404`);
  }
  for (const path of ['/api/files', '/api/files/{file_id}']) {
    const method = path === '/api/files' ? 'post' : 'put';
    const schema = document.paths[path][method].requestBody.content['multipart/form-data'].schema;
    assert.equal(schema.type, 'object');
    assert.equal(schema.properties.file.format, 'binary');
  }
});
