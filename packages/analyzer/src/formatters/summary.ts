import { SEVERITIES, type ReportedAnalysis, type Severity } from '../types.ts';

export interface ReportSummary {
  files: number;
  lines_of_code: number;
  issues: number;
  by_severity: Record<Severity, number>;
  /** Code-line-weighted mean of the file scores; 100 when nothing was analysed. */
  score: number;
}

export function summarise(results: readonly ReportedAnalysis[]): ReportSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  let lines = 0;
  let weighted = 0;
  for (const result of results) {
    for (const issue of result.issues) bySeverity[issue.severity] += 1;
    const code = Math.max(result.metrics.lines.code, 1);
    lines += result.metrics.lines.code;
    weighted += result.score * code;
  }
  const weight = results.reduce((sum, result) => sum + Math.max(result.metrics.lines.code, 1), 0);
  return {
    files: results.length,
    lines_of_code: lines,
    issues: results.reduce((sum, result) => sum + result.issues.length, 0),
    by_severity: bySeverity,
    score: weight > 0 ? Math.round(weighted / weight) : 100,
  };
}
