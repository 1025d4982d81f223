import type { Issue } from './types.ts';

/** Lines apart at which a static and an AI finding of the same kind count as one. */
const SAME_PLACE_LINES = 1;

function sameKind(a: Issue, b: Issue): boolean {
  if (a.rule_id === b.rule_id) return true;
  if (a.cwe && b.cwe) return a.cwe === b.cwe;
  return a.category === b.category && a.title.toLowerCase() === b.title.toLowerCase();
}

/**
 * Merges AI findings into static ones: an AI finding of the same kind (rule, CWE or title) within a line of a
 * static one is dropped as a duplicate; the rest are kept with `source: 'ai'` and their own confidence.
 */
export function mergeFindings(staticIssues: readonly Issue[], aiIssues: readonly Issue[]): Issue[] {
  const merged = [...staticIssues];
  for (const candidate of aiIssues) {
    const duplicate = merged.some((issue) => Math.abs(issue.line - candidate.line) <= SAME_PLACE_LINES && sameKind(issue, candidate));
    if (!duplicate) merged.push({ ...candidate, source: 'ai' });
  }
  return merged.sort((a, b) => a.line - b.line || a.column - b.column || a.rule_id.localeCompare(b.rule_id));
}
