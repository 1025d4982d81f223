import { sql } from 'drizzle-orm';
import pg from 'pg';
import { decodeInvalidation, encodeInvalidation, type Invalidation, type InvalidationBus, type InvalidationSink, type SqlExecutor } from './invalidation-bus.ts';

export const INVALIDATION_CHANNEL = 'resoftai_cache_invalidation';
/** How the listening connection shows in `pg_stat_activity`. */
export const LISTENER_APPLICATION_NAME = 'resoftai-cache-listener';

const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5000;
// Bounds how long a readiness check waits on a connection that no longer answers.
const QUERY_TIMEOUT_MS = 5000;

export interface BusLog {
  warn(details: object, message: string): void;
}

/**
 * PostgreSQL LISTEN/NOTIFY: one dedicated connection per process LISTENs on a channel; changes are announced with
 * pg_notify. Caches are suspended until the connection listens and whenever it is lost, since notifications sent
 * meanwhile never arrive; it reconnects with backoff.
 */
export class PostgresInvalidationBus implements InvalidationBus {
  private sink: InvalidationSink | undefined;
  /** The connection being opened or listening; undefined while waiting to retry, or closed. */
  private client: pg.Client | undefined;
  private listening = false;
  private closed = false;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly log: BusLog,
  ) {}

  attach(sink: InvalidationSink): void {
    this.sink = sink;
    if (!this.listening) sink.suspend();
  }

  async publish(invalidation: Invalidation, executor: SqlExecutor): Promise<void> {
    this.sink?.apply(invalidation);
    await executor.execute(sql`SELECT pg_notify(${INVALIDATION_CHANNEL}, ${encodeInvalidation(invalidation)})`);
  }

  /** Resolves once the first attempt to listen has succeeded or failed; a failure keeps retrying in the background. */
  async start(): Promise<void> {
    if (!this.client && !this.retryTimer && !this.closed) await this.connect();
  }

  async check(): Promise<void> {
    const client = this.client;
    if (!client || !this.listening) throw new Error('the cache invalidation listener is not connected');
    try {
      await client.query('SELECT 1');
    } catch (error) {
      this.lost(client, error);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const client = this.client;
    this.client = undefined;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  get connected(): boolean {
    return this.listening;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
      connectionTimeoutMillis: QUERY_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
    });
    this.client = client;
    // Without an error listener a broken connection would be an uncaught exception that ends the process.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the cache invalidation listener connection ended')));
    client.on('notification', (message) => {
      if (this.client !== client || message.channel !== INVALIDATION_CHANNEL) return;
      const invalidation = decodeInvalidation(message.payload);
      if (invalidation) this.sink?.apply(invalidation);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${INVALIDATION_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return;
    this.listening = true;
    this.retryMs = FIRST_RETRY_MS;
    this.sink?.resume();
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.listening = false;
    this.sink?.suspend();
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.log.warn({ err: error, retry_ms: this.retryMs }, 'cache invalidation listener lost; caches are off until it reconnects');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
  }
}
