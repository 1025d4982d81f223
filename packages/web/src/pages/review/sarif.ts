import { fileNameFor } from './languages.ts';
import type { Analysis } from './review-api.ts';

const LEVELS: Record<string, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/** The analysis as a SARIF 2.1.0 log: one run, the rules it found, one result per issue. */
export function toSarif(analysis: Analysis) {
  const ruleIds = [...new Set(analysis.issues.map((issue) => issue.rule_id))];
  const uri = analysis.file_path ?? fileNameFor(analysis.language);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'ResoftAI CodeRev',
          rules: ruleIds.map((id) => {
            const issue = analysis.issues.find((candidate) => candidate.rule_id === id)!;
            const cweNumber = cweNumberOf(issue.cwe);
            return {
              id,
              shortDescription: { text: issue.title },
              ...(cweNumber ? { helpUri: cweUrl(cweNumber) } : {}),
              properties: { category: issue.category, ...(issue.cwe ? { tags: [issue.cwe] } : {}) },
            };
          }),
        },
      },
      results: analysis.issues.map((issue) => ({
        ruleId: issue.rule_id,
        ruleIndex: ruleIds.indexOf(issue.rule_id),
        level: LEVELS[issue.severity] ?? 'warning',
        message: { text: issue.suggestion ? `${issue.message} ${issue.suggestion}` : issue.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri },
            region: { startLine: issue.line, startColumn: issue.column, endLine: issue.end_line, endColumn: issue.end_column },
          },
        }],
        partialFingerprints: { primaryLocationLineHash: issue.fingerprint },
        properties: { severity: issue.severity, source: issue.source },
      })),
    }],
  };
}

/** "CWE-95" → 95; anything else → undefined. */
export function cweNumberOf(cwe: string | null): number | undefined {
  const match = cwe ? /(\d+)/.exec(cwe) : null;
  return match ? Number(match[1]) : undefined;
}

export const cweUrl = (cweNumber: number) => `https://cwe.mitre.org/data/definitions/${cweNumber}.html`;
