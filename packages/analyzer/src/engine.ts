import { createHash } from 'node:crypto';
import type { Tree } from 'web-tree-sitter';
import { AnalysisTimeoutError } from './errors.ts';
import { parserFor, resolveLanguage, type LanguageSpec } from './languages.ts';
import { MetricsCollector } from './metrics.ts';
import { RULES } from './rules/index.ts';
import { patternFor } from './rules/patterns.ts';
import { appliesTo, type Fix, type LocalisedText, type Report, type Rule, type RuleContext } from './rules/rule.ts';
import { computeScore } from './score.ts';
import { Suppressions } from './suppression.ts';
import { callSite, type CallSite } from './syntax/calls.ts';
import { pythonImports, type ImportTable } from './syntax/imports.ts';
import { isTainted, type TaintOrigin } from './syntax/taint.ts';
import { isConstantValue } from './syntax/constants.ts';
import { CATEGORIES, type AnalysisResult, type AnalyzeInput, type Issue, type Locale, type Severity } from './types.ts';
import { RuleWalker } from './walker.ts';

interface PendingIssue {
  issue: Issue;
  fix: Fix | undefined;
}

export interface AnalysisOutcome {
  result: AnalysisResult;
  /** Mechanical fixes by issue id. */
  fixes: Map<string, Fix>;
}

function formatMessage(template: string, data: Report['data']): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (data && key in data ? String(data[key]) : whole));
}

function pendingIssue(rule: Rule, report: Report, locale: Locale, suggestion: LocalisedText, severityOverride: Severity | undefined): PendingIssue {
  const { meta } = rule;
  const { node, data, fix } = report;
  return {
    fix,
    issue: {
      id: '',
      rule_id: meta.id,
      title: meta.title,
      type: meta.issueType ?? meta.category,
      category: meta.category,
      severity: severityOverride ?? report.severity ?? meta.severity,
      confidence: report.confidence ?? meta.confidence,
      cwe: meta.cwe,
      message: formatMessage(meta.messages[locale], data),
      suggestion: formatMessage(suggestion[locale], data),
      line: node.startPosition.row + 1,
      column: node.startPosition.column + 1,
      end_line: node.endPosition.row + 1,
      end_column: node.endPosition.column + 1,
      fixable: fix !== undefined,
      source: 'static',
      fingerprint: '',
    },
  };
}

