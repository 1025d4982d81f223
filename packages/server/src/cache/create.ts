import type { Database } from '../db/client.ts';
import { Caches } from './caches.ts';
import { InProcessInvalidationBus } from './in-process-bus.ts';
import { type BusLog, PostgresInvalidationBus } from './postgres-bus.ts';

/**
 * The caches of one process. Invalidations are direct calls on the embedded database (this process is its only user),
 * LISTEN/NOTIFY on PostgreSQL; there the caches serve nothing until `start` has the listener connected, yet changes are
 * announced to the other processes either way (a CLI command never starts it).
 */
export function createCaches<User extends { id: number }, Membership>(
  database: Pick<Database, 'kind' | 'url'>,
  log: BusLog = { warn: () => undefined },
): Caches<User, Membership> {
  const bus = database.kind === 'postgres' && database.url ? new PostgresInvalidationBus(database.url, log) : new InProcessInvalidationBus();
  return new Caches(bus);
}
