import { customType, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { FILE_CATEGORIES } from '@resoftai/templates';
import { users } from './auth.ts';
import { projects } from './projects.ts';

// PGlite hands bytea back as Uint8Array, node-postgres as Buffer; callers always get a Buffer.
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});

/** File content, stored once per distinct SHA-256 and shared by every version that has it. */
export const fileBlobs = pgTable('file_blobs', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  content: bytea('content').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A file of a project under its relative path; `current_version` points into file_versions. */
export const projectFiles = pgTable(
  'project_files',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    category: text('category', { enum: FILE_CATEGORIES }).notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    currentVersion: integer('current_version').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('project_files_project_path_key').on(t.projectId, t.path), index('project_files_project_category_idx').on(t.projectId, t.category)],
);

export const fileVersions = pgTable(
  'file_versions',
  {
    id: serial('id').primaryKey(),
    fileId: integer('file_id').notNull().references(() => projectFiles.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    sha256: text('sha256').notNull().references(() => fileBlobs.sha256, { onDelete: 'restrict' }),
    size: integer('size').notNull(),
    mimeType: text('mime_type').notNull(),
    restoredFromVersion: integer('restored_from_version'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('file_versions_file_version_key').on(t.fileId, t.version), index('file_versions_sha256_idx').on(t.sha256)],
);
