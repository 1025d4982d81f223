import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';

export const ORGANIZATION_TIERS = ['free', 'starter', 'professional', 'enterprise'] as const;
export type OrganizationTier = (typeof ORGANIZATION_TIERS)[number];

/** Strongest first: a member's organisation role is the strongest of their team roles. */
export const TEAM_ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const QUOTA_RESOURCES = ['projects', 'api_calls', 'storage', 'team_members', 'llm_tokens'] as const;
export type QuotaResource = (typeof QUOTA_RESOURCES)[number];

export const organizations = pgTable(
  'organizations',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    tier: text('tier', { enum: ORGANIZATION_TIERS }).notNull(),
    contactEmail: text('contact_email'),
    description: text('description'),
    isActive: boolean('is_active').notNull().default(true),
    ssoEnabled: boolean('sso_enabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organizations_slug_key').on(t.slug)],
);

export const teams = pgTable(
  'teams',
  {
    id: serial('id').primaryKey(),
    organizationId: integer('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('teams_organization_name_key').on(t.organizationId, t.name),
    uniqueIndex('teams_one_default_per_organization').on(t.organizationId).where(sql`${t.isDefault}`),
  ],
);

export const teamMembers = pgTable(
  'team_members',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: TEAM_ROLES }).notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('team_members_team_user_key').on(t.teamId, t.userId), index('team_members_user_id_idx').on(t.userId)],
);

/** One limit per organisation and resource; `limit_set_at` starts a new alert period when the limit changes. */
export const quotas = pgTable(
  'quotas',
  {
    id: serial('id').primaryKey(),
    organizationId: integer('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    resourceType: text('resource_type', { enum: QUOTA_RESOURCES }).notNull(),
    limit: bigint('limit', { mode: 'number' }).notNull(),
    limitSetAt: timestamp('limit_set_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('quotas_organization_resource_key').on(t.organizationId, t.resourceType)],
);

/** Which alert thresholds (percent of the limit) a quota already crossed in a period; each fires once. */
export const quotaThresholdCrossings = pgTable(
  'quota_threshold_crossings',
  {
    quotaId: integer('quota_id').notNull().references(() => quotas.id, { onDelete: 'cascade' }),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    thresholdPercent: smallint('threshold_percent').notNull(),
    used: bigint('used', { mode: 'number' }).notNull(),
    limit: bigint('limit', { mode: 'number' }).notNull(),
    crossedAt: timestamp('crossed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.quotaId, t.periodStart, t.thresholdPercent] })],
);

/** API calls made by an organisation's members, per calendar month (UTC). */
export const apiCallCounters = pgTable(
  'api_call_counters',
  {
    organizationId: integer('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    calls: bigint('calls', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.periodStart] })],
);
