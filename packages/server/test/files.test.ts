import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { parse as parseContentDisposition } from 'content-disposition';
import { sql } from 'drizzle-orm';
import { createProject, sendMultipart, tableCounts, updateFile, uploadFile } from './project-support.ts';
import { createTestApp, createUser, queryRows, type TestApp, type TestUser } from './support.ts';

const MAX_BYTES = 4096;
let t: TestApp;
let owner: TestUser;
let projectId: number;
before(async () => {
  t = await createTestApp({ upload: { maxBytes: MAX_BYTES, allowArchives: false } });
  await createUser(t.app, 'files_admin');
  owner = await createUser(t.app);
  projectId = (await createProject(t.app, owner)).id;
});
after(() => t.close());

async function upload(filename: string, content: Buffer | string, fields: Record<string, string> = {}) {
  const response = await uploadFile(t.app, owner, projectId, filename, content, fields);
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

describe('uploading', () => {
  test('answers 201 with the documented shape; the directory path stays, the category follows the path', async () => {
    const file = await upload('src/app/main.py', 'print("hello")\n');
    assert.deepEqual(
      { ...file, id: 0, created_at: '', updated_at: '' },
      { id: 0, project_id: projectId, filename: 'src/app/main.py', category: 'code', size: 15, mime_type: 'text/x-python', version: 1, created_at: '', updated_at: '' },
    );
    assert.equal((await upload('requirements.txt', 'fastapi\n', { category: 'requirements' })).category, 'requirements');
    assert.equal((await upload('tests/test_main.py', 'def test(): pass\n')).category, 'test');
  });

  test('sanitizes names: traversal, unsafe characters, leading dots, empty', async () => {
    assert.equal((await upload('../../etc/passwd', 'root:x:0:0\n')).filename, 'passwd');
    assert.equal((await upload('test<script>.py', 'x = 1\n')).filename, 'test_script_.py');
    assert.equal((await upload('.hidden.py', 'y = 2\n')).filename, 'hidden.py');
    assert.equal((await upload('', 'z = 3\n')).filename, 'file');
  });

  test('uploading to an existing path adds a version to that file', async () => {
    const first = await upload('docs/guide.md', '# Guide\n');
    const second = await upload('docs/guide.md', '# Guide v2\n');
    assert.equal(second.id, first.id);
    assert.equal(second.version, 2);
  });

  test('refuses bad uploads with their documented status and writes nothing', async () => {
    const other = await createUser(t.app);
    const before = await tableCounts(t.database);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]);
    const cases: [string, Promise<{ statusCode: number; json(): { error_code: string; detail: unknown } }>, number, string?][] = [
      ['empty file', uploadFile(t.app, owner, projectId, 'empty.txt', ''), 422],
      ['NUL in name', uploadFile(t.app, owner, projectId, 'evil\u0000.py', 'x\n'), 422],
      ['500-character name', uploadFile(t.app, owner, projectId, `${'a'.repeat(497)}.py`, 'x\n'), 422],
      ['unknown category', uploadFile(t.app, owner, projectId, 'a.txt', 'x\n', { category: 'secrets' }), 422],
      ['too large', uploadFile(t.app, owner, projectId, 'big.txt', Buffer.alloc(MAX_BYTES + 1, 97)), 413, 'FILE_001'],
      ['executable', uploadFile(t.app, owner, projectId, 'tool.exe', exe), 400, 'FILE_002'],
      ['archive', uploadFile(t.app, owner, projectId, 'src.tar.gz', Buffer.from('1f8b0800000000000003', 'hex')), 400, 'FILE_002'],
      ['missing project', uploadFile(t.app, owner, 424242, 'a.txt', 'x\n'), 404, 'PROJ_001'],
      ["another user's project", uploadFile(t.app, other, projectId, 'a.txt', 'x\n'), 404, 'PROJ_001'],
      ['non-numeric project_id', sendMultipart(t.app, owner, 'POST', '/api/files', [{ name: 'project_id', value: 'one' }, { name: 'file', filename: 'a.txt', content: 'x\n' }]), 422],
      ['no project_id', sendMultipart(t.app, owner, 'POST', '/api/files', [{ name: 'file', filename: 'a.txt', content: 'x\n' }]), 422],
      ['no file part', sendMultipart(t.app, owner, 'POST', '/api/files', [{ name: 'project_id', value: String(projectId) }]), 422],
      ['file sent as a text field', sendMultipart(t.app, owner, 'POST', '/api/files', [{ name: 'project_id', value: String(projectId) }, { name: 'file', value: 'x' }]), 422],
      ['file under another name', sendMultipart(t.app, owner, 'POST', '/api/files', [{ name: 'project_id', value: String(projectId) }, { name: 'upload', filename: 'a.txt', content: 'x' }]), 422],
      ['JSON instead of multipart', t.app.inject({ method: 'POST', url: '/api/files', headers: owner.auth, payload: { project_id: projectId } }), 422],
    ];
    for (const [label, pending, status, errorCode] of cases) {
      const response = await pending;
      assert.equal(response.statusCode, status, `${label}: ${JSON.stringify(response.json())}`);
      if (errorCode) assert.equal(response.json().error_code, errorCode, label);
    }
    assert.deepEqual(await tableCounts(t.database), before);
  });

  test('archives are accepted when the server allows them', async () => {
    const relaxed = await createTestApp({ upload: { maxBytes: MAX_BYTES, allowArchives: true } });
    try {
      const user = await createUser(relaxed.app);
      const project = await createProject(relaxed.app, user);
      const response = await uploadFile(relaxed.app, user, project.id, 'src.tar.gz', Buffer.from('1f8b0800000000000003', 'hex'));
      assert.equal(response.statusCode, 201);
      assert.equal(response.json().mime_type, 'application/gzip');
    } finally {
      await relaxed.close();
    }
  });
});

