import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createProject, tableCounts } from './project-support.ts';
import { createTestApp, createUser, type TestApp, type TestUser } from './support.ts';

let t: TestApp;
let owner: TestUser;
before(async () => {
  t = await createTestApp();
  await createUser(t.app, 'templates_admin');
  owner = await createUser(t.app);
});
after(() => t.close());

const apply = (user: TestUser, templateId: number | string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/templates/${templateId}/apply`, headers: user.auth, payload });

describe('template catalog', () => {
  test('lists every template with typed variables; filters by category', async () => {
    const all = await t.app.inject({ method: 'GET', url: '/api/templates', headers: owner.auth });
    assert.equal(all.statusCode, 200);
    const templates = all.json();
    assert.ok(templates.length >= 8);
    assert.deepEqual(new Set(templates.map((x: { category: string }) => x.category)), new Set(['backend', 'frontend', 'fullstack', 'cli']));
    const fastapi = templates.find((x: { id: number }) => x.id === 1);
    assert.equal(fastapi.name, 'FastAPI REST API');
    assert.deepEqual({ type: fastapi.variables.project_name.type, required: fastapi.variables.project_name.required }, { type: 'string', required: true });
    assert.equal(fastapi.variables.docker.required, false);

    const cli = await t.app.inject({ method: 'GET', url: '/api/templates?category=cli', headers: owner.auth });
    assert.ok(cli.json().length >= 2);
    assert.ok(cli.json().every((x: { category: string }) => x.category === 'cli'));
    const mobile = await t.app.inject({ method: 'GET', url: '/api/templates?category=mobile', headers: owner.auth });
    assert.deepEqual(mobile.json(), []);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/templates?category=desktop', headers: owner.auth })).statusCode, 422);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/templates' })).statusCode, 401);
  });

  test('detail has files and a rendered preview; unknown ids are 404, non-numeric 422', async () => {
    const detail = await t.app.inject({ method: 'GET', url: '/api/templates/1', headers: owner.auth });
    assert.equal(detail.statusCode, 200);
    assert.ok(detail.json().files.includes('app/main.py'));
    assert.match(detail.json().preview, /\S/);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/templates/999', headers: owner.auth })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/templates/fastapi', headers: owner.auth })).statusCode, 422);
  });
});

describe('applying a template', () => {
  test('writes every rendered file as a versioned project file, category from its path', async () => {
    const project = await createProject(t.app, owner);
    const response = await apply(owner, 1, { project_id: project.id, variables: { project_name: 'my-api', database: 'postgresql', enable_auth: true } });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.project_id, project.id);
    assert.equal(body.template_id, 1);
    assert.ok(!Number.isNaN(Date.parse(body.applied_at)));
    assert.ok(body.generated_files.includes('app/main.py'));
    assert.ok(body.generated_files.includes('app/auth.py'));
    assert.ok(body.generated_files.includes('.gitignore'));

    const listed = await t.app.inject({ method: 'GET', url: `/api/files?project_id=${project.id}&limit=100`, headers: owner.auth });
    const byName = new Map(listed.json().map((f: { filename: string; category: string; version: number }) => [f.filename, f]));
    assert.deepEqual([...byName.keys()].sort(), [...body.generated_files].sort());
    assert.equal((byName.get('tests/test_main.py') as { category: string }).category, 'test');
    assert.equal((byName.get('README.md') as { category: string }).category, 'documentation');
    assert.equal((byName.get('app/main.py') as { category: string }).category, 'code');

    const again = await apply(owner, 1, { project_id: project.id, variables: { project_name: 'my-api', database: 'postgresql', enable_auth: true } });
    assert.ok(again.json().files.every((f: { version: number }) => f.version === 2));
  });

  test('a variable with a default is not required', async () => {
    const project = await createProject(t.app, owner);
    const response = await apply(owner, 7, { project_id: project.id, variables: { project_name: 'ToolBox' } });
    assert.equal(response.statusCode, 200, response.body);
    assert.ok(response.json().generated_files.some((p: string) => p.startsWith('src/tool_box/')));
  });

  test('bad variables answer 422 naming each variable and write nothing', async () => {
    const project = await createProject(t.app, owner);
    const before = await tableCounts(t.database);
    const cases: [Record<string, unknown>, string[]][] = [
      [{}, ['project_name']],
      [{ project_name: 'api', port: 'eighty' }, ['port']],
      [{ project_name: 'api', docker: 'yes', database: 'oracle' }, ['docker', 'database']],
      [{ project_name: '<script>alert(1)</script>' }, ['project_name']],
      [{ project_name: '../../etc' }, ['project_name']],
      [{ project_name: 'a/b' }, ['project_name']],
      [{ project_name: 'api', description: '<b>bold</b>' }, ['description']],
      [{ project_name: 'api', unknown_variable: 1 }, ['unknown_variable']],
    ];
    for (const [variables, named] of cases) {
      const response = await apply(owner, 1, { project_id: project.id, variables });
      assert.equal(response.statusCode, 422, `${JSON.stringify(variables)}: ${response.body}`);
      const locs = response.json().detail.map((d: { loc: string[] }) => d.loc.join('.'));
      assert.deepEqual(locs.sort(), named.map((n) => `body.variables.${n}`).sort());
    }
    assert.equal((await apply(owner, 999, { project_id: project.id, variables: { project_name: 'api' } })).statusCode, 404);
    assert.equal((await apply(owner, 1, { project_id: 'one', variables: { project_name: 'api' } })).statusCode, 422);
    assert.equal((await apply(owner, 1, { variables: { project_name: 'api' } })).statusCode, 422);
    assert.deepEqual(await tableCounts(t.database), before);
  });

  test("another user's or a missing project answers 404 and nothing is written", async () => {
    const prober = await createUser(t.app);
    const project = await createProject(t.app, owner);
    const before = await tableCounts(t.database);
    const foreign = await apply(prober, 1, { project_id: project.id, variables: { project_name: 'api' } });
    const missing = await apply(prober, 1, { project_id: 424242, variables: { project_name: 'api' } });
    assert.equal(foreign.statusCode, 404);
    assert.equal(foreign.json().detail, missing.json().detail);
    assert.deepEqual(await tableCounts(t.database), before);
  });
});