/** Drops suppressed and duplicate findings, orders them, and gives each an id and a fingerprint. */
function finaliseIssues(pending: PendingIssue[], suppressions: Suppressions, code: string): { issues: Issue[]; fixes: Map<string, Fix> } {
  const lines = code.split('\n');
  const occurrences = new Map<string, number>();
  const fixes = new Map<string, Fix>();
  const issues: Issue[] = [];
  pending.sort((a, b) => a.issue.line - b.issue.line || a.issue.column - b.issue.column || a.issue.rule_id.localeCompare(b.issue.rule_id));
  for (const { issue, fix } of pending) {
    if (suppressions.isSuppressed(issue.rule_id, issue.line)) continue;
    issue.id = `${issue.rule_id}:${issue.line}:${issue.column}`;
    if (issues.at(-1)?.id === issue.id) continue;
    const key = `${issue.rule_id}|${(lines[issue.line - 1] ?? '').trim().replace(/\s+/g, ' ')}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    issue.fingerprint = createHash('sha256').update(`${key}|${occurrence}`).digest('hex').slice(0, 32);
    if (fix) fixes.set(issue.id, fix);
    issues.push(issue);
  }
  return { issues, fixes };
}

function remembered(answers: Map<number, boolean>, node: CallSite['node'], answer: () => boolean): boolean {
  let known = answers.get(node.id);
  if (known === undefined) {
    known = answer();
    answers.set(node.id, known);
  }
  return known;
}

/** Parses, walks the tree once with every selected rule, and derives metrics and score. */
export async function runAnalysis(input: AnalyzeInput): Promise<AnalysisOutcome> {
  const started = performance.now();
  const spec = resolveLanguage(input.language, input.filePath);
  const parser = await parserFor(spec);
  const timeoutMs = input.timeoutMs ?? 0;
  const deadline = timeoutMs > 0 ? started + timeoutMs : Number.POSITIVE_INFINITY;
  const tree = parser.parse(input.code, null, { progressCallback: () => performance.now() > deadline });
  if (!tree) {
    // A cancelled parse would otherwise resume on the next call with this parser.
    parser.reset();
    throw new AnalysisTimeoutError(timeoutMs);
  }
  try {
    return analyseTree(tree, spec, input, started, deadline);
  } finally {
    tree.delete();
  }
}

function analyseTree(tree: Tree, spec: LanguageSpec, input: AnalyzeInput, started: number, deadline: number): AnalysisOutcome {
  const { code } = input;
  const locale: Locale = input.locale ?? 'en';
  const categories = new Set(input.categories?.length ? input.categories : CATEGORIES);
  const metrics = new MetricsCollector();
  const suppressions = new Suppressions();
  const walker = new RuleWalker(spec, code, metrics, suppressions, deadline, input.timeoutMs ?? 0);
  const pending: PendingIssue[] = [];
  const calls = new Map<number, CallSite>();
  // Several rules ask the same of one argument (is it constant, does request data reach it); each is answered once.
  const constants = new Map<number, boolean>();
  const taints = { any: new Map<number, boolean>(), request: new Map<number, boolean>() };
  // Read on the first call looked at, so files whose calls no rule inspects never pay for it.
  let imports: ImportTable | undefined;
  const shared = {
    spec,
    code,
    filePath: input.filePath ?? null,
    call(node: CallSite['node']): CallSite {
      let site = calls.get(node.id);
      if (!site) {
        if (spec.id === 'python') imports ??= pythonImports(tree.rootNode, code);
        site = callSite(node, imports);
        calls.set(node.id, site);
      }
      return site;
    },
    isConstant: (node: CallSite['node']) => remembered(constants, node, () => isConstantValue(node, spec)),
    isTainted: (node: CallSite['node'], origin: TaintOrigin = 'any') => remembered(taints[origin], node, () => isTainted(node, spec, 0, origin)),
    loopDepth: () => walker.loopDepth(),
    currentFunction: () => walker.currentFunction(),
    functionComplexity: () => metrics.currentComplexity(),
    tokenCount: (text: string) => metrics.operandCount(text),
  };
  const { enabled, disabled = [], severityOverrides = {} } = input.rules ?? {};
  for (const rule of RULES) {
    if (!appliesTo(rule, spec.id) || (rule.meta.issueType !== 'syntax' && !categories.has(rule.meta.category))) continue;
    if ((enabled && !enabled.includes(rule.meta.id)) || disabled.includes(rule.meta.id)) continue;
    const severity = severityOverrides[rule.meta.id];
    const suggestion = patternFor(rule.meta.suggestionByLanguage ?? {}, spec.id) ?? rule.meta.suggestion;
    const context: RuleContext = { ...shared, report: (report) => pending.push(pendingIssue(rule, report, locale, suggestion, severity)) };
    walker.addRule(rule, rule.create(context));
  }
  walker.walk(tree);
  const [failure] = walker.failures;
  if (failure) {
    const [ruleId, error] = failure;
    throw new Error(`Rule ${ruleId} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const { issues, fixes } = finaliseIssues(pending, suppressions, code);
  const collected = metrics.finish(code, issues.length);
  const counts = { total: issues.length, critical: 0, high: 0, medium: 0, low: 0 };
  for (const issue of issues) counts[issue.severity] += 1;
  const result: AnalysisResult = {
    language: spec.id,
    file_path: input.filePath ?? null,
    issues,
    metrics: { ...collected, counts, analysis_time_ms: Math.round((performance.now() - started) * 100) / 100 },
    score: computeScore(issues, collected.lines.code),
  };
  return { result, fixes };
}
