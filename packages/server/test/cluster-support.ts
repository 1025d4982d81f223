import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { LISTENER_APPLICATION_NAME } from '../src/cache/postgres-bus.ts';
import type { AppConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { openTestDatabase, queryRows, testConfig } from './support.ts';

export interface Cluster {
  a: FastifyInstance;
  b: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/** Two API instances (own pool, own caches, own listener) on one fresh PostgreSQL database, with one configuration. */
export async function startCluster(overrides: Partial<AppConfig> = {}): Promise<Cluster> {
  const database = await openTestDatabase();
  if (database.kind !== 'postgres') throw new Error('a cluster needs PostgreSQL (TEST_DATABASE=postgres)');
  const second = await openDatabase({ databaseUrl: database.url, poolSize: 5, onConnectionError: () => undefined });
  const config = testConfig(overrides);
  const a = await buildApp({ config, database, logger: false });
  const b = await buildApp({ config, database: second, logger: false });
  await Promise.all([a.ready(), b.ready()]);
  return {
    a,
    b,
    database,
    close: async () => {
      await b.close();
      await second.close();
      await a.close();
      await database.close();
    },
  };
}

/** Ends the cache invalidation listeners' connections, as a network failure or a PostgreSQL restart would. */
export async function terminateListeners(database: Database): Promise<number> {
  const rows = await queryRows<{ pid: number }>(database, sql`
    SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = ${LISTENER_APPLICATION_NAME}`);
  return rows.length;
}

/** Calls `probe` until it returns true; the milliseconds that took, or a failure after `timeoutMs`. */
export async function pollUntil(probe: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await probe()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** The session id an access token names. */
export function sessionIdOf(accessToken: string): string {
  return (JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;
}
