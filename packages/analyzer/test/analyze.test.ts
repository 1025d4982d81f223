import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AnalysisTimeoutError, SUPPORTED_LANGUAGES, UnsupportedLanguageError, analyze, detectLanguage, listRules, mergeFindings, type Issue,
} from '../src/index.ts';

const CLEAN_PYTHON = `"""Helpers for greeting people."""


def greet(name):
    """Return a greeting for name."""
    if not name:
        return "Hello, stranger"
    return f"Hello, {name}"


class Greeter:
    """Greets with a fixed salutation."""

    def __init__(self, salutation):
        self.salutation = salutation

    def greet(self, name):
        """Return the salutation followed by name."""
        return f"{self.salutation}, {name}"
`;

describe('language selection', () => {
  test('detects every language from its extension, case-insensitively', () => {
    const samples: Record<string, string> = {
      'a.py': 'python', 'b.JS': 'javascript', 'c.ts': 'typescript', 'd.tsx': 'tsx', 'E.Java': 'java', 'f.go': 'go',
      'g.rs': 'rust', 'h.c': 'c', 'i.cpp': 'cpp', 'j.cs': 'csharp', 'k.php': 'php',
    };
    for (const [path, language] of Object.entries(samples)) assert.equal(detectLanguage(path), language, path);
    assert.equal(detectLanguage('README.md'), null);
    assert.equal(SUPPORTED_LANGUAGES.length, 11);
  });

  test('parses a snippet of each language without syntax issues', async () => {
    const snippets: Record<string, string> = {
      python: 'x = 1\n', javascript: 'const x = 1;\n', typescript: 'const x: number = 1;\n', tsx: 'const e = <div />;\n',
      java: 'class A {}\n', go: 'package main\n', rust: 'fn main() {}\n', c: 'int main(void) { return 0; }\n',
      cpp: 'int main() { return 0; }\n', csharp: 'class A {}\n', php: '<?php $x = 1;\n',
    };
    for (const [language, code] of Object.entries(snippets)) {
      const result = await analyze({ code, language });
      assert.equal(result.language, language);
      assert.deepEqual(result.issues.filter((issue) => issue.type === 'syntax'), [], language);
    }
  });

  test('an explicit language wins over the extension', async () => {
    assert.equal((await analyze({ code: 'x = 1\n', language: 'Python', filePath: 'x.js' })).language, 'python');
  });

  test('refuses unknown languages with a clear error', async () => {
    await assert.rejects(analyze({ code: 'x', language: 'cobol' }), (error: unknown) =>
      error instanceof UnsupportedLanguageError && /Unsupported language "cobol"/.test(error.message) && /python/.test(error.message));
    await assert.rejects(analyze({ code: 'x', filePath: 'notes.txt' }), UnsupportedLanguageError);
    await assert.rejects(analyze({ code: 'x' }), UnsupportedLanguageError);
  });
});

