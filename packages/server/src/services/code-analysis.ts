import { randomUUID } from 'node:crypto';
import {
  analyze,
  AnalysisTimeoutError,
  applyFix,
  type AnalysisResult,
  type Category,
  computeScore,
  detectLanguage,
  type Issue,
  type Locale,
  mergeFindings,
  type RuleSelection,
  type Severity,
  UnsupportedLanguageError,
} from '@resoftai/analyzer';
import type {
  AnalysisFilter, AnalysisIssueRow, AnalysisRepository, AnalysisRow, AnalysisSummaryRow, ProjectQualityReportRow,
} from '../db/repositories/analyses.ts';
import type { Page, PageRequest } from '../db/repositories/paging.ts';
import type { FileRepository } from '../db/repositories/files.ts';
import type { StoredAnalysisMetrics } from '../db/schema/index.ts';
import type { ReviewProfileConfig } from '../governance/profile-evaluator.ts';
import { AppError, badRequest, fieldError, notFound } from '../errors.ts';
import { analysisTimedOut, reviewWithLlm } from './ai-review.ts';
import type { ProfileTraffic, ProfileRegistry } from './profile-traffic.ts';
import { aiSettingsOf, ruleSelectionOf } from './review-profiles.ts';
import { decodeText } from './file-content.ts';
import type { LlmClientFactory } from './llm-clients.ts';
import type { Principal } from './principal.ts';
import type { ProjectAccess } from './project-access.ts';

/** What the `analysis.completed` hook hears of a finished analysis. */
export interface CompletedAnalysis {
  analysis_id: string | null;
  project_id: number | null;
  file_path: string | null;
  language: string | null;
  score: number;
  summary: Record<Severity, number>;
}

/** Largest code accepted by one analysis (413 beyond). */
export const MAX_CODE_BYTES = 1024 * 1024;

export const ANALYSIS_RULES = ['security', 'quality', 'performance', 'ai'] as const;
export type AnalysisRule = (typeof ANALYSIS_RULES)[number];

export interface QualityReportView {
  score: number;
  language: string;
  issues: { severity: Severity; category: Category; message: string; line: number; column: number; rule_id: string }[];
  metrics: { lines_of_code: number; complexity: number; maintainability_index: number };
  suggestions: string[];
}

export interface ProjectQualityView {
  project_id: number;
  overall_score: number;
  total_files: number;
  total_lines: number;
  files: { file_path: string; score: number; issues_count: number }[];
  summary: Record<Severity, number>;
  analyzed_at: string;
}

/** A stored finding: the analyzer's issue (fingerprint included) under its stored `issue-…` id. */
export type StoredIssueView = Issue;

export interface AnalysisView {
  analysis_id: string;
  status: 'completed';
  language: string;
  /** The `context.file_path` the analysis was made for; null when none was given. */
  file_path: string | null;
  score: number;
  issues: StoredIssueView[];
  metrics: StoredAnalysisMetrics & { lines_of_code: number };
  created_at: string;
  completed_at: string;
}

/** One of the caller's stored analyses in their list: its figures without the issues. */
export interface AnalysisListItemView {
  analysis_id: string;
  status: 'completed';
  language: string;
  file_path: string | null;
  project_ref: string | null;
  score: number;
  total_issues: number;
  summary: Record<Severity, number>;
  created_at: string;
  completed_at: string;
}

/** A stored `POST /api/code-analysis/project/{id}` run, without its per-file list. */
export interface ProjectQualityHistoryItemView {
  id: number;
  project_id: number;
  overall_score: number;
  total_files: number;
  total_lines: number;
  summary: Record<Severity, number>;
  analyzed_at: string;
}

export interface SubmitAnalysisInput {
  code: string;
  language?: string | undefined;
  rules: AnalysisRule[];
  filePath?: string | undefined;
  projectRef?: string | undefined;
}

export interface FixView {
  success: boolean;
  fixed_code: string;
  diff: string;
  reason?: string;
}

interface CodeInput {
  code: string;
  language?: string | undefined;
  filePath?: string | undefined;
}

/** Which status a refused request answers with: 422 on ResoftAI routes, 400 on CodeRev routes. */
type ValidationStatus = 400 | 422;

const analysisNotFound = () => notFound('Analysis not found');

function countBySeverity(issues: readonly Pick<Issue, 'severity'>[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const issue of issues) counts[issue.severity]++;
  return counts;
}

