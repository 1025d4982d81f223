import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/index.ts';

const corpusDir = fileURLToPath(new URL('../evaluation/corpus', import.meta.url));
const EXPECT = /expect:\s*(safe|[A-Z]\d{3})/;
const MIN_RECALL = 0.9;
const MAX_FALSE_POSITIVES = 2;

function snippets(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? snippets(join(dir, entry.name)) : [join(dir, entry.name)]);
}

test('labelled corpus: recall ≥ 0.9 and at most two false positives', async () => {
  let truePositives = 0;
  const missed: string[] = [];
  const falsePositives: string[] = [];
  for (const path of snippets(corpusDir)) {
    const code = readFileSync(path, 'utf8');
    const expected = EXPECT.exec(code)?.[1];
    assert.ok(expected, `${path} has no expect: label`);
    const { issues } = await analyze({ code, filePath: path, categories: ['security'] });
    const name = relative(corpusDir, path);
    if (expected === 'safe') {
      falsePositives.push(...issues.map((issue) => `${name}:${issue.line} ${issue.rule_id}`));
    } else if (issues.some((issue) => issue.rule_id === expected)) {
      truePositives += 1;
      falsePositives.push(...issues.filter((issue) => issue.rule_id !== expected).map((issue) => `${name}:${issue.line} ${issue.rule_id}`));
    } else {
      missed.push(`${name} (${expected})`);
    }
  }
  const recall = truePositives / (truePositives + missed.length);
  const precision = truePositives / (truePositives + falsePositives.length);
  console.log(`corpus: ${truePositives} true positives, ${missed.length} missed, ${falsePositives.length} false positives; precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
  if (missed.length) console.log(`missed: ${missed.join(', ')}`);
  if (falsePositives.length) console.log(`false positives: ${falsePositives.join(', ')}`);
  assert.ok(recall >= MIN_RECALL, `recall ${recall.toFixed(3)} below ${MIN_RECALL}: missed ${missed.join(', ')}`);
  assert.ok(falsePositives.length <= MAX_FALSE_POSITIVES, `false positives: ${falsePositives.join(', ')}`);
});