describe('reading', () => {
  test('detail carries the content of text files and null for binary ones', async () => {
    const text = await upload('notes/说明.md', '# 你好\n');
    const detail = await t.app.inject({ method: 'GET', url: `/api/files/${text.id}`, headers: owner.auth });
    assert.equal(detail.statusCode, 200);
    assert.equal(detail.json().content, '# 你好\n');
    assert.equal(detail.json().created_by, owner.id);
    assert.equal(detail.json().mime_type, 'text/markdown');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const image = await upload('logo.png', png);
    const binary = await t.app.inject({ method: 'GET', url: `/api/files/${image.id}`, headers: owner.auth });
    assert.equal(binary.json().content, null);
    assert.equal(binary.json().mime_type, 'image/png');
  });

  test('download sends the bytes with a safe Content-Disposition (RFC 5987 for non-ASCII names)', async () => {
    const file = await upload('reports/报告 final.txt', 'résumé\n');
    const response = await t.app.inject({ method: 'GET', url: `/api/files/${file.id}/download`, headers: owner.auth });
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, 'résumé\n');
    assert.equal(response.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    const disposition = String(response.headers['content-disposition']);
    assert.match(disposition, /^attachment; filename="\?\? final\.txt"; filename\*=UTF-8''%E6%8A%A5%E5%91%8A%20final\.txt$/);
    assert.equal(parseContentDisposition(disposition).parameters.filename, '报告 final.txt');

    const plain = await upload('main.py', 'print(1)\n');
    const ascii = await t.app.inject({ method: 'GET', url: `/api/files/${plain.id}/download`, headers: owner.auth });
    assert.equal(parseContentDisposition(String(ascii.headers['content-disposition'])).parameters.filename, 'main.py');
    assert.equal(ascii.headers['content-type'], 'text/x-python; charset=utf-8');
  });

  test('list filters by category, pages by path and reports the total', async () => {
    const project = await createProject(t.app, owner);
    for (const name of ['b.py', 'a.py', 'c.md', 'd.py']) assert.equal((await uploadFile(t.app, owner, project.id, name, `${name}\n`)).statusCode, 201);
    const code = await t.app.inject({ method: 'GET', url: `/api/files?project_id=${project.id}&category=code&skip=1&limit=1`, headers: owner.auth });
    assert.equal(code.statusCode, 200);
    assert.equal(code.headers['x-total-count'], '3');
    assert.deepEqual(code.json().map((f: { filename: string }) => f.filename), ['b.py']);
    const all = await t.app.inject({ method: 'GET', url: `/api/files?project_id=${project.id}`, headers: owner.auth });
    assert.deepEqual(all.json().map((f: { filename: string }) => f.filename), ['a.py', 'b.py', 'c.md', 'd.py']);
    for (const query of ['', 'project_id=abc', `project_id=${project.id}&category=secrets`, `project_id=${project.id}&skip=-1`, `project_id=${project.id}&limit=101`]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/files?${query}`, headers: owner.auth });
      assert.equal(response.statusCode, 422, query);
    }
  });
});

describe('versions', () => {
  test('update, history newest first, restore as a new version', async () => {
    const file = await upload('app.py', 'v1\n');
    const second = await updateFile(t.app, owner, file.id, 'v2 is longer\n');
    assert.equal(second.statusCode, 200);
    assert.equal(second.json().version, 2);
    assert.equal(second.json().filename, 'app.py');
    assert.equal(second.json().size, 13);

    const history = await t.app.inject({ method: 'GET', url: `/api/files/${file.id}/versions`, headers: owner.auth });
    assert.deepEqual(history.json().map((v: { version: number; size: number; created_by: number }) => [v.version, v.size, v.created_by]), [[2, 13, owner.id], [1, 3, owner.id]]);

    const restored = await t.app.inject({ method: 'POST', url: `/api/files/${file.id}/versions/1/restore`, headers: owner.auth });
    assert.equal(restored.statusCode, 200);
    assert.equal(restored.json().version, 3);
    assert.equal(restored.json().restored_from_version, 1);
    assert.equal(restored.json().filename, 'app.py');
    const detail = await t.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: owner.auth });
    assert.equal(detail.json().content, 'v1\n');
    assert.equal(detail.json().version, 3);
    const afterRestore = await t.app.inject({ method: 'GET', url: `/api/files/${file.id}/versions`, headers: owner.auth });
    assert.equal(afterRestore.json()[0].restored_from_version, 1);
  });

  test('each version can be read with its content, to compare two', async () => {
    const file = await upload('compare.py', 'one\n');
    await updateFile(t.app, owner, file.id, 'two\n');
    const first = await t.app.inject({ method: 'GET', url: `/api/files/${file.id}/versions/1`, headers: owner.auth });
    assert.equal(first.statusCode, 200);
    assert.equal(first.json().content, 'one\n');
    assert.equal(first.json().version, 1);
    const second = await t.app.inject({ method: 'GET', url: `/api/files/${file.id}/versions/2`, headers: owner.auth });
    assert.equal(second.json().content, 'two\n');
    const missing = await t.app.inject({ method: 'GET', url: `/api/files/${file.id}/versions/3`, headers: owner.auth });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.json().detail, /Version 3/);
  });

  test('identical content is stored once, however many versions and files carry it', async () => {
    const content = `shared ${Date.now()}\n`;
    const a = await upload('one.txt', content);
    await updateFile(t.app, owner, a.id, 'something else\n');
    await updateFile(t.app, owner, a.id, content);
    await upload('two.txt', content);
    const [row] = await queryRows<{ blobs: number; versions: number }>(
      t.database,
      sql`SELECT count(DISTINCT b.sha256)::int AS blobs, count(v.id)::int AS versions FROM file_versions v JOIN file_blobs b ON b.sha256 = v.sha256 WHERE b.sha256 = ${createHash('sha256').update(content).digest('hex')}`,
    );
    assert.deepEqual(row, { blobs: 1, versions: 3 });
  });

  test('two concurrent updates get different version numbers and both are kept', async () => {
    const file = await upload('race.txt', 'base\n');
    const results = await Promise.all(['left\n', 'right\n', 'middle\n'].map((content) => updateFile(t.app, owner, file.id, content)));
    assert.deepEqual(results.map((r) => r.statusCode), [200, 200, 200]);
    assert.deepEqual(results.map((r) => r.json().version).sort(), [2, 3, 4]);
    const history = await t.app.inject({ method: 'GET', url: `/api/files/${file.id}/versions`, headers: owner.auth });
    assert.deepEqual(history.json().map((v: { version: number }) => v.version), [4, 3, 2, 1]);
    const sizes = history.json().slice(0, 3).map((v: { size: number }) => v.size).sort();
    assert.deepEqual(sizes, [5, 6, 7]);
  });

  test('two concurrent first uploads of one path make one file with two versions', async () => {
    const results = await Promise.all(['first\n', 'second\n'].map((content) => uploadFile(t.app, owner, projectId, 'same/path.txt', content)));
    assert.deepEqual(results.map((r) => r.statusCode), [201, 201]);
    assert.equal(results[0]!.json().id, results[1]!.json().id);
    assert.deepEqual(results.map((r) => r.json().version).sort(), [1, 2]);
  });

  test('restoring a version that does not exist is 404 and writes nothing', async () => {
    const file = await upload('lonely.txt', 'only\n');
    const before = await tableCounts(t.database);
    for (const version of ['2', '999']) {
      const response = await t.app.inject({ method: 'POST', url: `/api/files/${file.id}/versions/${version}/restore`, headers: owner.auth });
      assert.equal(response.statusCode, 404);
    }
    for (const url of ['/api/files/abc', '/api/files/0/versions', '/api/files/1.5/download']) {
      assert.equal((await t.app.inject({ method: 'GET', url, headers: owner.auth })).statusCode, 422, url);
    }
    for (const version of ['0', 'abc', '-1']) {
      const response = await t.app.inject({ method: 'POST', url: `/api/files/${file.id}/versions/${version}/restore`, headers: owner.auth });
      assert.equal(response.statusCode, 422, version);
    }
    assert.deepEqual(await tableCounts(t.database), before);
  });

  test('update refuses empty, oversized and executable content', async () => {
    const file = await upload('keep.txt', 'keep\n');
    const before = await tableCounts(t.database);
    assert.equal((await updateFile(t.app, owner, file.id, '')).statusCode, 422);
    const tooLarge = await updateFile(t.app, owner, file.id, Buffer.alloc(MAX_BYTES + 1, 97));
    assert.equal(tooLarge.statusCode, 413);
    assert.equal(tooLarge.json().error_code, 'FILE_001');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);
    assert.equal((await updateFile(t.app, owner, file.id, elf)).json().error_code, 'FILE_002');
    assert.equal((await sendMultipart(t.app, owner, 'PUT', `/api/files/${file.id}`, [])).statusCode, 422);
    assert.deepEqual(await tableCounts(t.database), before);
  });
});

describe('deleting and probing', () => {
  test('delete removes the file, its versions and content nothing else uses', async () => {
    const file = await upload('doomed.txt', `doomed ${Date.now()}\n`);
    await updateFile(t.app, owner, file.id, `doomed again ${Date.now()}\n`);
    const before = await tableCounts(t.database);
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/files/${file.id}`, headers: owner.auth });
    assert.equal(deleted.statusCode, 204);
    const afterDelete = await tableCounts(t.database);
    assert.equal(afterDelete.project_files, before.project_files! - 1);
    assert.equal(afterDelete.file_versions, before.file_versions! - 2);
    assert.equal(afterDelete.file_blobs, before.file_blobs! - 2);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: owner.auth })).statusCode, 404);
  });

  test("another user gets 404 for every file, version and download of the owner's, and changes nothing", async () => {
    const prober = await createUser(t.app);
    const file = await upload('private.txt', 'secret\n');
    await updateFile(t.app, owner, file.id, 'secret v2\n');
    const before = await tableCounts(t.database);
    const attempts = [
      t.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: prober.auth }),
      t.app.inject({ method: 'GET', url: `/api/files/${file.id}/download`, headers: prober.auth }),
      t.app.inject({ method: 'GET', url: `/api/files/${file.id}/versions`, headers: prober.auth }),
      t.app.inject({ method: 'GET', url: `/api/files/${file.id}/versions/1`, headers: prober.auth }),
      t.app.inject({ method: 'POST', url: `/api/files/${file.id}/versions/1/restore`, headers: prober.auth }),
      t.app.inject({ method: 'DELETE', url: `/api/files/${file.id}`, headers: prober.auth }),
      updateFile(t.app, prober, file.id, 'hijacked\n'),
      t.app.inject({ method: 'GET', url: `/api/files?project_id=${projectId}`, headers: prober.auth }),
    ];
    const missing = await t.app.inject({ method: 'GET', url: '/api/files/424242', headers: prober.auth });
    for (const response of await Promise.all(attempts)) {
      assert.equal(response.statusCode, 404, response.body);
      assert.ok(!response.body.includes('secret'));
    }
    assert.equal((await attempts[0]!).json().detail, missing.json().detail);
    assert.deepEqual(await tableCounts(t.database), before);
    const detail = await t.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: owner.auth });
    assert.equal(detail.json().content, 'secret v2\n');
  });
});