const issueView = (row: AnalysisIssueRow): StoredIssueView => ({
  id: row.id,
  rule_id: row.ruleId,
  type: row.type,
  category: row.category,
  severity: row.severity,
  confidence: row.confidence,
  cwe: row.cwe,
  title: row.title,
  message: row.message,
  suggestion: row.suggestion,
  line: row.line,
  column: row.column,
  end_line: row.endLine,
  end_column: row.endColumn,
  fixable: row.fixable,
  source: row.source,
  fingerprint: row.fingerprint,
});

const analysisListItemView = (row: AnalysisSummaryRow): AnalysisListItemView => ({
  analysis_id: row.id,
  status: row.status,
  language: row.language,
  file_path: row.filePath,
  project_ref: row.projectRef,
  score: row.score,
  total_issues: row.metrics.total_issues,
  summary: { critical: row.metrics.critical, high: row.metrics.high, medium: row.metrics.medium, low: row.metrics.low },
  created_at: row.createdAt.toISOString(),
  completed_at: row.completedAt.toISOString(),
});

const projectHistoryItemView = (row: ProjectQualityReportRow): ProjectQualityHistoryItemView => ({
  id: row.id,
  project_id: row.projectId,
  overall_score: row.overallScore,
  total_files: row.totalFiles,
  total_lines: row.totalLines,
  summary: { critical: row.critical, high: row.high, medium: row.medium, low: row.low },
  analyzed_at: row.analyzedAt.toISOString(),
});

/**
 * The one code-analysis engine behind both APIs: `/api/code-analysis*` (ResoftAI; a project's runs are kept for its
 * score trend, snippets are not) and `/api/analyze*` with `/api/fixes/apply` (CodeRev, stored per user).
 */
export class CodeAnalysisService {
  constructor(
    private readonly analyses: AnalysisRepository,
    private readonly files: FileRepository,
    private readonly access: ProjectAccess,
    private readonly llmClients: LlmClientFactory,
    private readonly timeoutMs: number,
    private readonly profiles: ProfileRegistry,
    private readonly traffic: ProfileTraffic,
    /** Told of every finished analysis with its owner (runs the user's `analysis.completed` plugin hooks). */
    private readonly completed: (userId: number, analysis: CompletedAnalysis) => Promise<void> = async () => undefined,
  ) {}

  /** ResoftAI `POST /api/code-analysis`: score, issues, metrics and suggestions of one piece of code. */
  async report(principal: Principal, input: CodeInput, locale: Locale): Promise<QualityReportView> {
    const result = await this.runStatic(input, { locale, deadline: this.deadline(), validationStatus: 422 });
    await this.completed(principal.userId, {
      analysis_id: null, project_id: null, file_path: input.filePath ?? null, language: result.language, score: result.score, summary: countBySeverity(result.issues),
    });
    return {
      score: result.score,
      language: result.language,
      issues: result.issues.map((issue) => ({
        severity: issue.severity,
        category: issue.category,
        message: issue.message,
        line: issue.line,
        column: issue.column,
        rule_id: issue.rule_id,
      })),
      metrics: {
        lines_of_code: result.metrics.lines.code,
        complexity: result.metrics.complexity.total,
        maintainability_index: Math.round(result.metrics.maintainability_index),
      },
      suggestions: [...new Set(result.issues.map((issue) => issue.suggestion).filter((text) => text.length > 0))],
    };
  }

  /** ResoftAI `POST /api/code-analysis/project/{id}`: every current file of the project in a supported language. */
  async reportProject(principal: Principal, projectId: number, locale: Locale): Promise<ProjectQualityView> {
    await this.access.require(principal, projectId, 'read');
    const deadline = this.deadline();
    const files: ProjectQualityView['files'] = [];
    const allIssues: Issue[] = [];
    let totalLines = 0;
    let codeLines = 0;
    for (const file of await this.files.listAll(projectId)) {
      if (file.size > MAX_CODE_BYTES || !detectLanguage(file.path)) continue;
      const code = decodeText(await this.files.content(file.sha256));
      if (code === null) continue;
      const result = await this.runStatic({ code, filePath: file.path }, { locale, deadline, validationStatus: 422 });
      files.push({ file_path: file.path, score: result.score, issues_count: result.issues.length });
      allIssues.push(...result.issues);
      totalLines += result.metrics.lines.total;
      codeLines += result.metrics.lines.code;
    }
    const summary = countBySeverity(allIssues);
    const stored = await this.analyses.createProjectReport({
      projectId,
      userId: principal.userId,
      overallScore: computeScore(allIssues, codeLines),
      totalFiles: files.length,
      totalLines,
      ...summary,
      analyzedAt: new Date(),
    });
    const report: ProjectQualityView = {
      project_id: projectId,
      overall_score: stored.overallScore,
      total_files: stored.totalFiles,
      total_lines: stored.totalLines,
      files,
      summary,
      analyzed_at: stored.analyzedAt.toISOString(),
    };
    await this.completed(principal.userId, { analysis_id: null, project_id: projectId, file_path: null, language: null, score: report.overall_score, summary: report.summary });
    return report;
  }

