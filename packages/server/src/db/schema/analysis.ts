import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { Issue } from '@resoftai/analyzer';
import { users } from './auth.ts';
import { projects } from './projects.ts';

/** Counts and timing reported with a stored CodeRev analysis. */
export interface StoredAnalysisMetrics {
  total_issues: number;
  critical: number;
  high: number;
  medium: number;
  low: number;
  analysis_time_ms: number;
  /** The analyser's count of code lines; absent from analyses stored before it was kept (derived again on read). */
  lines_of_code?: number;
}

/** One `POST /api/analyze/code` run; the code is kept so a fix can be applied to it later. */
export const codeAnalyses = pgTable(
  'code_analyses',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['completed'] }).notNull(),
    language: text('language').notNull(),
    filePath: text('file_path'),
    // The caller's own project reference from `context.project_id` (CodeRev ids are free-form strings).
    projectRef: text('project_ref'),
    code: text('code').notNull(),
    rules: jsonb('rules').$type<string[]>().notNull(),
    locale: text('locale').notNull(),
    score: integer('score').notNull(),
    metrics: jsonb('metrics').$type<StoredAnalysisMetrics>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('code_analyses_user_created_idx').on(t.userId, sql`${t.createdAt} DESC`)],
);

/** A finding of a stored analysis, static or from the AI review. */
export const codeAnalysisIssues = pgTable(
  'code_analysis_issues',
  {
    id: text('id').primaryKey(),
    analysisId: text('analysis_id').notNull().references(() => codeAnalyses.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    ruleId: text('rule_id').notNull(),
    type: text('type').$type<Issue['type']>().notNull(),
    category: text('category').$type<Issue['category']>().notNull(),
    severity: text('severity').$type<Issue['severity']>().notNull(),
    confidence: text('confidence').$type<Issue['confidence']>().notNull(),
    cwe: text('cwe'),
    title: text('title').notNull(),
    message: text('message').notNull(),
    suggestion: text('suggestion').notNull(),
    line: integer('line').notNull(),
    column: integer('column').notNull(),
    endLine: integer('end_line').notNull(),
    endColumn: integer('end_column').notNull(),
    fixable: boolean('fixable').notNull(),
    source: text('source').$type<Issue['source']>().notNull(),
    // The analyser's stable identity of the finding (rule, normalised line text, occurrence); SARIF's partialFingerprints.
    fingerprint: text('fingerprint').notNull(),
  },
  (t) => [index('code_analysis_issues_analysis_idx').on(t.analysisId, t.position)],
);

/** One `POST /api/code-analysis/project/{id}` run: the project's score and counts at that moment, for its trend. */
export const projectQualityReports = pgTable(
  'project_quality_reports',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
    // Who ran it; kept when that account is deleted, the figures being the project's.
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    overallScore: integer('overall_score').notNull(),
    totalFiles: integer('total_files').notNull(),
    totalLines: integer('total_lines').notNull(),
    critical: integer('critical').notNull(),
    high: integer('high').notNull(),
    medium: integer('medium').notNull(),
    low: integer('low').notNull(),
    analyzedAt: timestamp('analyzed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('project_quality_reports_project_analyzed_idx').on(t.projectId, sql`${t.analyzedAt} DESC`)],
);
