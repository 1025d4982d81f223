export type Category = 'security' | 'quality' | 'performance';
export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type Confidence = 'high' | 'medium' | 'low';
export type Locale = 'en' | 'zh';
export type FindingSource = 'static' | 'ai';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
export const CATEGORIES: readonly Category[] = ['security', 'quality', 'performance'];

export interface Issue {
  id: string;
  rule_id: string;
  title: string;
  /** `syntax` for parse errors, otherwise the rule's category. */
  type: Category | 'syntax';
  category: Category;
  severity: Severity;
  confidence: Confidence;
  cwe: string | null;
  message: string;
  suggestion: string;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  fixable: boolean;
  source: FindingSource;
  /** Stable across unrelated edits: rule, normalised line text and occurrence. */
  fingerprint: string;
}

export interface FunctionMetrics {
  name: string;
  line: number;
  complexity: number;
  lines: number;
}

export interface Metrics {
  lines: { total: number; code: number; comment: number; blank: number };
  complexity: { total: number; max: number; average: number; functions: FunctionMetrics[] };
  halstead: { distinct_operators: number; distinct_operands: number; operators: number; operands: number; volume: number };
  maintainability_index: number;
  issue_density_per_kloc: number;
  counts: Record<Severity, number> & { total: number };
  analysis_time_ms: number;
}

export interface AnalysisResult {
  language: string;
  file_path: string | null;
  issues: Issue[];
  metrics: Metrics;
  score: number;
}

/**
 * What the report formatters read of an analysis: a local `AnalysisResult`, or a server's stored analysis
 * (which carries the code-line count but not the analyzer's other metrics).
 */
export interface ReportedAnalysis {
  file_path: string | null;
  issues: readonly Issue[];
  score: number;
  metrics: { lines: { code: number } };
}

/** Which rules run and at what severity (a review profile's rule settings). */
export interface RuleSelection {
  /** When given, only these rules run (within the selected categories). */
  enabled?: readonly string[];
  disabled?: readonly string[];
  severityOverrides?: Readonly<Record<string, Severity>>;
}

export interface AnalyzeInput {
  code: string;
  language?: string;
  filePath?: string;
  categories?: Category[];
  rules?: RuleSelection;
  locale?: Locale;
  timeoutMs?: number;
}

/** A replacement of `code.slice(start, end)` by `text`; indexes are JS string offsets. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}