  /** ResoftAI `GET /api/code-analysis/project/{id}/history`: the project's stored batch analyses, newest first. */
  async projectHistory(principal: Principal, projectId: number, page: PageRequest): Promise<Page<ProjectQualityHistoryItemView>> {
    await this.access.require(principal, projectId, 'read');
    const { rows, total } = await this.analyses.listProjectReports(projectId, page);
    return { rows: rows.map(projectHistoryItemView), total };
  }

  /**
   * CodeRev `POST /api/analyze/code`: static rules of the selected categories, the AI review with `ai`; stored.
   * Runs under the production review profile (the analyzer's defaults while none is in production), records the
   * request against it and hands a share of requests to the experiments' shadow runs.
   */
  async submit(principal: Principal, input: SubmitAnalysisInput, locale: Locale): Promise<AnalysisView> {
    const started = performance.now();
    const production = await this.profiles.productionProfile();
    try {
      const analysis = await this.analyseAndStore(principal, input, locale, production, started);
      if (production) this.traffic.recordProduction(production.id, performance.now() - started, false);
      // After the recording: the user's plugins are not part of the profile's latency.
      const { view } = analysis;
      await this.completed(principal.userId, {
        analysis_id: view.analysis_id, project_id: null, file_path: input.filePath ?? null, language: view.language, score: view.score, summary: countBySeverity(view.issues),
      });
      // Shadows repeat the static analysis only: a background AI review would spend the caller's LLM budget again.
      if (!input.rules.includes('ai')) {
        const categories = input.rules.filter((rule): rule is Category => rule !== 'ai');
        this.traffic.shadow({ code: input.code, language: analysis.view.language, filePath: input.filePath, categories, locale }, analysis.staticIssues);
      }
      return analysis.view;
    } catch (error) {
      // Refused input (4xx) was served correctly; timeouts, provider failures and crashes count against the profile.
      if (production) this.traffic.recordProduction(production.id, performance.now() - started, !(error instanceof AppError && error.statusCode < 500));
      throw error;
    }
  }

  private async analyseAndStore(
    principal: Principal,
    input: SubmitAnalysisInput,
    locale: Locale,
    production: { id: string; config: ReviewProfileConfig } | undefined,
    started: number,
  ): Promise<{ view: AnalysisView; staticIssues: Issue[] }> {
    const profile = production?.config ?? {};
    const deadline = this.deadline();
    if (input.rules.includes('ai') && profile.ai_review === false) {
      throw fieldError(400, ['body', 'rules'], `The AI review is switched off in the production review profile ${production!.id}`);
    }
    // Resolved first, so a missing or unusable config is refused before any work.
    const llm = input.rules.includes('ai') ? await this.llmClients.forConfig(principal, 'default') : null;
    const aiSettings = llm ? aiSettingsOf(profile, llm) : undefined;
    const categories = input.rules.filter((rule): rule is Category => rule !== 'ai');
    const result = await this.runStatic(input, { locale, deadline, validationStatus: 400, categories, rules: ruleSelectionOf(profile) });
    let issues = result.issues;
    if (llm) {
      const signal = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
      const aiIssues = await reviewWithLlm(llm, { code: input.code, language: result.language, filePath: input.filePath ?? null, locale, userId: principal.userId, signal }, this.timeoutMs, aiSettings);
      issues = mergeFindings(issues, aiIssues);
    }
    const counts = countBySeverity(issues);
    const metrics: StoredAnalysisMetrics = {
      total_issues: issues.length, ...counts, analysis_time_ms: Math.round(performance.now() - started), lines_of_code: result.metrics.lines.code,
    };
    const id = `analysis-${randomUUID()}`;
    const row = await this.analyses.create(
      {
        id,
        userId: principal.userId,
        status: 'completed',
        language: result.language,
        filePath: input.filePath ?? null,
        projectRef: input.projectRef ?? null,
        code: input.code,
        rules: input.rules,
        locale,
        score: computeScore(issues, result.metrics.lines.code),
        metrics,
      },
      issues.map((issue, position) => ({
        id: `issue-${randomUUID()}`,
        analysisId: id,
        position,
        ruleId: issue.rule_id,
        type: issue.type,
        category: issue.category,
        severity: issue.severity,
        confidence: issue.confidence,
        cwe: issue.cwe,
        title: issue.title,
        message: issue.message,
        suggestion: issue.suggestion,
        line: issue.line,
        column: issue.column,
        endLine: issue.end_line,
        endColumn: issue.end_column,
        fixable: issue.fixable,
        source: issue.source,
        fingerprint: issue.fingerprint,
      })),
    );
    return { view: await this.analysisView(row, await this.analyses.issues(id)), staticIssues: result.issues };
  }