describe('analysis', () => {
  test('reports the documented shape for eval in Python', async () => {
    const result = await analyze({ code: 'def process(data):\n    eval(data)\n    return data', language: 'python', locale: 'zh' });
    const issue = result.issues.find((candidate) => candidate.rule_id === 'S001');
    assert.ok(issue);
    assert.equal(issue.type, 'security');
    assert.equal(issue.severity, 'critical');
    assert.equal(issue.line, 2);
    assert.equal(issue.column, 5);
    assert.equal(issue.message, '使用 eval() 存在代码注入风险');
    assert.equal(issue.source, 'static');
    assert.equal(result.metrics.counts.critical, 1);
  });

  test('constant arguments produce no security finding', async () => {
    const python = [
      'import subprocess, yaml',
      'def run(cursor, x, text):',
      '    """Run."""',
      '    cursor.execute("SELECT * FROM t WHERE a = %s", (x,))',
      '    subprocess.run(["ls", "-l"])',
      '    return yaml.safe_load(text)',
    ].join('\n');
    const js = "el.textContent = x;\nel.innerHTML = '<b>x</b>';\n";
    for (const [code, language] of [[python, 'python'], [js, 'javascript']] as const) {
      const result = await analyze({ code, language, categories: ['security'] });
      assert.deepEqual(result.issues, [], language);
    }
  });

  test('one syntax issue per error region, and the rest is still analysed', async () => {
    const code = 'def a(:\n    pass\n\neval(data)\n\ndef b(:\n    pass\n';
    const result = await analyze({ code, language: 'python' });
    assert.equal(result.issues.filter((issue) => issue.type === 'syntax').length, 2);
    assert.ok(result.issues.some((issue) => issue.rule_id === 'S001'));
  });

  test('categories select rules', async () => {
    const code = 'def f(x, items=[]):\n    # TODO: fix\n    return eval(x)\n';
    const result = await analyze({ code, language: 'python', categories: ['quality'] });
    assert.ok(result.issues.length > 0);
    assert.ok(result.issues.every((issue) => issue.category === 'quality'));
  });

  test('suppression comments silence a rule or every rule on a line', async () => {
    const python = 'eval(a)  # nosec\neval(b)  # nosec S001\neval(c)  # nosec S002\n';
    const lines = (await analyze({ code: python, language: 'python', categories: ['security'] })).issues.map((issue) => issue.line);
    assert.deepEqual(lines, [3]);
    const js = '// resoftai-ignore-next-line S001\neval(a);\neval(b); // resoftai-ignore\neval(c);\n';
    const jsLines = (await analyze({ code: js, language: 'javascript', categories: ['security'] })).issues.map((issue) => issue.line);
    assert.deepEqual(jsLines, [4]);
  });

  test('a tiny time limit raises AnalysisTimeoutError', async () => {
    const code = 'x = 1\n'.repeat(200_000);
    await assert.rejects(analyze({ code, language: 'python', timeoutMs: 1 }), AnalysisTimeoutError);
  });

  test('fingerprints are stable when unrelated lines move', async () => {
    const first = await analyze({ code: 'eval(a)\n', language: 'python' });
    const second = await analyze({ code: '\n\nx = 1\neval(a)\n', language: 'python' });
    assert.equal(first.issues[0]?.fingerprint, second.issues.find((issue) => issue.rule_id === 'S001')?.fingerprint);
  });
});

