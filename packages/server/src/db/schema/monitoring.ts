import { sql } from 'drizzle-orm';
import { bigserial, boolean, doublePrecision, index, integer, jsonb, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { organizations } from './organizations.ts';

export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/**
 * Performance alerts, created by hand or raised by rules. `user_id` is whom the alert concerns, `organization_id`
 * which organisation (its owners and admins see it); with neither it is about the whole installation (administrators); `dedupe_key` makes a rule's alert fire once until resolved.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: serial('id').primaryKey(),
    alertType: text('alert_type').notNull(),
    severity: text('severity', { enum: ALERT_SEVERITIES }).notNull(),
    message: text('message').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    // Alerts about an organisation (its quotas) are also seen by its owners and admins.
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    dedupeKey: text('dedupe_key'),
    isResolved: boolean('is_resolved').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: integer('resolved_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    // At most one unresolved alert per key: concurrent raises collide here and all but one do nothing.
    uniqueIndex('alerts_open_dedupe_key_idx').on(t.dedupeKey).where(sql`${t.dedupeKey} is not null and not ${t.isResolved}`),
    index('alerts_user_created_idx').on(t.userId, t.createdAt),
    index('alerts_created_idx').on(t.createdAt),
  ],
);

/** One row per answered HTTP request (written in batches); requests per minute and API latency come from here. */
export const httpRequests = pgTable(
  'http_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    method: text('method').notNull(),
    // The route pattern (`/api/projects/:project_id`), or null when no route matched.
    route: text('route'),
    statusCode: smallint('status_code').notNull(),
    durationMs: doublePrecision('duration_ms').notNull(),
    // No foreign key: request records outlive deleted users until they age out.
    userId: integer('user_id'),
  },
  (t) => [index('http_requests_received_at_idx').on(t.receivedAt)],
);
