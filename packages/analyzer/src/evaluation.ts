import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from './rules/index.ts';
import type { RuleMeta } from './rules/rule.ts';
import type { Issue } from './types.ts';

/** An expected finding: a rule on one line, or anywhere in the sample when `line` is null. */
export interface EvaluationLabel {
  rule_id: string;
  line: number | null;
}

/** One labelled code sample of the evaluation set. */
export interface EvaluationSample {
  /** `corpus/<language>/<file>` or `fixtures/<rule file>`. */
  id: string;
  /** A path whose extension names the language. */
  filePath: string;
  code: string;
  /** The code with its label markers blanked (same lines), for reviewers that must not read the answers. */
  unlabelledCode: string;
  /** Rules this sample is labelled for: their findings that match no label are false positives; other rules' are ignored. */
  scope: string[];
  expected: EvaluationLabel[];
}

export interface EvaluationCounts {
  true_positives: number;
  false_positives: number;
  false_negatives: number;
}

export interface EvaluationScore extends EvaluationCounts {
  precision: number;
  recall: number;
  f1: number;
  samples: number;
}

const corpusDir = fileURLToPath(new URL('../evaluation/corpus', import.meta.url));
const blindDir = fileURLToPath(new URL('../evaluation/blind', import.meta.url));
const rulesDir = fileURLToPath(new URL('./rules', import.meta.url));
const CORPUS_LABEL = /expect:\s*(safe|[A-Z]\d{3}(?:\s*,\s*[A-Z]\d{3})*)/;
const FIXTURE_MARKER = /\b(ruleid|ok):\s*([A-Z]\d{3})\b/;
const ANY_MARKER = /\b(?:ruleid|ok|expect):\s*(?:safe|[A-Z]\d{3}(?:\s*,\s*[A-Z]\d{3})*)\b/g;

const unlabelled = (code: string) => code.replace(ANY_MARKER, '');

const ruleMeta = new Map<string, RuleMeta>(RULES.map((rule) => [rule.meta.id, rule.meta]));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

/** Corpus files carry a file-level label on their first line (`expect: safe`, `expect: S023` or `expect: S023, S017`) and are labelled for every security rule. */
function corpusSample(path: string, securityRules: string[], dir = corpusDir): EvaluationSample {
  const code = readFileSync(path, 'utf8');
  const label = CORPUS_LABEL.exec(code)?.[1];
  if (!label) throw new Error(`Evaluation sample ${path} has no "expect:" label`);
  return {
    id: `${basename(dir)}/${relative(dir, path)}`,
    filePath: path,
    code,
    unlabelledCode: unlabelled(code),
    scope: securityRules,
    expected: label === 'safe' ? [] : label.split(/\s*,\s*/).map((ruleId) => ({ rule_id: ruleId, line: null })),
  };
}

/** Rule fixtures are labelled line by line for their own rule: `ruleid: X` above each expected finding. */
function fixtureSample(path: string): EvaluationSample {
  const code = readFileSync(path, 'utf8');
  const ruleId = basename(path).slice(0, 4);
  const expected: EvaluationLabel[] = [];
  code.split('\n').forEach((text, index) => {
    const marker = FIXTURE_MARKER.exec(text);
    if (marker?.[1] === 'ruleid' && marker[2] === ruleId) expected.push({ rule_id: ruleId, line: index + 2 });
  });
  return { id: `fixtures/${relative(rulesDir, path)}`, filePath: path.replace('.fixture', ''), code, unlabelledCode: unlabelled(code), scope: [ruleId], expected };
}

const securityRuleIds = () => RULES.filter((rule) => rule.meta.category === 'security').map((rule) => rule.meta.id).sort();

let cached: EvaluationSample[] | undefined;

/**
 * The labelled evaluation set shipped with the analyzer: the corpus under `evaluation/corpus` and every rule
 * fixture under `src/rules`. Read once per process.
 */
export function loadEvaluationSet(): EvaluationSample[] {
  if (!cached) {
    const securityRules = securityRuleIds();
    cached = [
      ...filesUnder(corpusDir).map((path) => corpusSample(path, securityRules)),
      ...filesUnder(rulesDir).filter((path) => path.includes('.fixture.')).map(fixtureSample),
    ];
  }
  return cached;
}

