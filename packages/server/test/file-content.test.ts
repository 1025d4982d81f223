import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { zipSync } from 'fflate';
import { AppError } from '../src/errors.ts';
import { decodeText, inspectContent, sanitizeFilePath } from '../src/services/file-content.ts';

const policy = { maxBytes: 1024, allowArchives: false };

describe('sanitizeFilePath', () => {
  const cases: [string, string][] = [
    ['../../etc/passwd', 'passwd'],
    ['/etc/passwd', 'passwd'],
    ['C:\\Windows\\system.ini', 'system.ini'],
    ['src/../../main.py', 'main.py'],
    ['test<script>.py', 'test_script_.py'],
    ['.hidden.py', 'hidden.py'],
    ['', 'file'],
    ['...', 'file'],
    ['src/app/main.py', 'src/app/main.py'],
    ['src\\app\\main.py', 'src/app/main.py'],
    ['./src//app/./main.py', 'src/app/main.py'],
    ['.config/settings.json', 'config/settings.json'],
    ['报告 v2.md', '报告 v2.md'],
    ['pages/[id].tsx', 'pages/[id].tsx'],
    ['a:b|c?.txt', 'a_b_c_.txt'],
  ];
  for (const [raw, expected] of cases) {
    test(`${JSON.stringify(raw)} -> ${JSON.stringify(expected)}`, () => assert.equal(sanitizeFilePath(raw), expected));
  }

  test('generated files keep dotfiles but never a .git directory', () => {
    assert.equal(sanitizeFilePath('.gitignore', { keepDotfiles: true }), '.gitignore');
    assert.equal(sanitizeFilePath('.github/workflows/ci.yml', { keepDotfiles: true }), '.github/workflows/ci.yml');
    assert.equal(sanitizeFilePath('.git/hooks/post-checkout', { keepDotfiles: true }), 'git/hooks/post-checkout');
    assert.equal(sanitizeFilePath('../.bashrc', { keepDotfiles: true }), '.bashrc');
  });

  test('NUL and other control characters are refused, not rewritten', () => {
    for (const raw of ['a\u0000.py', 'evil\n.txt', 'tab\there']) {
      assert.throws(() => sanitizeFilePath(raw), (e: unknown) => e instanceof AppError && e.statusCode === 422);
    }
  });

  test('names over 255 characters and paths over 1024 are refused', () => {
    assert.equal(sanitizeFilePath(`${'a'.repeat(252)}.py`).length, 255);
    assert.throws(() => sanitizeFilePath(`${'a'.repeat(497)}.py`), /at most 255/);
    assert.throws(() => sanitizeFilePath(`${'d/'.repeat(520)}x.py`), /at most 1024/);
  });
});

describe('inspectContent', () => {
  test('MIME type of text comes from the name, with source types mime-db lacks', async () => {
    assert.equal((await inspectContent('main.py', Buffer.from('print(1)\n'), policy)).mimeType, 'text/x-python');
    assert.equal((await inspectContent('app.ts', Buffer.from('export {};\n'), policy)).mimeType, 'text/x-typescript');
    assert.equal((await inspectContent('README.md', Buffer.from('# hi\n'), policy)).mimeType, 'text/markdown');
    assert.equal((await inspectContent('Dockerfile', Buffer.from('FROM node\n'), policy)).mimeType, 'text/plain');
    assert.equal((await inspectContent('photo.jpg', Buffer.from('not a photo\n'), policy)).mimeType, 'text/plain');
  });

  test('binary content is recognised by its magic bytes, whatever the name says', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    assert.equal((await inspectContent('notes.txt', png, policy)).mimeType, 'image/png');
    assert.equal((await inspectContent('blob.bin', Buffer.from([0, 1, 2, 3]), policy)).mimeType, 'application/octet-stream');
  });

  test('executables and archives are refused with FILE_002; archives pass when allowed', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);
    const pe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    const zip = Buffer.from(zipSync({ 'a.txt': Buffer.from('hi') }));
    for (const [name, bytes] of [['tool', elf], ['readme.txt', pe], ['setup.exe', Buffer.from([0, 0xff, 0x10])], ['code.zip', zip]] as const) {
      await assert.rejects(inspectContent(name, bytes, policy), (e: unknown) => e instanceof AppError && e.statusCode === 400 && e.errorCode === 'FILE_002');
    }
    assert.equal((await inspectContent('code.zip', zip, { ...policy, allowArchives: true })).mimeType, 'application/zip');
    // A batch script is source code, whatever mime-db says about its extension.
    assert.equal((await inspectContent('build.bat', Buffer.from('@echo off\r\n'), policy)).mimeType, 'text/plain');
  });

  test('content over the limit is refused with 413 FILE_001', async () => {
    await assert.rejects(inspectContent('big.txt', Buffer.alloc(1025, 97), policy), (e: unknown) => e instanceof AppError && e.statusCode === 413 && e.errorCode === 'FILE_001');
    assert.equal((await inspectContent('ok.txt', Buffer.alloc(1024, 97), policy)).size, 1024);
  });

  test('the SHA-256 addresses the content', async () => {
    const inspected = await inspectContent('a.txt', Buffer.from('abc'), policy);
    assert.equal(inspected.sha256, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('decodeText returns UTF-8 text and null for binary', () => {
    assert.equal(decodeText(Buffer.from('héllo')), 'héllo');
    assert.equal(decodeText(Buffer.from([0x68, 0, 0x69])), null);
    assert.equal(decodeText(Buffer.from([0xff, 0xfe, 0x41])), null);
  });
});
