import { analyze, computeScore, detectLanguage, type Issue, type Locale, type Severity } from '@resoftai/analyzer';
import type { CodeAnalyzer, FindingSeverity } from '@resoftai/engine';

// Larger files (bundles, generated data) are not source worth reviewing and would hold the analysis up.
const MAX_ANALYSED_BYTES = 1024 * 1024;

export interface ProjectCodeAnalysis {
  /** 0–100 over every analysed file. */
  score: number;
  summary: Record<Severity, number>;
  issues: Array<Issue & { file_path: string }>;
}

/** The static analyzer over a project's code files: each file in a supported language, one score over all. */
export async function analyseProjectCode(
  files: ReadonlyArray<{ path: string; content: string }>,
  options: { locale?: Locale; signal?: AbortSignal | undefined } = {},
): Promise<ProjectCodeAnalysis> {
  const issues: ProjectCodeAnalysis['issues'] = [];
  let codeLines = 0;
  for (const file of files) {
    options.signal?.throwIfAborted();
    if (Buffer.byteLength(file.content, 'utf8') > MAX_ANALYSED_BYTES || !detectLanguage(file.path)) continue;
    const result = await analyze({ code: file.content, filePath: file.path, locale: options.locale });
    codeLines += result.metrics.lines.code;
    issues.push(...result.issues.map((issue) => ({ ...issue, file_path: file.path })));
  }
  const summary: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const issue of issues) summary[issue.severity]++;
  return { score: computeScore(issues, codeLines), summary, issues };
}

const FINDING_SEVERITY: Record<Severity, FindingSeverity> = { critical: 'critical', high: 'major', medium: 'minor', low: 'info' };

/** The engine's `CodeAnalyzer` port (QualityExpertAgent's review) backed by the static analyzer. */
export const staticCodeAnalyzer: CodeAnalyzer = {
  async analyze(files, { signal, language }) {
    const analysis = await analyseProjectCode(files, { locale: language, signal });
    return {
      score: analysis.score,
      issues: analysis.issues.map((issue) => ({
        path: issue.file_path, line: issue.line, severity: FINDING_SEVERITY[issue.severity], rule: issue.rule_id, message: issue.message,
      })),
    };
  },
};
