import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { analyze, formatJson, formatSarif, formatText, listRules } from '../src/index.ts';

const schema = JSON.parse(readFileSync(new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;

async function sampleResults() {
  return Promise.all([
    analyze({ code: 'import os\n\n\ndef run(name):\n    os.system("ls " + name)\n', filePath: 'src/app dir/run.py' }),
    analyze({ code: 'el.innerHTML = location.hash;\n', filePath: 'web/main.js' }),
    analyze({ code: 'package main\n', filePath: 'cmd/clean.go' }),
  ]);
}

describe('formatters', () => {
  test('SARIF validates against the 2.1.0 schema and carries what code scanning needs', async () => {
    const sarif = JSON.parse(formatSarif(await sampleResults())) as {
      runs: { tool: { driver: { rules: { id: string; properties: { tags: string[]; 'security-severity': string } }[] } };
        results: { ruleId: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const valid = ajv.validate(schema, sarif);
    assert.equal(valid, true, JSON.stringify(ajv.errors?.slice(0, 3)));
    const run = sarif.runs[0];
    assert.ok(run);
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.properties.tags.some((tag) => ['security', 'quality', 'performance'].includes(tag)), rule.id);
      assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
    }
    assert.ok(run.results.length >= 2);
    for (const result of run.results) {
      assert.ok(result.partialFingerprints.primaryLocationLineHash);
      const uri = result.locations[0]?.physicalLocation.artifactLocation.uri ?? '';
      assert.ok(!uri.startsWith('/') && !uri.includes('://'), uri);
    }
    assert.ok(run.results.some((result) => result.locations[0]?.physicalLocation.artifactLocation.uri === 'src/app%20dir/run.py'));
  });

  test('every security rule carries its CWE into SARIF', () => {
    const sarif = JSON.parse(formatSarif([])) as { runs: { tool: { driver: { rules: { id: string; properties: { tags: string[] } }[] } } }[] };
    const tags = new Map(sarif.runs[0]?.tool.driver.rules.map((rule) => [rule.id, rule.properties.tags]));
    for (const rule of listRules().filter((meta) => meta.category === 'security')) {
      assert.match(rule.cwe ?? '', /^CWE-\d+$/, rule.id);
      assert.ok(tags.get(rule.id)?.includes(`external/cwe/${rule.cwe?.toLowerCase()}`), rule.id);
    }
  });

  test('a SARIF log that breaks the schema is rejected by the validator', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    assert.equal(ajv.validate(schema, { version: '2.1.0', runs: [{ results: [] }] }), false);
  });

  test('JSON carries a summary and every file result', async () => {
    const parsed = JSON.parse(formatJson(await sampleResults())) as { summary: { files: number; issues: number }; files: unknown[] };
    assert.equal(parsed.summary.files, 3);
    assert.equal(parsed.files.length, 3);
    assert.ok(parsed.summary.issues >= 2);
  });

  test('text lists findings by file with a summary line', async () => {
    const text = formatText(await sampleResults());
    assert.match(text, /^src\/app dir\/run\.py$/m);
    assert.match(text, /5:5 +critical +S002 /);
    assert.match(text, /in 3 files/);
  });
});
