import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { projects } from './projects.ts';

export const WORKFLOW_RUN_STATUSES = ['running', 'completed', 'failed', 'cancelled', 'interrupted'] as const;
export type WorkflowRunStatus = (typeof WORKFLOW_RUN_STATUSES)[number];

/** One execute or resume of a project's workflow; `owner` is the `host:pid:boot` of the process running it. */
export const workflowRuns = pgTable(
  'workflow_runs',
  {
    id: serial('id').primaryKey(),
    workflowId: text('workflow_id').notNull(),
    projectId: integer('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    mode: text('mode', { enum: ['execute', 'resume'] }).notNull(),
    status: text('status', { enum: WORKFLOW_RUN_STATUSES }).notNull().default('running'),
    owner: text('owner').notNull(),
    // Touched by the owner while it runs; a stale one means the owner died.
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    // Set by a stop from a process other than the owner; the owner polls for it while it runs.
    stopRequestedAt: timestamp('stop_requested_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    error: text('error'),
    // Where a failed run failed, as its `workflow_failed` event said.
    errorCode: text('error_code'),
    failedStage: text('failed_stage'),
    failedAgent: text('failed_agent'),
  },
  (t) => [
    index('workflow_runs_project_idx').on(t.projectId, t.startedAt),
    index('workflow_runs_status_idx').on(t.status),
  ],
);

/** The latest checkpoint of a project's workflow (the engine's `WorkflowCheckpoint` as JSON). */
export const workflowCheckpoints = pgTable('workflow_checkpoints', {
  projectId: integer('project_id').primaryKey().references(() => projects.id, { onDelete: 'cascade' }),
  workflowId: text('workflow_id').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Stage documents (SRS, architecture, reports); saving one again replaces it. */
export const workflowArtifacts = pgTable(
  'workflow_artifacts',
  {
    projectId: integer('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
    stage: text('stage').notNull(),
    name: text('name').notNull(),
    content: text('content').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.stage, t.name] })],
);

/** Every Socket.IO event of a project, numbered so a reconnecting client can replay what it missed. */
export const workflowEvents = pgTable(
  'workflow_events',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('workflow_events_project_seq_idx').on(t.projectId, t.seq)],
);
