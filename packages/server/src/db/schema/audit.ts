import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The hash-chained audit log: append-only (triggers reject UPDATE, DELETE and TRUNCATE).
 * `seq` is gapless and shown as `log-<seq>`; `hash` covers every other column and `prev_hash`.
 */
export const auditLogs = pgTable(
  'audit_logs',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    entity: text('entity').notNull(),
    action: text('action').notNull(),
    actorId: integer('actor_id'),
    resourceId: text('resource_id'),
    organizationId: integer('organization_id'),
    status: text('status', { enum: ['success', 'failure'] }).notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    timestamp: timestamp('timestamp', { withTimezone: true, precision: 3 }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_logs_timestamp_idx').on(t.timestamp),
    index('audit_logs_entity_action_idx').on(t.entity, t.action),
    index('audit_logs_actor_id_idx').on(t.actorId),
  ],
);
