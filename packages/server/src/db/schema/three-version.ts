import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { multisigRequests } from './multisig.ts';

/**
 * A review profile (rules, severity overrides, AI review and LLM settings) and where it stands:
 * v1 `experimenting`, v2 `production` (at most one), v3 `quarantined`, or `archived` (a former v2, restorable).
 */
export const reviewProfiles = pgTable(
  'review_profiles',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    stage: text('stage', { enum: ['experimenting', 'production', 'archived', 'quarantined'] }).notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    stageChangedAt: timestamp('stage_changed_at', { withTimezone: true }).notNull().defaultNow(),
    quarantineId: text('quarantine_id'),
    /** The quarantined profile this experiment re-evaluates, or the experiment a quarantined profile came back as. */
    reevaluatedFrom: text('reevaluated_from'),
    reevaluatedAs: text('reevaluated_as'),
    accuracy: doublePrecision('accuracy'),
    precision: doublePrecision('precision'),
    recall: doublePrecision('recall'),
    evaluatedSamples: integer('evaluated_samples'),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('review_profiles_quarantine_id_key').on(t.quarantineId),
    uniqueIndex('review_profiles_one_production').on(t.stage).where(sql`stage = 'production'`),
    index('review_profiles_stage_idx').on(t.stage),
  ],
);

export const promotions = pgTable('promotions', {
  id: text('id').primaryKey(),
  experimentId: text('experiment_id').notNull().references(() => reviewProfiles.id),
  previousVersionId: text('previous_version_id').references(() => reviewProfiles.id),
  requestId: text('request_id').notNull().references(() => multisigRequests.id),
  reason: text('reason').notNull(),
  /** Measured at request time; what the requester claimed is kept beside it. */
  measured: jsonb('measured').$type<Record<string, unknown>>().notNull(),
  claimed: jsonb('claimed').$type<Record<string, unknown>>(),
  requestedBy: integer('requested_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  promotedAt: timestamp('promoted_at', { withTimezone: true }),
});

/** One analysis served by a profile: as production (v2) or as a shadow run of an experiment (v1). */
export const profileRequests = pgTable(
  'profile_requests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    profileId: text('profile_id').notNull().references(() => reviewProfiles.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['production', 'shadow'] }).notNull(),
    latencyMs: integer('latency_ms').notNull(),
    failed: boolean('failed').notNull(),
    /** Shadow runs: whether the findings matched production's. */
    agreed: boolean('agreed'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('profile_requests_profile_created_idx').on(t.profileId, t.createdAt)],
);

/** Governance settings changed through approved `config_change` requests; a missing row means the built-in default. */
export const governanceSettings = pgTable('governance_settings', {
  name: text('name').primaryKey(),
  value: jsonb('value').$type<number>().notNull(),
  requestId: text('request_id').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
