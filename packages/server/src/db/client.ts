import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = 'embedded' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** The PostgreSQL URL, for connections of their own (the cache invalidation listener); undefined on the embedded database. */
  url: string | undefined;
  close(): Promise<void>;
}

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle');
// Arbitrary constant: serialises migrations when several processes start against one PostgreSQL.
const MIGRATION_LOCK_ID = 7_351_004;

export interface OpenDatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Directory of the embedded database; in-memory when absent. */
  dataDir?: string | undefined;
  /** A dump (`dumpDataDir`) an in-memory embedded database starts from, e.g. an already migrated one. */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
  /**
   * Apply pending migrations (PostgreSQL; default true). Off for a server running as a role that does not own
   * the schema: it then only checks that none is pending and refuses to start otherwise.
   */
  migrate?: boolean;
  /** Told when an idle PostgreSQL connection breaks (server restart, terminated backend); the pool replaces it. */
  onConnectionError?: (error: Error) => void;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.onConnectionError, options.migrate ?? true);
  return openEmbedded(options.dataDir, options.loadDataDir);
}

async function openEmbedded(dataDir: string | undefined, loadDataDir: Blob | undefined): Promise<Database> {
  let client: PGlite;
  if (dataDir) {
    const pgdata = join(dataDir, 'pgdata');
    mkdirSync(pgdata, { recursive: true });
    client = await PGlite.create(pgdata);
  } else {
    client = await PGlite.create(loadDataDir ? { loadDataDir } : {});
  }
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: 'embedded', url: undefined, close: () => client.close() };
}

/** The schema is older than this code: the role that owns it must migrate first (a ConfigError: one line, exit 2). */
export class PendingMigrationsError extends Error {
  override name = 'ConfigError';
}

async function checkMigrated(client: pg.Client): Promise<void> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const applied = await client.query<{ count: string }>('SELECT count(*) FROM drizzle.__drizzle_migrations').catch(() => ({ rows: [{ count: '0' }] }));
  const pending = journal.entries.length - Number(applied.rows[0]!.count);
  if (pending > 0) {
    throw new PendingMigrationsError(`${pending} database migration(s) pending and MIGRATE_ON_START is off: run \`resoftai migrate\` as the schema's owner first`);
  }
}

async function openPostgres(url: string, poolSize: number, onConnectionError: ((error: Error) => void) | undefined, migrate: boolean): Promise<Database> {
  const lockClient = new pg.Client({ connectionString: url });
  await lockClient.connect();
  try {
    if (migrate) {
      await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
      await migrateNodePg(drizzleNodePg(lockClient, { schema }), { migrationsFolder });
    } else {
      await checkMigrated(lockClient);
    }
  } finally {
    if (migrate) await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lockClient.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // Without a listener an idle connection's error would be an uncaught exception that ends the process.
  pool.on('error', (error) => onConnectionError?.(error));
  const db = drizzleNodePg(pool, { schema });
  return { db: db as unknown as Db, kind: 'postgres', url, close: () => pool.end() };
}

/** A migrated, empty embedded database as a dump, so tests can start from it instead of migrating each time. */
export async function dumpMigratedEmbeddedDatabase(): Promise<Blob> {
  const database = await openEmbedded(undefined, undefined);
  try {
    return await (database.db as unknown as { $client: PGlite }).$client.dumpDataDir('none');
  } finally {
    await database.close();
  }
}

export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`SELECT 1`);
}
