import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';

/** A marketplace plugin; its metadata is the newest valid version's manifest, synced from the catalog at start. */
export const marketplacePlugins = pgTable(
  'marketplace_plugins',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    latestVersion: text('latest_version').notNull(),
    description: text('description').notNull(),
    longDescription: text('long_description').notNull(),
    category: text('category').notNull(),
    author: text('author').notNull(),
    homepage: text('homepage').notNull(),
    repository: text('repository').notNull(),
    tags: jsonb('tags').$type<string[]>().notNull(),
    dependencies: jsonb('dependencies').$type<string[]>().notNull(),
    minPlatformVersion: text('min_platform_version').notNull(),
    maxPlatformVersion: text('max_platform_version').notNull(),
    /** Installations ever made (updates do not count). */
    downloads: integer('downloads').notNull().default(0),
    /** Mean of the reviews' ratings; 0 while there are none. */
    rating: doublePrecision('rating').notNull().default(0),
    reviewCount: integer('review_count').notNull().default(0),
    /** The first version's release date. */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** The newest release or review. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('marketplace_plugins_slug_key').on(t.slug), index('marketplace_plugins_category_idx').on(t.category)],
);

/** Every catalog version of a plugin; a version whose manifest is invalid keeps the problem instead. */
export const pluginVersions = pgTable(
  'plugin_versions',
  {
    id: serial('id').primaryKey(),
    pluginId: integer('plugin_id').notNull().references(() => marketplacePlugins.id, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    /** The validated `plugin.json`; null when `problem` says why it is unusable. */
    manifest: jsonb('manifest').$type<Record<string, unknown>>(),
    problem: text('problem'),
    /** The catalog folder holding `plugin.json` and the entry module. */
    dir: text('dir').notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('plugin_versions_plugin_version_key').on(t.pluginId, t.version)],
);

/** A user's installation of a plugin; its hooks run for that user's workflows and analyses while active. */
export const pluginInstallations = pgTable(
  'plugin_installations',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    pluginId: integer('plugin_id').notNull().references(() => marketplacePlugins.id, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    /** Settings the manifest does not mark secret. */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** Secret settings, each sealed with SecretBox; never returned. */
    sealedSettings: jsonb('sealed_settings').$type<Record<string, string>>().notNull().default({}),
    installedAt: timestamp('installed_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('plugin_installations_user_plugin_key').on(t.userId, t.pluginId), index('plugin_installations_plugin_idx').on(t.pluginId)],
);

export const pluginReviews = pgTable(
  'plugin_reviews',
  {
    id: serial('id').primaryKey(),
    pluginId: integer('plugin_id').notNull().references(() => marketplacePlugins.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    rating: integer('rating').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('plugin_reviews_plugin_user_key').on(t.pluginId, t.userId),
    check('plugin_reviews_rating_range', sql`${t.rating} between 1 and 5`),
  ],
);
