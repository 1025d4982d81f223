import type { ReportedAnalysis } from '../types.ts';
import { summarise } from './summary.ts';

/** Human-readable report grouped by file: `line:column  severity  rule  message`, then the suggestion. */
export function formatText(results: readonly ReportedAnalysis[]): string {
  const out: string[] = [];
  for (const result of results) {
    if (result.issues.length === 0) continue;
    out.push(result.file_path ?? '(code)');
    for (const issue of result.issues) {
      const where = `${issue.line}:${issue.column}`.padEnd(8);
      out.push(`  ${where}${issue.severity.padEnd(9)}${issue.rule_id}  ${issue.message}${issue.fixable ? ' [fixable]' : ''}`);
      out.push(`          ${' '.repeat(9)}      ↳ ${issue.suggestion}`);
    }
    out.push('');
  }
  const summary = summarise(results);
  const severities = Object.entries(summary.by_severity).map(([severity, count]) => `${count} ${severity}`).join(', ');
  out.push(`${summary.issues} issue${summary.issues === 1 ? '' : 's'} (${severities}) in ${summary.files} file${summary.files === 1 ? '' : 's'}, ${summary.lines_of_code} lines of code, score ${summary.score}/100`);
  return `${out.join('\n')}\n`;
}
