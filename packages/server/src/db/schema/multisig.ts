import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';

/** Administrators' public keys (SPKI PEM); revoked rather than deleted so past signatures stay checkable. */
export const signingKeys = pgTable(
  'signing_keys',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    algorithm: text('algorithm', { enum: ['ed25519', 'ecdsa-p256'] }).notNull(),
    publicKey: text('public_key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('signing_keys_fingerprint_key').on(t.fingerprint), index('signing_keys_user_id_idx').on(t.userId)],
);

/** Overrides of the built-in approval policy of an operation type. */
export const multisigPolicies = pgTable('multisig_policies', {
  operationType: text('operation_type').primaryKey(),
  requiredSignatures: integer('required_signatures').notNull(),
  expiryHours: integer('expiry_hours').notNull(),
  updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const multisigRequests = pgTable(
  'multisig_requests',
  {
    id: text('id').primaryKey(),
    operationType: text('operation_type').notNull(),
    /** Null when the system opened the request (the production monitor). */
    requesterId: integer('requester_id').references(() => users.id, { onDelete: 'set null' }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    payloadHash: text('payload_hash').notNull(),
    requiredSignatures: integer('required_signatures').notNull(),
    allowedRoles: jsonb('allowed_roles').$type<('admin' | 'user')[]>().notNull(),
    status: text('status', { enum: ['pending', 'executed', 'failed', 'rejected'] }).notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    /** Why it was rejected, or why its execution failed. */
    reason: text('reason'),
    result: jsonb('result').$type<Record<string, unknown>>(),
  },
  (t) => [index('multisig_requests_status_idx').on(t.status)],
);

export const multisigSignatures = pgTable(
  'multisig_signatures',
  {
    id: serial('id').primaryKey(),
    requestId: text('request_id').notNull().references(() => multisigRequests.id, { onDelete: 'cascade' }),
    signerId: integer('signer_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    keyId: text('key_id').notNull().references(() => signingKeys.id),
    signature: text('signature').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('multisig_signatures_request_signer_key').on(t.requestId, t.signerId)],
);
