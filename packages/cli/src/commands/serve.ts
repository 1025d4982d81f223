import type { Command } from 'commander';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the API server (embedded database unless DATABASE_URL is set); it also runs workflows unless --no-worker')
    .option('--no-worker', 'API only: leave workflows to `resoftai worker` processes (PostgreSQL)')
    .action(async (options: { worker: boolean }) => {
      const { closeOnSignals, loadConfig, startServer } = await import('@resoftai/server');
      const config = loadConfig();
      const server = await startServer({ ...config, workflow: { ...config.workflow, worker: options.worker } });
      closeOnSignals(server);
    });

  program
    .command('worker')
    .description('Run workflows from the shared job queue, without an HTTP server (PostgreSQL: DATABASE_URL); WORKFLOW_CONCURRENCY at a time')
    .action(async () => {
      const { closeOnSignals, loadConfig, startServer } = await import('@resoftai/server');
      const server = await startServer(loadConfig(), { listen: false });
      closeOnSignals(server);
    });
}
