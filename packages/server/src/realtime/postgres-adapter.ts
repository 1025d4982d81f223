import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';

/** How the adapter's connections show in `pg_stat_activity`. */
export const SOCKET_ADAPTER_APPLICATION_NAME = 'resoftai-socket-adapter';

export interface SocketAdapterLog {
  warn(details: object, message: string): void;
}

export interface PostgresSocketAdapter {
  adapter: ReturnType<typeof createAdapter>;
  /** Ends the adapter's connections; after the Socket.IO server closed. */
  close(): Promise<void>;
}

/**
 * Socket.IO's PostgreSQL adapter (LISTEN/NOTIFY, large packets through `socket_io_attachments`) on a pool of its own:
 * one connection listens, the other publishes, so packets of one process leave in the order they were sent.
 */
export function postgresSocketAdapter(connectionString: string, log: SocketAdapterLog): PostgresSocketAdapter {
  const pool = new pg.Pool({ connectionString, max: 2, application_name: SOCKET_ADAPTER_APPLICATION_NAME });
  const warn = (error: Error) => log.warn({ err: error }, 'socket adapter connection failed; it reconnects');
  pool.on('error', warn);
  // The adapter keeps its listening client checked out, where the pool no longer catches its errors.
  pool.on('connect', (client) => client.on('error', warn));
  const adapter = createAdapter(pool, { errorHandler: warn });
  return { adapter, close: () => pool.end() };
}
