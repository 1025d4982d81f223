import { RULES } from '../rules/index.ts';
import type { RuleMeta } from '../rules/rule.ts';
import type { ReportedAnalysis, Severity } from '../types.ts';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub maps security-severity ≥ 9 to critical, ≥ 7 high, ≥ 4 medium, else low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

export interface SarifOptions {
  toolVersion?: string;
}

function ruleDescriptor(meta: RuleMeta) {
  const tags: string[] = [meta.category];
  if (meta.cwe) tags.push(`external/cwe/${meta.cwe.toLowerCase()}`);
  if (meta.issueType) tags.push(meta.issueType);
  return {
    id: meta.id,
    name: meta.name.replace(/(^|-)(\w)/g, (_match, _dash: string, char: string) => char.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.suggestion.en },
    help: { text: `${meta.title}. ${meta.suggestion.en}` },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags, precision: meta.confidence, 'security-severity': SECURITY_SEVERITY[meta.severity] },
  };
}

/** A relative, forward-slash URI with each path segment percent-encoded. */
function relativeUri(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0 as GitHub code scanning accepts it; `file_path` of each result must be relative to the repository root. */
export function formatSarif(results: readonly ReportedAnalysis[], options: SarifOptions = {}): string {
  const metas = RULES.map((rule) => rule.meta).sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(metas.map((meta, index) => [meta.id, index]));
  const sarifResults = results.flatMap((result) => result.issues.map((issue) => ({
    ruleId: issue.rule_id,
    ...(ruleIndex.has(issue.rule_id) ? { ruleIndex: ruleIndex.get(issue.rule_id) } : {}),
    level: LEVEL[issue.severity],
    message: { text: issue.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: relativeUri(result.file_path ?? 'code'), uriBaseId: '%SRCROOT%' },
        region: { startLine: issue.line, startColumn: issue.column, endLine: issue.end_line, endColumn: issue.end_column },
      },
    }],
    partialFingerprints: { primaryLocationLineHash: issue.fingerprint },
    properties: { severity: issue.severity, confidence: issue.confidence, category: issue.category, source: issue.source, fixable: issue.fixable },
  })));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'ResoftAI', semanticVersion: options.toolVersion ?? '0.1.0', rules: metas.map(ruleDescriptor) } },
      columnKind: 'utf16CodeUnits',
      results: sarifResults,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
