import type { Command } from 'commander';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the API server (embedded database unless DATABASE_URL is set)')
    .action(async () => {
      const { closeOnSignals, loadConfig, startServer } = await import('@resoftai/server');
      const server = await startServer(loadConfig());
      closeOnSignals(server);
    });
}
