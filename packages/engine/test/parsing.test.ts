import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractFiles, pathFromLabelLine } from '../src/parsing/file-blocks.ts';
import { looksLikePath, sanitizeProjectPath } from '../src/parsing/paths.ts';
import { selectNamedFiles, selectPlannedFile } from '../src/parsing/select.ts';

const FENCE = '```';

describe('sanitizeProjectPath', () => {
  const cases: Array<[string, string | undefined]> = [
    ['src/app.py', 'src/app.py'],
    ['./src/app.py', 'src/app.py'],
    ['../../etc/passwd', 'etc/passwd'],
    ['/etc/passwd', 'etc/passwd'],
    ['C:\\Users\\dev\\app\\main.py', 'Users/dev/app/main.py'],
    ['src/../../../root/.ssh/id_rsa', 'src/root/.ssh/id_rsa'],
    ['src//nested///file.js', 'src/nested/file.js'],
    ['`src/app.py`', 'src/app.py'],
    ['.git/config', 'config'],
    ['src/a\u0000b.py', 'src/ab.py'],
    ['../..', undefined],
    ['/', undefined],
    ['', undefined],
  ];
  for (const [raw, expected] of cases) {
    test(`${JSON.stringify(raw)} → ${String(expected)}`, () => assert.equal(sanitizeProjectPath(raw), expected));
  }
});

describe('looksLikePath', () => {
  test('accepts files and rejects languages, prose and URLs', () => {
    for (const yes of ['src/app.py', 'package.json', 'Dockerfile', '.gitignore', 'tests/test_app.py', 'src/components/[id].tsx']) assert.ok(looksLikePath(yes), yes);
    for (const no of ['python', 'json', 'Here is the code', 'https://example.com/a.js', '1.2', 'e.g.']) assert.ok(!looksLikePath(no), no);
  });
});

describe('pathFromLabelLine', () => {
  const cases: Array<[string, string | undefined]> = [
    ['File: src/app.py', 'src/app.py'],
    ['**File:** `src/app.py`', 'src/app.py'],
    ['### src/app.py', 'src/app.py'],
    ['## File: src/models/user.py', 'src/models/user.py'],
    ['**src/app.py**', 'src/app.py'],
    ['`src/app.py`:', 'src/app.py'],
    ['1. `src/app.py` (entry point)', 'src/app.py'],
    ['文件：src/app.py', 'src/app.py'],
    ['### 文件名: `app/main.py`', 'app/main.py'],
    ['src/app.py - the Flask entry point', 'src/app.py'],
    ['Here is the implementation:', undefined],
    ['The main.py file handles routing', undefined],
  ];
  for (const [line, expected] of cases) test(line, () => assert.equal(pathFromLabelLine(line), expected));
});

describe('extractFiles', () => {
  test('path in the info string as title=, bare path, lang:path and lang + path', () => {
    const reply = [
      'Here are the files.',
      `${FENCE}python title="src/app.py"`, 'print("a")', FENCE,
      `${FENCE}src/util.py`, 'X = 1', FENCE,
      `${FENCE}javascript:src/index.js`, 'export const y = 2;', FENCE,
      `${FENCE}ts src/types.ts`, 'export type T = number;', FENCE,
    ].join('\n');
    const files = extractFiles(reply);
    assert.deepEqual(files.map((file) => [file.path, file.content]), [
      ['src/app.py', 'print("a")\n'],
      ['src/util.py', 'X = 1\n'],
      ['src/index.js', 'export const y = 2;\n'],
      ['src/types.ts', 'export type T = number;\n'],
    ]);
    assert.equal(files[0]?.language, 'python');
    assert.equal(files[2]?.language, 'javascript');
  });

  test('a path line just before the fence, in the ways models write it', () => {
    const reply = `I'll create the service and its model.

### src/services/user_service.py

${FENCE}python
class UserService:
    pass
${FENCE}

**src/models/user.py**
${FENCE}python
class User:
    name: str
${FENCE}

File: \`config/settings.yaml\`
The settings used in development:
${FENCE}yaml
debug: true
${FENCE}
`;
    const files = extractFiles(reply);
    assert.deepEqual(files.map((file) => file.path), ['src/services/user_service.py', 'src/models/user.py', 'config/settings.yaml']);
    assert.equal(files[1]?.content, 'class User:\n    name: str\n');
  });

  test('a path comment on the first line of the block is taken and removed', () => {
    const reply = [
      `${FENCE}python`, '# src/app.py', 'def main():', '    return 1', FENCE,
      `${FENCE}js`, '// File: src/server.js', "import http from 'node:http';", FENCE,
      `${FENCE}html`, '<!-- mockups/login.html -->', '<form></form>', FENCE,
      `${FENCE}python`, '#!/usr/bin/env python3', '# Utility functions', 'pass', FENCE,
    ].join('\n');
    const files = extractFiles(reply);
    assert.deepEqual(files.map((file) => file.path), ['src/app.py', 'src/server.js', 'mockups/login.html', undefined]);
    assert.equal(files[0]?.content, 'def main():\n    return 1\n');
    assert.equal(files[3]?.content, '#!/usr/bin/env python3\n# Utility functions\npass\n');
  });

  test('JSON {path, content}, a list of them and {files: [...]}, fenced or not', () => {
    assert.deepEqual(extractFiles('{"path": "src/a.py", "content": "A = 1\\n"}').map((file) => [file.path, file.content]), [['src/a.py', 'A = 1\n']]);
    const list = `${FENCE}json\n[{"path": "a.js", "content": "1"}, {"filename": "b.js", "code": "2"}]\n${FENCE}`;
    assert.deepEqual(extractFiles(list).map((file) => file.path), ['a.js', 'b.js']);
    const wrapped = '{"files": [{"path": "../../etc/passwd", "content": "root",}]}';
    assert.deepEqual(extractFiles(wrapped).map((file) => file.path), ['etc/passwd']);
  });

  test('a JSON file that is not a {path, content} record is an unnamed block, not a file list', () => {
    const files = extractFiles(`${FENCE}json\n{"name": "demo", "version": "1.0.0"}\n${FENCE}`);
    assert.equal(files.length, 1);
    assert.equal(files[0]?.path, undefined);
    assert.equal(files[0]?.content, '{"name": "demo", "version": "1.0.0"}\n');
  });

  test('a Markdown file keeps its own nested fences', () => {
    const reply = [`${FENCE}markdown title="README.md"`, '# Demo', '', `${FENCE}bash`, 'npm start', FENCE, '', 'Done.', FENCE, 'After the file.'].join('\n');
    const files = extractFiles(reply);
    assert.equal(files.length, 1);
    assert.equal(files[0]?.path, 'README.md');
    assert.equal(files[0]?.content, `# Demo\n\n${FENCE}bash\nnpm start\n${FENCE}\n\nDone.\n`);
  });

  test('longer fences and tildes close only on their own kind', () => {
    const files = extractFiles(['````md title="docs/a.md"', FENCE, 'inner', FENCE, '````', '~~~python src/b.py', 'B = 2', '~~~'].join('\n'));
    assert.deepEqual(files.map((file) => [file.path, file.content]), [['docs/a.md', `${FENCE}\ninner\n${FENCE}\n`], ['src/b.py', 'B = 2\n']]);
  });

  test('an unclosed fence is reported as truncated', () => {
    const files = extractFiles(`${FENCE}python title="src/app.py"\ndef main():\n    return`);
    assert.equal(files.length, 1);
    assert.equal(files[0]?.truncated, true);
  });

  test('Windows line endings and absolute paths in the info string', () => {
    const files = extractFiles(`${FENCE}python title="/home/user/project/app.py"\r\nx = 1\r\n${FENCE}\r\n`);
    assert.equal(files[0]?.path, 'home/user/project/app.py');
    assert.equal(files[0]?.content, 'x = 1\n');
  });

  test('prose without code yields nothing', () => {
    assert.deepEqual(extractFiles('I am sorry, but I cannot help with that request.'), []);
  });
});