describe('name resolution and precision', () => {
  const securityRules = async (code: string, language = 'python') =>
    (await analyze({ code, language, categories: ['security'] })).issues.map((issue) => `${issue.line}:${issue.rule_id}`);

  test('calls are matched through import aliases and a single star import', async () => {
    assert.deepEqual(await securityRules('import hashlib as h\nh.md5(data)\n'), ['2:S006']);
    assert.deepEqual(await securityRules('from os import *\nsystem(command)\n'), ['2:S002']);
    assert.deepEqual(await securityRules('from pickle import loads as decode\ndecode(blob)\n'), ['2:S004']);
    assert.deepEqual(await securityRules('def f(x):\n    if x:\n        from hashlib import md5\n        return md5(x)\n'), ['4:S006']);
    // An import written in a docstring binds nothing.
    assert.deepEqual(await securityRules('"""\nimport hashlib as h\n"""\nh.md5(x)\n'), []);
    // With two star imports the module of a bare name is unknown; a name the file defines is its own.
    assert.deepEqual(await securityRules('from os import *\nfrom shutil import *\nsystem(command)\n'), []);
    assert.deepEqual(await securityRules('from os import *\ndef system(c):\n    return c\nsystem(command)\n'), []);
  });

  test('shell= counts as on for any true literal', async () => {
    for (const flag of ['True', '1', '"yes"', '[0]']) {
      assert.deepEqual(await securityRules(`import subprocess\nsubprocess.run("ls " + d, shell=${flag})\n`), ['2:S002'], flag);
    }
    for (const flag of ['False', '0', '""', 'None']) {
      assert.deepEqual(await securityRules(`import subprocess\nsubprocess.run("ls " + d, shell=${flag})\n`), [], flag);
    }
  });

  test('commands and code built only from constants are not injection', async () => {
    const python = [
      'import os, subprocess',
      'BASE = "/srv"',
      'def run():',
      '    command = "du -sh " + BASE',
      '    if os.name == "nt":',
      '        command = "dir " + BASE',
      '    os.system(command)',
      '    expression = f"{1} + {2}"',
      '    return eval(expression)',
    ].join('\n');
    assert.deepEqual(await securityRules(python), []);
    assert.deepEqual(await securityRules("const expr = '2 + 2';\neval(expr);\n", 'javascript'), []);
    // One assignment from elsewhere, a parameter or a loop variable makes the value non-constant.
    assert.deepEqual(await securityRules('import os\ndef run(name):\n    command = "ls"\n    command = "ls " + name\n    os.system(command)\n'), ['5:S002']);
    assert.deepEqual(await securityRules('import os\ndef run(command):\n    os.system(command)\n'), ['3:S002']);
    assert.deepEqual(await securityRules('import os\nfor command in commands:\n    os.system(command)\n'), ['3:S002']);
  });

  test('the Crypto namespace counts as PyCrypto only when the file uses nothing PyCryptodome alone has', async () => {
    assert.deepEqual(await securityRules('from Crypto.Cipher import AES\ncipher = AES.new(key, AES.MODE_CBC, iv)\n'), ['1:S022']);
    assert.deepEqual(await securityRules('from Crypto.Cipher import AES\ncipher = AES.new(key, AES.MODE_GCM)\n'), []);
    assert.deepEqual(await securityRules('from Crypto.Cipher import AES\nfrom Crypto.Util.Padding import pad\n'), []);
  });

  test('suggestions name the APIs of the language analysed', async () => {
    const python = await analyze({ code: 'eval(data)\n', language: 'python', categories: ['security'] });
    const js = await analyze({ code: 'eval(req.body.code);\n', language: 'javascript', categories: ['security'] });
    const java = await analyze({ code: 'class A { void f(String id) { stmt.executeQuery("SELECT * FROM t WHERE id = " + id); } }\n', language: 'java', categories: ['security'] });
    assert.match(python.issues[0]?.suggestion ?? '', /ast\.literal_eval/);
    assert.doesNotMatch(js.issues[0]?.suggestion ?? '', /ast\.literal_eval|json\.loads/);
    assert.match(js.issues[0]?.suggestion ?? '', /JSON\.parse/);
    assert.match(java.issues.find((issue) => issue.rule_id === 'S003')?.suggestion ?? '', /PreparedStatement/);
  });

  test('multi-language rules advise with the analysed language\'s own APIs', async () => {
    const suggestion = async (code: string, language: string, ruleId: string) =>
      (await analyze({ code, language, categories: ['security'] })).issues.find((issue) => issue.rule_id === ruleId)?.suggestion ?? '';
    const pythonXss = await suggestion('from markupsafe import Markup\nMarkup("<b>" + name + "</b>")\n', 'python', 'S011');
    assert.match(pythonXss, /markupsafe\.escape/);
    assert.doesNotMatch(pythonXss, /DOMPurify|textContent/);
    const jsRandom = await suggestion('const token = Math.random().toString(36);\n', 'javascript', 'S008');
    assert.match(jsRandom, /crypto\.randomBytes/);
    assert.doesNotMatch(jsRandom, /secrets|SecureRandom/);
    const jsPath = await suggestion("fs.readFile(req.query.name, cb);\n", 'javascript', 'S012');
    assert.match(jsPath, /path\.basename/);
    assert.doesNotMatch(jsPath, /secure_filename/);
    const jsKey = await suggestion("crypto.createCipheriv('aes-256-cbc', key, 'abcdefghijklmnop');\n", 'javascript', 'S036');
    assert.match(jsKey, /crypto\.randomBytes/);
    assert.doesNotMatch(jsKey, /os\.urandom/);
  });

  test('PDF and canvas text calls are not SQL sinks; SQLAlchemy text() still is', async () => {
    const rules = async (code: string, language: string) => (await analyze({ code, language, categories: ['security'] })).issues.map((issue) => issue.rule_id);
    assert.deepEqual(await rules('doc.text("Order from " + customer, 50, 50);\n', 'javascript'), []);
    assert.deepEqual(await rules('pdf.text(10, 10, "Select from " + name)\n', 'python'), []);
    assert.deepEqual(await rules('import sqlalchemy\nq = sqlalchemy.text("SELECT * FROM t WHERE a = " + name)\n', 'python'), ['S003']);
    assert.deepEqual(await rules('from sqlalchemy import text\nq = text(f"DELETE FROM t WHERE a = {name}")\n', 'python'), ['S003']);
  });
});

