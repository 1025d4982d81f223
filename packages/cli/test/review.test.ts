import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/resoftai.js', import.meta.url));
let tree: string;

function write(path: string, content: string): void {
  mkdirSync(dirname(join(tree, path)), { recursive: true });
  writeFileSync(join(tree, path), content);
}

function review(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, 'review', ...args], { cwd: tree, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

before(() => {
  tree = mkdtempSync(join(tmpdir(), 'resoftai-review-'));
  mkdirSync(join(tree, '.git'));
  write('.gitignore', 'generated/\n*.local.py\n');
  write('src/app.py', '"""App."""\nimport os\n\n\ndef run(name):\n    """Run ls."""\n    os.system("ls " + name)\n');
  write('src/web/page.js', 'document.body.innerHTML = location.hash;\n');
  write('src/clean.go', '// Package main is clean.\npackage main\n');
  write('src/notes.local.py', 'eval(x)\n');
  write('generated/gen.py', 'eval(x)\n');
  write('node_modules/dep/index.js', 'eval(x);\n');
  write('vendor/lib.php', '<?php eval($x);\n');
  write('dist/bundle.js', 'eval(x);\n');
  write('src/lib.min.js', 'eval(x);\n');
  write('clean/ok.py', '"""Nothing to see."""\n\nANSWER = 42\n');
});

after(() => rmSync(tree, { recursive: true, force: true }));

describe('resoftai review', () => {
  test('reports findings and exits 1, honouring .gitignore and skipped directories', () => {
    const { code, stdout } = review('.');
    assert.equal(code, 1);
    assert.match(stdout, /^src\/app\.py$/m);
    assert.match(stdout, /S002/);
    assert.match(stdout, /^src\/web\/page\.js$/m);
    for (const skipped of ['generated', 'node_modules', 'vendor', 'dist', 'lib.min.js', 'notes.local.py']) assert.doesNotMatch(stdout, new RegExp(skipped));
  });

  test('exits 0 on a clean tree', () => {
    const { code, stdout } = review('clean');
    assert.equal(code, 0, stdout);
    assert.match(stdout, /0 issues/);
  });

  test('--fail-on and --exit-zero decide the exit code', () => {
    write('low/todo.py', '"""Module."""\n# TODO: tidy up\nANSWER = 42\n');
    assert.equal(review('low', '--fail-on', 'high').code, 0);
    assert.equal(review('low').code, 1);
    assert.equal(review('src', '--exit-zero').code, 0);
  });

  test('--rules limits the categories', () => {
    const { stdout } = review('src', '--format', 'json', '--rules', 'quality');
    const report = JSON.parse(stdout) as { files: { issues: { category: string }[] }[] };
    assert.ok(report.files.flatMap((file) => file.issues).every((issue) => issue.category === 'quality'));
  });

  test('writes SARIF with relative URIs', () => {
    const { code } = review('src', '--format', 'sarif', '--output', 'out.sarif');
    assert.equal(code, 1);
    const sarif = JSON.parse(readFileSync(join(tree, 'out.sarif'), 'utf8')) as {
      version: string; runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const uris = sarif.runs[0]?.results.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri);
    assert.ok(uris?.includes('src/app.py'), String(uris));
  });

  test('usage errors exit 2', () => {
    assert.equal(review('src', '--format', 'xml').code, 2);
    assert.equal(review('src', '--rules', 'style').code, 2);
    assert.equal(review('src', '--fail-on', 'info').code, 2);
    assert.equal(review('src', '--timeout', 'soon').code, 2);
    const missing = review('does-not-exist');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or directory/);
    write('README.txt', 'hello');
    assert.equal(review('README.txt').code, 2);
  });
});
