import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze, applyFix } from '../src/index.ts';

async function fixFirst(code: string, ruleId: string, language = 'python') {
  const { issues } = await analyze({ code, language });
  const issue = issues.find((candidate) => candidate.rule_id === ruleId);
  assert.ok(issue, `expected a ${ruleId} finding`);
  assert.equal(issue.fixable, true);
  return applyFix(code, issue, { language });
}

describe('applyFix', () => {
  test('eval(data) becomes ast.literal_eval(data) and imports ast', async () => {
    const code = 'import json\n\n\ndef process(data):\n    eval(data)\n    return data\n';
    const result = await fixFirst(code, 'S001');
    assert.equal(result.success, true);
    assert.doesNotMatch(result.fixed_code, /(^|[^\w.])eval\(/m);
    assert.match(result.fixed_code, /^import ast$/m);
    assert.match(result.fixed_code, /ast\.literal_eval\(data\)/);
    assert.match(result.diff, /^-\s+eval\(data\)$/m);
    assert.match(result.diff, /^\+\s+ast\.literal_eval\(data\)$/m);
    const after = await analyze({ code: result.fixed_code, language: 'python' });
    assert.equal(after.issues.filter((issue) => issue.rule_id === 'S001').length, 0);
  });

  test('does not import ast twice', async () => {
    const result = await fixFirst('import ast\nx = eval(input())\n', 'S001');
    assert.equal(result.fixed_code, 'import ast\nx = ast.literal_eval(input())\n');
  });

  test('== None becomes is None', async () => {
    const result = await fixFirst('def f(x):\n    return x == None\n', 'Q007');
    assert.equal(result.fixed_code, 'def f(x):\n    return x is None\n');
  });

  test('yaml.load becomes yaml.safe_load', async () => {
    const result = await fixFirst('import yaml\nconf = yaml.load(open("c.yml"))\n', 'S004');
    assert.equal(result.fixed_code, 'import yaml\nconf = yaml.safe_load(open("c.yml"))\n');
  });

  test('verify=False is removed', async () => {
    const result = await fixFirst('import requests\nr = requests.get(url, verify=False, timeout=3)\n', 'S009');
    assert.equal(result.fixed_code, 'import requests\nr = requests.get(url, timeout=3)\n');
  });

  test('a constant shell command becomes an argument list', async () => {
    const result = await fixFirst('import subprocess\nsubprocess.run("ls -l /srv", shell=True)\n', 'S002');
    assert.equal(result.fixed_code, 'import subprocess\nsubprocess.run(["ls", "-l", "/srv"])\n');
  });

  test('md5 becomes sha256 unless the name says it is a protocol checksum', async () => {
    const result = await fixFirst('import hashlib\nsig = hashlib.md5(data).hexdigest()\n', 'S006');
    assert.equal(result.fixed_code, 'import hashlib\nsig = hashlib.sha256(data).hexdigest()\n');
    const bound = await analyze({ code: 'import hashlib\netag = hashlib.md5(data).hexdigest()\n', language: 'python' });
    assert.equal(bound.issues.find((issue) => issue.rule_id === 'S006')?.fixable, false);
  });

  test('createHash("md5") becomes createHash("sha256") in JavaScript', async () => {
    const result = await fixFirst("const h = crypto.createHash('md5');\n", 'S006', 'javascript');
    assert.equal(result.fixed_code, "const h = crypto.createHash('sha256');\n");
  });

  test('an issue without a mechanical fix is refused with a reason', async () => {
    const result = await applyFix('import os\nos.system("ls " + name)\n', { rule_id: 'S002', line: 2 }, { language: 'python' });
    assert.equal(result.success, false);
    assert.equal(result.error, 'not_fixable');
    assert.match(result.reason ?? '', /no safe mechanical fix/);
  });

  test('an unknown location is refused', async () => {
    const result = await applyFix('x = 1\n', { rule_id: 'S001', line: 1 }, 'python');
    assert.equal(result.error, 'issue_not_found');
  });
});