describe('metrics and score', () => {
  test('counts lines, complexity and maintainability', async () => {
    const code = '# comment\n\ndef f(a, b):\n    """Doc."""\n    if a and b:\n        return 1\n    return 0\n';
    const { metrics } = await analyze({ code, language: 'python' });
    assert.deepEqual(metrics.lines, { total: 7, code: 5, comment: 1, blank: 1 });
    assert.equal(metrics.complexity.functions[0]?.complexity, 3);
    assert.equal(metrics.complexity.max, 3);
    assert.ok(metrics.halstead.volume > 0);
    assert.ok(metrics.maintainability_index > 0 && metrics.maintainability_index <= 100);
  });

  test('finds each function once, in every language', async () => {
    const samples: Record<string, string> = {
      javascript: 'function f(a) { if (a && b) { return 1; } return a ? 2 : 3; }\nconst g = (x) => x || 1;\n',
      java: 'class A { int f(int a) { if (a > 1 && a < 3) return 1; return 0; } }\n',
      go: 'package m\nfunc F(a int) int { if a > 1 && a < 3 { return 1 }; return 0 }\n',
      c: 'int f(int a) { if (a > 1 && a < 3) return 1; return 0; }\n',
      php: '<?php function f($a) { if ($a > 1 && $a < 3) { return 1; } return 0; }\n',
    };
    for (const [language, code] of Object.entries(samples)) {
      const { metrics } = await analyze({ code, language });
      assert.equal(metrics.complexity.functions[0]?.name.toLowerCase(), 'f', language);
      assert.equal(metrics.complexity.functions[0]?.complexity, language === 'javascript' ? 4 : 3, language);
      assert.equal(metrics.complexity.functions.length, language === 'javascript' ? 2 : 1, language);
    }
  });

  test('a clean, documented file scores at least 95', async () => {
    const result = await analyze({ code: CLEAN_PYTHON, language: 'python' });
    assert.deepEqual(result.issues, []);
    assert.ok(result.score >= 95, `score ${result.score}`);
  });

  test('critical findings lower the score more than low ones', async () => {
    const critical = await analyze({ code: 'import os\nos.system("ls " + name)\n', language: 'python', categories: ['security'] });
    const low = await analyze({ code: '# TODO: later\nx = 1\n', language: 'python' });
    assert.ok(critical.score < low.score);
    assert.ok(low.score < 100);
  });
});

describe('rules and merging', () => {
  test('every rule has complete bilingual metadata', () => {
    for (const rule of listRules()) {
      assert.match(rule.id, /^[SQPE]\d{3}$/);
      for (const text of [rule.messages.en, rule.messages.zh, rule.suggestion.en, rule.suggestion.zh, rule.title]) assert.ok(text.length > 0, rule.id);
    }
  });

  test('mergeFindings drops AI duplicates near a static finding and keeps the rest', async () => {
    const { issues } = await analyze({ code: 'def f(data):\n    return eval(data)\n', language: 'python', categories: ['security'] });
    const base = issues[0] as Issue;
    const duplicate: Issue = { ...base, id: 'ai-1', line: base.line + 1, source: 'ai', confidence: 'low' };
    const novel: Issue = { ...base, id: 'ai-2', rule_id: 'AI', cwe: 'CWE-200', title: 'Information exposure', line: 1, source: 'ai' };
    const merged = mergeFindings(issues, [duplicate, novel]);
    assert.equal(merged.length, issues.length + 1);
    assert.equal(merged[0]?.id, 'ai-2');
    assert.equal(merged[0]?.source, 'ai');
  });
});
