import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { type AppConfig, ConfigError } from './config.ts';
import { openDatabase } from './db/client.ts';
import { WorkflowDispatch } from './jobs/workflow-dispatch.ts';

export interface RunningServer {
  app: FastifyInstance;
  address: string;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** false for a workflow worker: no HTTP listener, only the job queue. */
  listen?: boolean;
}

export async function startServer(config: AppConfig, options: StartOptions = {}): Promise<RunningServer> {
  const listen = options.listen ?? true;
  if (config.workflow.queue !== 'pg-boss' && (!listen || !config.workflow.worker)) {
    throw new ConfigError('Separate API and worker processes need the shared job queue: set DATABASE_URL (PostgreSQL); the embedded database runs everything in one process');
  }
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
  const address = listen ? await app.listen({ port: config.port, host: config.host }) : '';
  if (listen) app.log.info({ database: database.kind, data_dir: database.kind === 'embedded' ? config.dataDir : undefined, worker: config.workflow.worker }, 'ResoftAI listening');
  else {
    await app.ready();
    app.log.info({ concurrency: config.workflow.concurrency }, 'ResoftAI workflow worker taking jobs');
  }
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

/** Installs or upgrades the job queue's own schema (pg-boss), for `resoftai migrate` on PostgreSQL. */
export async function migrateJobQueue(databaseUrl: string): Promise<void> {
  const dispatch = new WorkflowDispatch(databaseUrl, { migrate: true, onError: () => undefined });
  try {
    await dispatch.start();
  } finally {
    await dispatch.close();
  }
}