  /** CodeRev `GET /api/analyze/{id}/results`: the caller's own analyses only. */
  async results(principal: Principal, analysisId: string): Promise<AnalysisView> {
    const row = await this.analyses.findForUser(analysisId, principal.userId);
    if (!row) throw analysisNotFound();
    return this.analysisView(row, await this.analyses.issues(row.id));
  }

  /** CodeRev `GET /api/analyze`: the caller's own stored analyses matching the filter, newest first. */
  async list(principal: Principal, filter: AnalysisFilter, page: PageRequest): Promise<Page<AnalysisListItemView>> {
    if (filter.createdFrom && filter.createdTo && filter.createdFrom > filter.createdTo) {
      throw fieldError(400, ['querystring', 'created_from'], 'created_from must not be later than created_to');
    }
    const { rows, total } = await this.analyses.listForUser(principal.userId, filter, page);
    return { rows: rows.map(analysisListItemView), total };
  }

  private async analysisView(row: AnalysisRow, issues: AnalysisIssueRow[]): Promise<AnalysisView> {
    return {
      analysis_id: row.id,
      status: row.status,
      language: row.language,
      file_path: row.filePath,
      score: row.score,
      issues: issues.map(issueView),
      metrics: { ...row.metrics, lines_of_code: row.metrics.lines_of_code ?? await this.linesOfCode(row) },
      created_at: row.createdAt.toISOString(),
      completed_at: row.completedAt.toISOString(),
    };
  }

  /** Analyses stored before the count was kept: the analyser counts the stored code's lines again. */
  private async linesOfCode(row: AnalysisRow): Promise<number> {
    const input = { code: row.code, language: row.language, filePath: row.filePath ?? undefined };
    const result = await this.runStatic(input, { locale: 'en', deadline: this.deadline(), validationStatus: 400 });
    return result.metrics.lines.code;
  }

  /** CodeRev `POST /api/fixes/apply`: the mechanical fix of one stored finding, applied to the analysed code. */
  async applyFix(principal: Principal, analysisId: string, issueId: string): Promise<FixView> {
    const analysis = await this.analyses.findForUser(analysisId, principal.userId);
    if (!analysis) throw analysisNotFound();
    const issue = await this.analyses.findIssue(analysis.id, issueId);
    if (!issue) throw notFound('Issue not found');
    if (issue.source === 'ai') throw badRequest('Findings of the AI review have no mechanical fix; follow the suggestion by hand');
    if (!issue.fixable) throw badRequest(`Rule ${issue.ruleId} has no mechanical fix; follow the suggestion by hand`);
    const fix = await applyFix(analysis.code, { rule_id: issue.ruleId, line: issue.line, column: issue.column }, {
      language: analysis.language,
      filePath: analysis.filePath ?? undefined,
    });
    if (fix.error === 'breaks_syntax') return { success: false, fixed_code: analysis.code, diff: '', reason: fix.reason ?? 'The fix would break the syntax' };
    if (!fix.success) throw badRequest(fix.reason ?? 'The fix cannot be applied to this code');
    return { success: true, fixed_code: fix.fixed_code, diff: fix.diff };
  }

  private deadline(): number {
    return Date.now() + this.timeoutMs;
  }

  private async runStatic(
    input: CodeInput,
    options: { locale: Locale; deadline: number; validationStatus: ValidationStatus; categories?: Category[]; rules?: RuleSelection },
  ): Promise<AnalysisResult> {
    if (Buffer.byteLength(input.code, 'utf8') > MAX_CODE_BYTES) {
      throw new AppError(413, `Code is larger than ${MAX_CODE_BYTES} bytes (1 MiB); analyse it in smaller pieces`);
    }
    const remaining = options.deadline - Date.now();
    if (remaining <= 0) throw analysisTimedOut(this.timeoutMs);
    try {
      return await analyze({
        code: input.code,
        language: input.language,
        filePath: input.filePath,
        categories: options.categories,
        rules: options.rules,
        locale: options.locale,
        timeoutMs: remaining,
      });
    } catch (error) {
      if (error instanceof AnalysisTimeoutError) throw analysisTimedOut(this.timeoutMs);
      if (error instanceof UnsupportedLanguageError) {
        const field = !input.language && input.filePath ? 'file_path' : 'language';
        throw fieldError(options.validationStatus, ['body', field], error.message);
      }
      throw error;
    }
  }
}
