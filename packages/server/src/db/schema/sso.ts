import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { organizations } from './organizations.ts';

export const SSO_MEMBER_ROLES = ['admin', 'member', 'viewer'] as const;
export type SsoMemberRole = (typeof SSO_MEMBER_ROLES)[number];

/** An organisation's OpenID Connect identity provider; the client secret is sealed like every other secret. */
export const organizationSso = pgTable('organization_sso', {
  organizationId: integer('organization_id').primaryKey().references(() => organizations.id, { onDelete: 'cascade' }),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretSealed: text('client_secret_sealed'),
  allowedDomains: jsonb('allowed_domains').$type<string[]>().notNull().default([]),
  defaultRole: text('default_role', { enum: SSO_MEMBER_ROLES }).notNull().default('member'),
  groupClaim: text('group_claim'),
  groupTeams: jsonb('group_teams').$type<Array<{ group: string; team_id: number }>>().notNull().default([]),
  enforce: boolean('enforce').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A sign-in sent to the provider and not yet back: found by its state's hash, used once, short-lived. */
export const ssoLoginAttempts = pgTable(
  'sso_login_attempts',
  {
    stateHash: text('state_hash').primaryKey(),
    organizationId: integer('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    returnTo: text('return_to'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sso_login_attempts_expires_at_idx').on(t.expiresAt)],
);

/** Which platform user an identity provider's subject is. */
export const ssoIdentities = pgTable(
  'sso_identities',
  {
    id: serial('id').primaryKey(),
    organizationId: integer('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sso_identities_issuer_subject_key').on(t.issuer, t.subject), index('sso_identities_user_id_idx').on(t.userId)],
);
