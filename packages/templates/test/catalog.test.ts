import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getTemplate, listTemplates, renderTemplate, TEMPLATE_CATEGORIES, TemplateNotFoundError } from '../src/index.ts';

describe('listTemplates', () => {
  test('offers at least 8 templates over backend, frontend, fullstack and cli', async () => {
    const templates = await listTemplates();
    assert.ok(templates.length >= 8);
    const categories = new Set(templates.map((t) => t.category));
    for (const category of ['backend', 'frontend', 'fullstack', 'cli']) assert.ok(categories.has(category as never), category);
    assert.deepEqual(
      templates.map((t) => t.id),
      [...new Set(templates.map((t) => t.id))].sort((a, b) => a - b),
      'ids are unique and ordered',
    );
  });

  test('summaries have exactly the documented fields', async () => {
    const [first] = await listTemplates();
    assert.ok(first);
    assert.deepEqual(Object.keys(first).sort(), ['category', 'created_at', 'description', 'id', 'name', 'variables', 'version']);
    assert.equal(first.name, 'FastAPI REST API');
    assert.equal(first.created_at, '2025-11-01T00:00:00Z');
    assert.deepEqual(first.variables.project_name, {
      type: 'string',
      description: 'Project name (letters, digits, spaces, dashes, underscores)',
      example: 'my-api',
      pattern: '[A-Za-z][A-Za-z0-9 _-]*',
      max_length: 64,
      required: true,
    });
    assert.equal(first.variables.port?.required, false, 'a variable with a default is not required');
  });

  test('filters by category', async () => {
    for (const category of TEMPLATE_CATEGORIES) {
      for (const template of await listTemplates(category)) assert.equal(template.category, category);
    }
    assert.deepEqual((await listTemplates('cli')).map((t) => t.name), ['Python CLI', 'Node CLI']);
    assert.deepEqual(await listTemplates('mobile'), []);
  });
});

describe('getTemplate', () => {
  test('lists authored paths, conditional ones included, and previews the README', async () => {
    const detail = await getTemplate(1);
    assert.ok(detail.files.includes('app/main.py'));
    assert.ok(detail.files.includes('Dockerfile'));
    assert.ok(detail.files.includes('app/auth.py'), 'conditional files are listed');
    assert.match(detail.preview, /^# my-api\n/);
    assert.match(detail.preview, /uvicorn app\.main:app --reload --port 8000/);
    const cli = await getTemplate(7);
    assert.ok(cli.files.includes('src/{{ project_name | snake_case }}/cli.py'));
  });

  test('unknown ids are not found', async () => {
    for (const id of [0, 999, -1, Number.NaN, 1.5]) {
      await assert.rejects(getTemplate(id), TemplateNotFoundError);
      await assert.rejects(renderTemplate(id, {}), TemplateNotFoundError);
    }
  });
});

describe('renderTemplate', () => {
  test('conditional files follow their variables', async () => {
    const paths = async (variables: Record<string, unknown>) =>
      (await renderTemplate(1, { project_name: 'shop', ...variables })).files.map((f) => f.path);
    const plain = await paths({ docker: false });
    assert.ok(!plain.includes('Dockerfile') && !plain.includes('app/auth.py') && !plain.includes('app/database.py'));
    const full = await paths({ enable_auth: true, database: 'postgresql' });
    for (const path of ['Dockerfile', 'docker-compose.yml', 'app/auth.py', 'app/database.py']) assert.ok(full.includes(path), path);
  });

  test('loops generate one route set per resource', async () => {
    const { files } = await renderTemplate(1, { project_name: 'shop', resources: 'orders,line_items' });
    const routes = files.find((f) => f.path === 'app/routes.py')?.content ?? '';
    assert.match(routes, /orders_router = APIRouter\(prefix="\/orders"/);
    assert.match(routes, /line_items_router = APIRouter\(prefix="\/line-items"/);
  });

  test('paths are rendered from variables', async () => {
    const { files } = await renderTemplate(7, { project_name: 'My Data Tool' });
    assert.ok(files.some((f) => f.path === 'src/my_data_tool/cli.py'));
    const node = await renderTemplate(8, { project_name: 'ReleaseBot' });
    assert.ok(node.files.some((f) => f.path === 'bin/release-bot.js'));
  });

  test('free text reaches code only as an escaped literal and HTML only escaped', async () => {
    const description = `Tom & "Jerry" 'say' \\ {{ hi }}`;
    const { files } = await renderTemplate(4, { project_name: 'app', description });
    const app = files.find((f) => f.path === 'src/App.tsx')?.content ?? '';
    assert.ok(app.includes(`const DESCRIPTION = ${JSON.stringify(description)};`));
    const html = files.find((f) => f.path === 'index.html')?.content ?? '';
    assert.ok(html.includes('content="Tom &amp; &#34;Jerry&#34; &#39;say&#39; \\ {{ hi }}"'), html);
  });
});
