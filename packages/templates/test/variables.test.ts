import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  categoryForPath,
  renderTemplate,
  TemplateCatalog,
  TemplateCatalogError,
  TemplateVariableError,
  UnsafeTemplatePathError,
  type VariableProblem,
} from '../src/index.ts';
import { safeRelativePath } from '../src/render.ts';

async function problemsOf(id: number, variables: Record<string, unknown>): Promise<VariableProblem[]> {
  try {
    await renderTemplate(id, variables);
  } catch (error) {
    if (error instanceof TemplateVariableError) return error.problems;
    throw error;
  }
  assert.fail(`template ${id} accepted ${JSON.stringify(variables)}`);
}

describe('variable validation', () => {
  test('a missing required variable is named; defaults fill the rest', async () => {
    assert.deepEqual(await problemsOf(1, {}), [{ variable: 'project_name', message: 'is required' }]);
    assert.deepEqual(await problemsOf(1, { project_name: '   ' }), [{ variable: 'project_name', message: 'must not be empty' }]);
    const { files } = await renderTemplate(1, { project_name: 'shop' });
    assert.ok(files.some((f) => f.path === 'Dockerfile' && f.content.includes('EXPOSE 8000')));
  });

  test('every wrongly typed variable is reported at once', async () => {
    const problems = await problemsOf(1, {
      project_name: 42,
      enable_auth: 'yes',
      database: 'mysql',
      port: '8000',
      docker: null,
      colour: 'blue',
    });
    assert.deepEqual(
      problems.sort((a, b) => a.variable.localeCompare(b.variable)),
      [
        { variable: 'colour', message: 'is not a variable of this template' },
        { variable: 'database', message: 'must be one of: none, sqlite, postgresql' },
        { variable: 'enable_auth', message: 'must be a boolean' },
        { variable: 'port', message: 'must be an integer' },
        { variable: 'project_name', message: 'must be a string' },
      ],
    );
  });

  test('integers respect their bounds and reject fractions', async () => {
    assert.deepEqual(await problemsOf(1, { project_name: 'a', port: 80 }), [{ variable: 'port', message: 'must be at least 1024' }]);
    assert.deepEqual(await problemsOf(1, { project_name: 'a', port: 70000 }), [{ variable: 'port', message: 'must be at most 65535' }]);
    assert.deepEqual(await problemsOf(1, { project_name: 'a', port: 8000.5 }), [{ variable: 'port', message: 'must be an integer' }]);
  });

  test('HTML markup is refused in every string variable', async () => {
    const problems = await problemsOf(4, { project_name: 'app', description: '<script>alert(1)</script>' });
    assert.deepEqual(problems, [{ variable: 'description', message: 'must not contain HTML markup (< or >)' }]);
  });

  test('path separators, parent references and control characters are refused', async () => {
    for (const project_name of ['../escape', 'a/b', 'a\\b', '..', '/etc', 'name\0x']) {
      const problems = await problemsOf(7, { project_name });
      assert.equal(problems.length, 1, project_name);
      assert.equal(problems[0]?.variable, 'project_name');
    }
    assert.deepEqual(await problemsOf(7, { project_name: 'ok', commands: 'a,../b' }), [
      { variable: 'commands', message: 'must match the pattern [a-z][a-z0-9_]*(,[a-z][a-z0-9_]*)*' },
    ]);
    assert.deepEqual(await problemsOf(1, { project_name: 'ok', description: 'line\nbreak' }), [
      { variable: 'description', message: 'must not contain control characters' },
    ]);
  });

  test('overlong strings are refused', async () => {
    assert.deepEqual(await problemsOf(1, { project_name: 'a'.repeat(65) }), [
      { variable: 'project_name', message: 'must be at most 64 characters' },
    ]);
  });
});

describe('path safety', () => {
  test('rendered paths are normalized and kept inside the project', () => {
    assert.equal(safeRelativePath('src/./app//main.py'), 'src/app/main.py');
    assert.equal(safeRelativePath('src/x/../main.py'), 'src/main.py');
    for (const unsafe of ['../x', 'a/../../x', '/etc/passwd', 'a\\b', 'a\0b', '', '.', 'src/']) {
      assert.throws(() => safeRelativePath(unsafe), UnsafeTemplatePathError, JSON.stringify(unsafe));
    }
  });

  test('a variable without a pattern still cannot steer a file out of the project', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resoftai-catalog-'));
    try {
      mkdirSync(join(dir, 'unsafe', 'files'), { recursive: true });
      writeFileSync(
        join(dir, 'unsafe', 'template.json'),
        JSON.stringify({
          id: 1,
          slug: 'unsafe',
          name: 'Unsafe',
          description: 'Uses an unpatterned variable in a path',
          category: 'cli',
          version: '1.0.0',
          created_at: '2025-11-01T00:00:00Z',
          variables: { folder: { type: 'string', description: 'Folder', default: 'src' } },
        }),
      );
      writeFileSync(join(dir, 'unsafe', 'files', 'README.md.liquid'), '# unsafe\n');
      writeFileSync(join(dir, 'unsafe', 'files', '{{ folder }}.txt.liquid'), 'x\n');
      const catalog = await TemplateCatalog.load(dir);
      assert.deepEqual((await catalog.render(1, {})).files.map((f) => f.path), ['README.md', 'src.txt']);
      await assert.rejects(catalog.render(1, { folder: '../../outside' }), UnsafeTemplatePathError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a malformed catalog is refused when it loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resoftai-catalog-'));
    try {
      mkdirSync(join(dir, 'bad', 'files'), { recursive: true });
      writeFileSync(join(dir, 'bad', 'template.json'), JSON.stringify({ id: 1, slug: 'bad' }));
      await assert.rejects(TemplateCatalog.load(dir), TemplateCatalogError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('categoryForPath', () => {
  const cases: [string, string][] = [
    ['tests/test_main.py', 'test'],
    ['backend/tests/__init__.py', 'test'],
    ['internal/server/server_test.go', 'test'],
    ['src/App.test.tsx', 'test'],
    ['test/cli.test.js', 'test'],
    ['README.md', 'documentation'],
    ['docs/setup.txt', 'documentation'],
    ['LICENSE', 'documentation'],
    ['docs/requirements.md', 'requirements'],
    ['requirements/user-stories.md', 'requirements'],
    ['docs/architecture.md', 'design'],
    ['design/flow.drawio', 'design'],
    ['requirements.txt', 'code'],
    ['app/main.py', 'code'],
    ['package.json', 'code'],
    ['Dockerfile', 'code'],
  ];
  for (const [path, category] of cases) {
    test(`${path} → ${category}`, () => assert.equal(categoryForPath(path), category));
  }
});
