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
    const result = await fixFirst('import subprocess\nsubprocess.run("ls -l /srv", shell=True)\n', 'Q013');
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

  test('a hashlib.md5 reached through an import alias becomes hashlib.sha256 and imports hashlib', async () => {
    const result = await fixFirst('from hashlib import md5\nsig = md5(data).hexdigest()\n', 'S006');
    assert.equal(result.fixed_code, 'import hashlib\nfrom hashlib import md5\nsig = hashlib.sha256(data).hexdigest()\n');
  });

  test('a world-writable mode loses its o+w bit', async () => {
    const result = await fixFirst('import os\nos.chmod(path, 0o777)\n', 'S019');
    assert.equal(result.fixed_code, 'import os\nos.chmod(path, 0o775)\n');
  });

  test('a world-writable Node mode loses its o+w bit, in the call or in its options', async () => {
    const chmod = await fixFirst('fs.chmodSync(dir, 0o777);\n', 'S019', 'javascript');
    assert.equal(chmod.fixed_code, 'fs.chmodSync(dir, 0o775);\n');
    const mkdir = await fixFirst('fs.mkdirSync(dir, { recursive: true, mode: 0o777 });\n', 'S019', 'javascript');
    assert.equal(mkdir.fixed_code, 'fs.mkdirSync(dir, { recursive: true, mode: 0o775 });\n');
  });

  test('ssl.TLSVersion.TLSv1 is raised to TLSv1_2', async () => {
    const result = await fixFirst('import ssl\nctx = ssl.create_default_context()\nctx.minimum_version = ssl.TLSVersion.TLSv1\n', 'S023');
    assert.equal(result.fixed_code, 'import ssl\nctx = ssl.create_default_context()\nctx.minimum_version = ssl.TLSVersion.TLSv1_2\n');
  });

  test('Node TLS options get a minimum version of TLS 1.2 instead of an obsolete one', async () => {
    const pinned = await fixFirst("https.createServer({ key, cert, secureProtocol: 'TLSv1_method' }, handler);\n", 'S023', 'javascript');
    assert.equal(pinned.fixed_code, "https.createServer({ key, cert, minVersion: 'TLSv1.2' }, handler);\n");
    const minimum = await fixFirst('tls.connect({ host, minVersion: "TLSv1" });\n', 'S023', 'typescript');
    assert.equal(minimum.fixed_code, 'tls.connect({ host, minVersion: "TLSv1.2" });\n');
  });

  test('an SSLContext without a minimum version gets one set to TLS 1.2 on the next line', async () => {
    const code = 'import ssl\n\n\ndef server():\n    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n    return ctx\n';
    const result = await fixFirst(code, 'S023');
    assert.equal(result.fixed_code, 'import ssl\n\n\ndef server():\n    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n    ctx.minimum_version = ssl.TLSVersion.TLSv1_2\n    return ctx\n');
    const after = await analyze({ code: result.fixed_code, language: 'python' });
    assert.equal(after.issues.filter((issue) => issue.rule_id === 'S023').length, 0);
    const imported = await fixFirst('from ssl import SSLContext, PROTOCOL_TLS_CLIENT\nctx = SSLContext(PROTOCOL_TLS_CLIENT)\n', 'S023');
    assert.equal(imported.fixed_code, 'import ssl\nfrom ssl import SSLContext, PROTOCOL_TLS_CLIENT\nctx = SSLContext(PROTOCOL_TLS_CLIENT)\nctx.minimum_version = ssl.TLSVersion.TLSv1_2\n');
  });

  test('JavaScript template engines get escaping back', async () => {
    const swig = await fixFirst("swig.setDefaults({ autoescape: false, cache: false });\n", 'S027', 'javascript');
    assert.equal(swig.fixed_code, "swig.setDefaults({ autoescape: true, cache: false });\n");
    const handlebars = await fixFirst("const t = Handlebars.compile('<p>{{{ bio }}}</p>');\n", 'S027', 'javascript');
    assert.equal(handlebars.fixed_code, "const t = Handlebars.compile('<p>{{bio}}</p>');\n");
    const noEscape = await fixFirst("const t = Handlebars.compile(source, { noEscape: true });\n", 'S027', 'javascript');
    assert.equal(noEscape.fixed_code, "const t = Handlebars.compile(source, { noEscape: false });\n");
    const ejs = await fixFirst("ejs.render('<%- include(\"nav\") %><p><%- user.bio %></p>', data);\n", 'S027', 'typescript');
    assert.equal(ejs.fixed_code, "ejs.render('<%- include(\"nav\") %><p><%= user.bio %></p>', data);\n");
    const named = await fixFirst("const PREVIEW = '<p><%- body %></p>';\nconst html = ejs.render(PREVIEW, data);\n", 'S027', 'javascript');
    assert.equal(named.fixed_code, "const PREVIEW = '<p><%= body %></p>';\nconst html = ejs.render(PREVIEW, data);\n");
  });

  test('short keys grow to 2048 bits and weak curves move to 256 bits', async () => {
    const code = 'from cryptography.hazmat.primitives.asymmetric import ec, rsa\nk = rsa.generate_private_key(65537, 1024)\nc = ec.generate_private_key(ec.SECP192R1())\n';
    const rsaFixed = await fixFirst(code, 'S024');
    assert.equal(rsaFixed.fixed_code, code.replace('1024', '2048'));
    const curveFixed = await applyFix(code, { rule_id: 'S024', line: 3 }, { language: 'python' });
    assert.equal(curveFixed.fixed_code, code.replace('SECP192R1', 'SECP256R1'));
  });

  test('paramiko.AutoAddPolicy becomes RejectPolicy', async () => {
    const result = await fixFirst('import paramiko\nclient.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n', 'S025');
    assert.equal(result.fixed_code, 'import paramiko\nclient.set_missing_host_key_policy(paramiko.RejectPolicy())\n');
  });

  test('a leading glob in a shell command becomes ./*', async () => {
    const result = await fixFirst('import os\nos.system("tar czf /backup/a.tgz * *.log")\n', 'S026');
    assert.equal(result.fixed_code, 'import os\nos.system("tar czf /backup/a.tgz ./* ./*.log")\n');
  });

  test('Jinja2 environments get autoescape=True', async () => {
    const missing = await fixFirst('import jinja2\nenv = jinja2.Environment(loader=loader)\n', 'S027');
    assert.equal(missing.fixed_code, 'import jinja2\nenv = jinja2.Environment(loader=loader, autoescape=True)\n');
    const empty = await fixFirst('import jinja2\nenv = jinja2.Environment()\n', 'S027');
    assert.equal(empty.fixed_code, 'import jinja2\nenv = jinja2.Environment(autoescape=True)\n');
    const off = await fixFirst('import jinja2\nenv = jinja2.Environment(autoescape=False)\n', 'S027');
    assert.equal(off.fixed_code, 'import jinja2\nenv = jinja2.Environment(autoescape=True)\n');
  });

  test('cookies get the flags they miss', async () => {
    const result = await fixFirst('resp.set_cookie("sid", sid, secure=True)\n', 'S028');
    assert.equal(result.fixed_code, 'resp.set_cookie("sid", sid, secure=True, httponly=True)\n');
  });

  test('Express cookies get secure and httpOnly in their options', async () => {
    const bare = await fixFirst("res.cookie('sid', sid);\n", 'S028', 'javascript');
    assert.equal(bare.fixed_code, "res.cookie('sid', sid, { secure: true, httpOnly: true });\n");
    const options = await fixFirst("res.cookie('sid', sid, { maxAge: 1000 });\n", 'S028', 'javascript');
    assert.equal(options.fixed_code, "res.cookie('sid', sid, { maxAge: 1000, secure: true, httpOnly: true });\n");
    const trailing = await fixFirst("res.cookie('sid', sid, {\n  maxAge: 1000,\n});\n", 'S028', 'javascript');
    assert.equal(trailing.fixed_code, "res.cookie('sid', sid, {\n  maxAge: 1000, secure: true, httpOnly: true,\n});\n");
    const empty = await fixFirst("res.cookie('sid', sid, {});\n", 'S028', 'javascript');
    assert.equal(empty.fixed_code, "res.cookie('sid', sid, { secure: true, httpOnly: true });\n");
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
