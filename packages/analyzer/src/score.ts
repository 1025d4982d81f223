import type { Issue, Severity } from './types.ts';

export const SEVERITY_WEIGHTS: Record<Severity, number> = { critical: 10, high: 5, medium: 2, low: 0.5 };
/** Files shorter than this count as this long, so one finding in a snippet is not a catastrophe. */
const MIN_KLOC = 0.05;

/** score = 100 / (1 + D / 100), where D is the severity-weighted issue count per 1,000 code lines. */
export function computeScore(issues: readonly Issue[], codeLines: number): number {
  const weight = issues.reduce((sum, issue) => sum + SEVERITY_WEIGHTS[issue.severity], 0);
  const density = weight / Math.max(codeLines / 1000, MIN_KLOC);
  return Math.round(100 / (1 + density / 100));
}