/** An AI finding stands for a rule when it names the rule's CWE, or, for rules without one, its category. */
function aiFindingIsRule(issue: Issue, ruleId: string): boolean {
  const meta = ruleMeta.get(ruleId);
  if (!meta) return false;
  return meta.cwe ? issue.cwe === meta.cwe : issue.category === meta.category;
}

function matches(issue: Issue, label: EvaluationLabel): boolean {
  if (issue.source === 'ai') {
    return aiFindingIsRule(issue, label.rule_id) && (label.line === null || Math.abs(issue.line - label.line) <= 1);
  }
  return issue.rule_id === label.rule_id && (label.line === null || issue.line === label.line);
}

function inScope(issue: Issue, scope: readonly string[]): boolean {
  return issue.source === 'ai' ? scope.some((ruleId) => aiFindingIsRule(issue, ruleId)) : scope.includes(issue.rule_id);
}

/** Compares one sample's findings (static and AI) with its labels. */
export function scoreSample(sample: EvaluationSample, issues: readonly Issue[]): EvaluationCounts {
  const found = sample.expected.filter((label) => issues.some((issue) => matches(issue, label))).length;
  const unexpected = issues.filter((issue) => inScope(issue, sample.scope) && !sample.expected.some((label) => matches(issue, label))).length;
  return { true_positives: found, false_positives: unexpected, false_negatives: sample.expected.length - found };
}

/** The rule a finding is counted for: its own, or for an AI finding the labelled rule whose CWE it names. */
function countedRule(issue: Issue, scope: readonly string[]): string {
  return issue.source === 'ai' ? scope.find((ruleId) => aiFindingIsRule(issue, ruleId)) ?? issue.rule_id : issue.rule_id;
}

/** `scoreSample` split by rule: each label counts for its rule, each unexpected in-scope finding for the rule that reported it. */
export function scoreSampleByRule(sample: EvaluationSample, issues: readonly Issue[]): Map<string, EvaluationCounts> {
  const byRule = new Map<string, EvaluationCounts>();
  const count = (ruleId: string, field: keyof EvaluationCounts) => {
    const counts = byRule.get(ruleId) ?? { true_positives: 0, false_positives: 0, false_negatives: 0 };
    counts[field] += 1;
    byRule.set(ruleId, counts);
  };
  for (const label of sample.expected) count(label.rule_id, issues.some((issue) => matches(issue, label)) ? 'true_positives' : 'false_negatives');
  for (const issue of issues) {
    if (inScope(issue, sample.scope) && !sample.expected.some((label) => matches(issue, label))) count(countedRule(issue, sample.scope), 'false_positives');
  }
  return byRule;
}

/** Micro-averaged precision, recall and F1 over every label of the evaluated samples. */
export function summariseEvaluation(perSample: readonly EvaluationCounts[]): EvaluationScore {
  const total = perSample.reduce<EvaluationCounts>((sum, counts) => ({
    true_positives: sum.true_positives + counts.true_positives,
    false_positives: sum.false_positives + counts.false_positives,
    false_negatives: sum.false_negatives + counts.false_negatives,
  }), { true_positives: 0, false_positives: 0, false_negatives: 0 });
  const reported = total.true_positives + total.false_positives;
  const expected = total.true_positives + total.false_negatives;
  const precision = reported > 0 ? total.true_positives / reported : 0;
  const recall = expected > 0 ? total.true_positives / expected : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...total, precision, recall, f1, samples: perSample.length };
}

/**
 * A second corpus under `evaluation/blind`, labelled like the first but written without reading the rules, with a
 * safe look-alike for most vulnerable snippets. `bench:analyzer` scores it rule by rule, and review profiles are
 * measured on it (three-version control).
 */
export function loadBlindCorpus(): EvaluationSample[] {
  const securityRules = securityRuleIds();
  return filesUnder(blindDir).map((path) => corpusSample(path, securityRules, blindDir));
}
