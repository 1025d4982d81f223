import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { createProject, tableCounts, updateFile, uploadFile } from './project-support.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
  await createUser(t.app, 'download_admin');
});
after(() => t.close());

const text = new TextDecoder();

async function download(user: TestUser, projectId: number): Promise<Record<string, string>> {
  const response = await t.app.inject({ method: 'GET', url: `/api/projects/${projectId}/download`, headers: user.auth });
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.headers['content-type'], 'application/zip');
  assert.equal(response.headers['content-disposition'], `attachment; filename="project_${projectId}.zip"`);
  const entries = unzipSync(new Uint8Array(response.rawPayload));
  return Object.fromEntries(Object.entries(entries).map(([path, bytes]) => [path, text.decode(bytes)]));
}

test('a new user builds a project from uploads, edits, a restore and two templates, and finds every file in the zip', async () => {
  const user = await createUser(t.app);
  const project = await createProject(t.app, user, { name: 'Full tour' });

  const uploaded = await uploadFile(t.app, user, project.id, 'notes/plan.md', '# Plan v1\n');
  assert.equal(uploaded.statusCode, 201);
  const fileId = uploaded.json().id;
  assert.equal((await updateFile(t.app, user, fileId, '# Plan v2\n')).json().version, 2);
  const versions = await t.app.inject({ method: 'GET', url: `/api/files/${fileId}/versions`, headers: user.auth });
  assert.deepEqual(versions.json().map((v: { version: number }) => v.version), [2, 1]);
  const restored = await t.app.inject({ method: 'POST', url: `/api/files/${fileId}/versions/1/restore`, headers: user.auth });
  assert.equal(restored.json().version, 3);

  const backend = await t.app.inject({ method: 'POST', url: '/api/templates/1/apply', headers: user.auth, payload: { project_id: project.id, variables: { project_name: 'tour-api' } } });
  const frontend = await t.app.inject({ method: 'POST', url: '/api/templates/5/apply', headers: user.auth, payload: { project_id: project.id, variables: { project_name: 'tour-web' } } });
  assert.equal(backend.statusCode, 200);
  assert.equal(frontend.statusCode, 200);

  const listed = await t.app.inject({ method: 'GET', url: `/api/files?project_id=${project.id}&limit=100`, headers: user.auth });
  const expected = listed.json().map((f: { filename: string }) => f.filename).sort();
  assert.equal(Number(listed.headers['x-total-count']), expected.length);
  for (const path of [...backend.json().generated_files, ...frontend.json().generated_files, 'notes/plan.md']) assert.ok(expected.includes(path), path);

  const zip = await download(user, project.id);
  assert.deepEqual(Object.keys(zip).sort(), expected);
  assert.equal(zip['notes/plan.md'], '# Plan v1\n');
  for (const [path] of Object.entries(zip)) {
    assert.ok(!path.startsWith('/') && !path.split('/').includes('..') && !path.includes('\\'), path);
    const file = listed.json().find((f: { filename: string }) => f.filename === path);
    const detail = await t.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: user.auth });
    assert.equal(zip[path], detail.json().content, path);
  }

  const stranger = await createUser(t.app);
  const before = await tableCounts(t.database);
  for (const url of [`/api/projects/${project.id}`, `/api/projects/${project.id}/download`, `/api/files/${fileId}`, `/api/files/${fileId}/versions`, `/api/files/${fileId}/download`, `/api/files?project_id=${project.id}`]) {
    assert.equal((await t.app.inject({ method: 'GET', url, headers: stranger.auth })).statusCode, 404, url);
  }
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/files/${fileId}/versions/1/restore`, headers: stranger.auth })).statusCode, 404);
  assert.deepEqual(await tableCounts(t.database), before);
});

test('deliverables that are text go under docs/ as Markdown, the structured rest into docs/deliverables.json, never over a file', async () => {
  const user = await createUser(t.app);
  const project = await createProject(t.app, user);
  assert.equal((await uploadFile(t.app, user, project.id, 'docs/srs_document.md', '# My own SRS\n')).statusCode, 201);
  const deliverables = { srs_document: '# 软件需求规格说明书\n\n用户管理。', architecture_design: '# Architecture\n', code_files: ['app/main.py'], quality_score: 85, empty: '' };
  await queryRows(t.database, sql`UPDATE projects SET deliverables = ${JSON.stringify(deliverables)}::jsonb, status = 'completed' WHERE id = ${project.id}`);

  const zip = await download(user, project.id);
  assert.deepEqual(Object.keys(zip).sort(), ['docs/architecture_design.md', 'docs/deliverables.json', 'docs/srs_document-2.md', 'docs/srs_document.md']);
  assert.equal(zip['docs/srs_document.md'], '# My own SRS\n');
  assert.equal(zip['docs/srs_document-2.md'], '# 软件需求规格说明书\n\n用户管理。\n');
  assert.deepEqual(JSON.parse(zip['docs/deliverables.json']!), { code_files: ['app/main.py'], quality_score: 85 });
});

test("a workflow's deliverables that name project files add nothing: each document is in the zip once", async () => {
  const user = await createUser(t.app);
  const project = await createProject(t.app, user);
  for (const path of ['docs/SRS.md', 'README.md', 'app/main.py']) assert.equal((await uploadFile(t.app, user, project.id, path, `# ${path}\n`)).statusCode, 201);
  const deliverables = { srs_document: 'docs/SRS.md', readme: 'README.md', code_files: ['app/main.py'], tests: { executed: true, passed: 3, failed: 0 } };
  await queryRows(t.database, sql`UPDATE projects SET deliverables = ${JSON.stringify(deliverables)}::jsonb, status = 'completed' WHERE id = ${project.id}`);

  const zip = await download(user, project.id);
  assert.deepEqual(Object.keys(zip).sort(), ['README.md', 'app/main.py', 'docs/SRS.md', 'docs/deliverables.json']);
  assert.deepEqual(JSON.parse(zip['docs/deliverables.json']!), { tests: { executed: true, passed: 3, failed: 0 } });
});

test('an empty project downloads as an empty zip', async () => {
  const user = await createUser(t.app);
  const project = await createProject(t.app, user);
  assert.deepEqual(await download(user, project.id), {});
});

test('binary files keep their bytes in the zip', async () => {
  const user = await createUser(t.app);
  const project = await createProject(t.app, user);
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  assert.equal((await uploadFile(t.app, user, project.id, 'assets/logo.png', png)).statusCode, 201);
  const response = await t.app.inject({ method: 'GET', url: `/api/projects/${project.id}/download`, headers: user.auth });
  assert.deepEqual(Buffer.from(unzipSync(new Uint8Array(response.rawPayload))['assets/logo.png']!), png);
});
