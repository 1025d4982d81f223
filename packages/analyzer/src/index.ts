import { runAnalysis } from './engine.ts';
import { RULES } from './rules/index.ts';
import type { RuleMeta } from './rules/rule.ts';
import type { AnalysisResult, AnalyzeInput } from './types.ts';

export { detectLanguage, resolveLanguage, SUPPORTED_LANGUAGES, type LanguageId } from './languages.ts';
export { AnalysisTimeoutError, UnsupportedLanguageError } from './errors.ts';
export { computeScore, SEVERITY_WEIGHTS } from './score.ts';
export { applyFix, type FixFailure, type FixOptions, type FixResult, type FixTarget } from './fixes.ts';
export { mergeFindings } from './merge.ts';
export { formatJson } from './formatters/json.ts';
export { formatSarif, type SarifOptions } from './formatters/sarif.ts';
export { formatText } from './formatters/text.ts';
export { summarise, type ReportSummary } from './formatters/summary.ts';
export {
  loadBlindCorpus, loadEvaluationSet, scoreSample, scoreSampleByRule, summariseEvaluation,
  type EvaluationCounts, type EvaluationLabel, type EvaluationSample, type EvaluationScore,
} from './evaluation.ts';
export type { RuleMeta, LocalisedText } from './rules/rule.ts';
export * from './types.ts';

/** Analyses one file's code with every rule of the selected categories. */
export async function analyze(input: AnalyzeInput): Promise<AnalysisResult> {
  return (await runAnalysis(input)).result;
}

/** Metadata of every rule, in id order. */
export function listRules(): RuleMeta[] {
  return RULES.map((rule) => rule.meta).sort((a, b) => a.id.localeCompare(b.id));
}