describe('selectPlannedFile', () => {
  test('takes the block named for the planned file, a suffix match, or a single unnamed block', () => {
    const named = extractFiles(`Sure!\n\n${FENCE}python title="src/app.py"\nA = 1\n${FENCE}\n\n${FENCE}python title="src/other.py"\nB = 2\n${FENCE}`);
    assert.deepEqual(selectPlannedFile(named, 'src/app.py'), { ok: true, value: 'A = 1\n' });
    const suffix = extractFiles(`${FENCE}app.py\nA = 1\n${FENCE}`);
    assert.deepEqual(selectPlannedFile(suffix, 'src/app.py'), { ok: true, value: 'A = 1\n' });
    const single = extractFiles(`Here you go:\n${FENCE}python\nA = 1\n${FENCE}\nThis defines A.`);
    assert.deepEqual(selectPlannedFile(single, 'src/app.py'), { ok: true, value: 'A = 1\n' });
  });

  test('explains what is wrong so the re-ask can say it', () => {
    const none = selectPlannedFile(extractFiles('The file should define a Flask app.'), 'src/app.py');
    assert.deepEqual(none, { ok: false, reason: 'the reply contains no fenced code block for src/app.py' });
    const wrong = selectPlannedFile(extractFiles(`${FENCE}python title="lib/x.py"\nX = 1\n${FENCE}`), 'src/app.py');
    assert.equal(wrong.ok, false);
    assert.match((wrong as { reason: string }).reason, /lib\/x\.py but none is src\/app\.py/);
    const two = selectPlannedFile(extractFiles(`${FENCE}python\nA\n${FENCE}\n${FENCE}python\nB\n${FENCE}`), 'src/app.py');
    assert.match((two as { reason: string }).reason, /2 code blocks without file paths/);
    const cut = selectPlannedFile(extractFiles(`${FENCE}python src/app.py\nA = 1`), 'src/app.py');
    assert.match((cut as { reason: string }).reason, /not closed/);
    const empty = selectPlannedFile(extractFiles(`${FENCE}python src/app.py\n\n${FENCE}`), 'src/app.py');
    assert.match((empty as { reason: string }).reason, /empty/);
  });
});

describe('selectNamedFiles', () => {
  test('keeps named complete files, the last copy of a repeated path winning', () => {
    const reply = `${FENCE}python tests/test_a.py\nv1\n${FENCE}\n${FENCE}python\nunnamed\n${FENCE}\n${FENCE}python tests/test_a.py\nv2\n${FENCE}`;
    assert.deepEqual(selectNamedFiles(extractFiles(reply), 'tests'), { ok: true, value: [{ path: 'tests/test_a.py', content: 'v2\n' }] });
  });

  test('asks for paths when no block names one', () => {
    const result = selectNamedFiles(extractFiles(`${FENCE}python\nassert True\n${FENCE}`), 'tests');
    assert.equal(result.ok, false);
    assert.match((result as { reason: string }).reason, /names its file path/);
  });
});
