import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, type Issue, loadBlindCorpus, loadEvaluationSet, type RuleSelection, scoreSample, scoreSampleByRule, summariseEvaluation } from '../src/index.ts';

const samples = loadEvaluationSet();

async function measure(rules?: RuleSelection) {
  const counts = [];
  for (const sample of samples) counts.push(scoreSample(sample, (await analyze({ code: sample.code, filePath: sample.filePath, rules })).issues));
  return summariseEvaluation(counts);
}

test('the evaluation set holds the corpus and every rule fixture, each labelled', () => {
  assert.ok(samples.length >= 50);
  assert.ok(samples.some((s) => s.id === 'corpus/python/flask_eval.py' && s.expected[0]?.rule_id === 'S001' && s.expected[0].line === null));
  const safe = samples.find((s) => s.id === 'corpus/python/safe_settings.py')!;
  assert.deepEqual(safe.expected, []);
  assert.ok(safe.scope.includes('S005') && !safe.scope.includes('Q011'));
  const fixture = samples.find((s) => s.id.startsWith('fixtures/') && s.id.endsWith('S001-code-injection.fixture.py'))!;
  assert.deepEqual(fixture.scope, ['S001']);
  assert.doesNotMatch(fixture.unlabelledCode, /ruleid|ok: S001/);
  assert.equal(fixture.unlabelledCode.split('\n').length, fixture.code.split('\n').length);
  assert.ok(fixture.expected.length > 0 && fixture.expected.every((label) => label.rule_id === 'S001' && label.line !== null));
});

test('the blind corpus is labelled per file, one rule or several, its labels blanked for reviewers', () => {
  const blind = loadBlindCorpus();
  assert.ok(blind.length >= 150);
  const twoProblems = blind.find((s) => s.id === 'blind/python/legacy_pos_tls_server.py')!;
  assert.deepEqual(twoProblems.expected, [{ rule_id: 'S023', line: null }, { rule_id: 'S017', line: null }]);
  assert.ok(!/expect:/.test(twoProblems.unlabelledCode));
  assert.ok(blind.every((s) => s.id.startsWith('blind/') && s.scope.includes('S001')));
});

test('scoring counts matches, misses and unexpected findings within the labelled scope only', () => {
  const sample = { id: 's', filePath: 'a.py', code: '', unlabelledCode: '', scope: ['S001'], expected: [{ rule_id: 'S001', line: 3 }, { rule_id: 'S001', line: 9 }] };
  const issue = (fields: Partial<Issue>) => ({ rule_id: 'S001', line: 3, source: 'static', cwe: 'CWE-95', category: 'security', ...fields }) as Issue;
  assert.deepEqual(scoreSample(sample, [issue({}), issue({ line: 5 }), issue({ rule_id: 'Q011', line: 1 })]), { true_positives: 1, false_positives: 1, false_negatives: 1 });
  // An AI finding with the rule's CWE within a line of the label counts; one of another kind is outside the scope.
  assert.deepEqual(scoreSample(sample, [issue({ rule_id: 'AI', source: 'ai', line: 10 }), issue({ rule_id: 'AI', source: 'ai', cwe: 'CWE-89', line: 3 })]), { true_positives: 1, false_positives: 0, false_negatives: 1 });
  const summary = summariseEvaluation([{ true_positives: 3, false_positives: 1, false_negatives: 1 }, { true_positives: 0, false_positives: 0, false_negatives: 0 }]);
  assert.deepEqual(summary, { true_positives: 3, false_positives: 1, false_negatives: 1, precision: 0.75, recall: 0.75, f1: 0.75, samples: 2 });
  assert.equal(summariseEvaluation([{ true_positives: 0, false_positives: 0, false_negatives: 4 }]).f1, 0);
});

test('per-rule scores split a sample\'s counts by the rule each label and finding belongs to', () => {
  const sample = { id: 's', filePath: 'a.py', code: '', unlabelledCode: '', scope: ['S001', 'S003'], expected: [{ rule_id: 'S001', line: 3 }, { rule_id: 'S003', line: 7 }] };
  const issue = (fields: Partial<Issue>) => ({ rule_id: 'S001', line: 3, source: 'static', cwe: 'CWE-95', category: 'security', ...fields }) as Issue;
  const issues = [issue({}), issue({ rule_id: 'S003', cwe: 'CWE-89', line: 9 }), issue({ rule_id: 'AI', source: 'ai', line: 20 }), issue({ rule_id: 'Q011', line: 1 })];
  const byRule = scoreSampleByRule(sample, issues);
  assert.deepEqual(Object.fromEntries(byRule), {
    S001: { true_positives: 1, false_positives: 1, false_negatives: 0 },
    S003: { true_positives: 0, false_positives: 1, false_negatives: 1 },
  });
  const total = summariseEvaluation([...byRule.values()]);
  const whole = scoreSample(sample, issues);
  assert.deepEqual([total.true_positives, total.false_positives, total.false_negatives], [whole.true_positives, whole.false_positives, whole.false_negatives]);
});

test('the default rules measure above the promotion threshold; disabling a rule costs recall; overrides only re-grade', async () => {
  const all = await measure();
  console.log(`default profile: ${all.samples} samples, precision ${all.precision.toFixed(3)}, recall ${all.recall.toFixed(3)}, F1 ${all.f1.toFixed(3)}`);
  assert.ok(all.f1 >= 0.85, `F1 ${all.f1}`);
  const withoutSql = await measure({ disabled: ['S003'] });
  assert.ok(withoutSql.recall < all.recall);
  assert.equal(withoutSql.false_negatives - all.false_negatives, samples.flatMap((s) => s.expected).filter((l) => l.rule_id === 'S003').length);
  assert.deepEqual(await measure({ severityOverrides: { S003: 'low' } }), all);
  const onlySql = await measure({ enabled: ['S003'] });
  // Every label and every in-scope finding belongs to one rule, so the two selections split the default's counts.
  assert.equal(onlySql.true_positives + withoutSql.true_positives, all.true_positives);
  assert.equal(onlySql.false_positives + withoutSql.false_positives, all.false_positives);
});

test('severity overrides and rule selection change what analyze reports', async () => {
  const code = 'import hashlib\nh = hashlib.md5(data)\n';
  const plain = await analyze({ code, language: 'python', categories: ['security'] });
  assert.equal(plain.issues[0]?.rule_id, 'S006');
  assert.equal(plain.issues[0]?.severity, 'medium');
  assert.equal((await analyze({ code, language: 'python', categories: ['security'], rules: { severityOverrides: { S006: 'critical' } } })).issues[0]?.severity, 'critical');
  assert.deepEqual((await analyze({ code, language: 'python', categories: ['security'], rules: { disabled: ['S006'] } })).issues, []);
  assert.deepEqual((await analyze({ code, language: 'python', categories: ['security'], rules: { enabled: ['S001'] } })).issues, []);
});
