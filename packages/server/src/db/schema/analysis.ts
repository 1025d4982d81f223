import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Issue } from '@resoftai/analyzer';
import { users } from './auth.ts';

/** Counts and timing reported with a stored CodeRev analysis. */
export interface StoredAnalysisMetrics {
  total_issues: number;
  critical: number;
  high: number;
  medium: number;
  low: number;
  analysis_time_ms: number;
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
  },
  (t) => [index('code_analysis_issues_analysis_idx').on(t.analysisId, t.position)],
);