describe('files saved by the server itself', () => {
  test('saveGeneratedFile stores a versioned file for a user or for the system', async () => {
    const { files } = t.app.services;
    const project = await createProject(t.app, owner);
    const principal = { userId: owner.id, role: 'user' as const, isAdmin: false, sessionId: null, apiKeyId: null, expiresAt: null, user: undefined as never, meta: { ipAddress: null, userAgent: null } };
    const first = await files.saveGeneratedFile(principal, project.id, 'src/index.ts', 'export const a = 1;\n', 'code');
    assert.equal(first.version, 1);
    const second = await files.saveGeneratedFile('system', project.id, 'src/index.ts', 'export const a = 2;\n', 'code');
    assert.equal(second.id, first.id);
    assert.equal(second.version, 2);
    const kept = await files.saveGeneratedFile('system', project.id, '.gitignore', 'node_modules/\n', 'code');
    assert.equal(kept.filename, '.gitignore');
    const history = await files.versions(principal, first.id);
    assert.deepEqual(history.map((v) => v.created_by), [null, owner.id]);
    const stranger = { ...principal, userId: owner.id + 1000 };
    await assert.rejects(files.saveGeneratedFile(stranger, project.id, 'x.txt', 'x', 'code'), (e: { statusCode?: number }) => e.statusCode === 404);
  });
});
