import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyze, listRules } from '../src/index.ts';

const rulesDir = fileURLToPath(new URL('../src/rules', import.meta.url));
const MARKER = /\b(ruleid|ok):\s*([A-Z]\d{3})\b/;

function fixtures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return fixtures(path);
    return entry.name.includes('.fixture.') ? [path] : [];
  });
}

/** Lines (1-based) that must and must not carry a finding of the fixture's rule. */
function expectations(code: string, ruleId: string) {
  const expected = new Set<number>();
  const okLines = new Set<number>();
  code.split('\n').forEach((text, index) => {
    const match = MARKER.exec(text);
    if (!match || match[2] !== ruleId) return;
    (match[1] === 'ruleid' ? expected : okLines).add(index + 2);
  });
  return { expected, okLines };
}

const all = fixtures(rulesDir);
const ruleIds = new Set(listRules().map((rule) => rule.id));

describe('rule fixtures', () => {
  test('every rule has at least one fixture', () => {
    const covered = new Set(all.map((path) => basename(path).slice(0, 4)));
    assert.deepEqual([...ruleIds].filter((id) => !covered.has(id)), []);
  });

  for (const path of all) {
    const ruleId = basename(path).slice(0, 4);
    test(`${basename(path)}`, async () => {
      assert.ok(ruleIds.has(ruleId), `fixture names unknown rule ${ruleId}`);
      const code = readFileSync(path, 'utf8');
      const { expected, okLines } = expectations(code, ruleId);
      assert.ok(expected.size > 0, 'fixture has no ruleid: marker');
      assert.ok(okLines.size > 0, 'fixture has no ok: marker');
      const result = await analyze({ code, filePath: path.replace('.fixture', '') });
      const found = new Set(result.issues.filter((issue) => issue.rule_id === ruleId).map((issue) => issue.line));
      assert.deepEqual([...found].sort((a, b) => a - b), [...expected].sort((a, b) => a - b));
    });
  }
});
