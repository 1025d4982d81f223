import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { organizations } from './organizations.ts';

/** Sampling and client settings of a config, as the API names them. */
export interface LlmConfigSettings {
  temperature?: number;
  max_tokens?: number;
  top_p?: number;
  max_concurrency?: number;
  timeout_seconds?: number;
}

export const llmConfigs = pgTable(
  'llm_configs',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    /** AES-256-GCM sealed API key (see SecretBox); never leaves the server. */
    apiKeySealed: text('api_key_sealed').notNull(),
    apiKeyMask: text('api_key_mask').notNull(),
    apiBase: text('api_base'),
    isDefault: boolean('is_default').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    settings: jsonb('config').$type<LlmConfigSettings>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('llm_configs_user_id_idx').on(t.userId),
    uniqueIndex('llm_configs_one_default_per_user').on(t.userId).where(sql`${t.isDefault}`),
  ],
);

/** One row per model call; monitoring aggregates these. */
export const llmUsage = pgTable(
  'llm_usage',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    // No foreign key: projects live in another area and usage outlives them for accounting.
    projectId: integer('project_id'),
    // The organisation the call counts against (llm_tokens quota), fixed when it is recorded.
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    llmConfigId: integer('llm_config_id').references(() => llmConfigs.id, { onDelete: 'set null' }),
    stage: text('stage'),
    agent: text('agent'),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    promptTokens: integer('prompt_tokens').notNull(),
    completionTokens: integer('completion_tokens').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    costUsd: numeric('cost_usd', { precision: 20, scale: 10, mode: 'number' }).notNull(),
    cached: boolean('cached').notNull(),
    status: text('status', { enum: ['success', 'error', 'cancelled'] }).notNull(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('llm_usage_user_created_idx').on(t.userId, t.createdAt),
    index('llm_usage_project_created_idx').on(t.projectId, t.createdAt),
    index('llm_usage_organization_created_idx').on(t.organizationId, t.createdAt),
  ],
);

/** Responses keyed by `cacheKey(...)` within a scope (owner and endpoint), kept until `expires_at`. */
export const llmResponseCache = pgTable(
  'llm_response_cache',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    model: text('model').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('llm_response_cache_expires_at_idx').on(t.expiresAt)],
);
