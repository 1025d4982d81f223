import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { AppConfig } from './config.ts';
import { openDatabase } from './db/client.ts';

export interface RunningServer {
  app: FastifyInstance;
  address: string;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

export async function startServer(config: AppConfig): Promise<RunningServer> {
  let log: FastifyBaseLogger | undefined;
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    migrate: config.migrateOnStart,
    onConnectionError: (error) => log?.warn({ err: error }, 'an idle database connection broke; the pool replaces it'),
  });
  let app: FastifyInstance;
  try {
    app = await buildApp({ config, database });
    log = app.log;
  } catch (error) {
    await database.close();
    throw error;
  }
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info({ database: database.kind, data_dir: database.kind === 'embedded' ? config.dataDir : undefined }, 'ResoftAI listening');
  await app.services.environmentLlm.applyAtStart();
  await app.services.workflows.recover();
  let closing: Promise<void> | undefined;
  // Not an onClose hook: those run last-registered first, and the database must outlive all of them.
  return { app, address, close: () => (closing ??= app.close().finally(() => database.close())) };
}

/** Closes the server gracefully on SIGTERM/SIGINT; a second signal exits at once. */
export function closeOnSignals(server: RunningServer): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    server.app.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
