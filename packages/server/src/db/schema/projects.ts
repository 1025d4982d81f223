import { sql } from 'drizzle-orm';
import type { StageName } from '@resoftai/engine';
import { doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { teams } from './organizations.ts';

export const PROJECT_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled', 'interrupted'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const EXECUTION_STRATEGIES = ['sequential', 'parallel', 'adaptive'] as const;

export const projects = pgTable(
  'projects',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    requirements: text('requirements').notNull(),
    status: text('status', { enum: PROJECT_STATUSES }).notNull().default('pending'),
    progress: integer('progress').notNull().default(0),
    currentStage: text('current_stage').$type<StageName>(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    // Filled by the workflow's completion stage; `{}` until then.
    deliverables: jsonb('deliverables').$type<Record<string, unknown>>().notNull().default({}),
    // References llm_configs once that table exists (LLM configuration issue adds the foreign key).
    llmConfigId: integer('llm_config_id'),
    // Shared with this team's members by their role; null keeps the project to its owner.
    teamId: integer('team_id').references(() => teams.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('projects_user_created_idx').on(t.userId, sql`${t.createdAt} DESC`, sql`${t.id} DESC`),
    index('projects_team_id_idx').on(t.teamId),
  ],
);

/** One agent run within a project's workflow; written by the workflow engine, read through the API. */
export const agentActivities = pgTable(
  'agent_activities',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
    agentName: text('agent_name').notNull(),
    stage: text('stage').notNull(),
    status: text('status').notNull(),
    inputData: jsonb('input_data').$type<Record<string, unknown>>().notNull().default({}),
    outputData: jsonb('output_data').$type<Record<string, unknown>>().notNull().default({}),
    executionTimeSeconds: doublePrecision('execution_time_seconds'),
    tokensUsed: integer('tokens_used').notNull().default(0),
    errorMessage: text('error_message'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('agent_activities_project_started_idx').on(t.projectId, sql`${t.startedAt} DESC`, sql`${t.id} DESC`)],
);
