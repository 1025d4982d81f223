import type { Command } from 'commander';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply database migrations and exit')
    .action(async () => {
      const { loadConfig, migrateJobQueue, openDatabase } = await import('@resoftai/server');
      const config = loadConfig();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await database.close();
      if (config.databaseUrl) await migrateJobQueue(config.databaseUrl);
      console.log(`Migrations applied (${database.kind} database)`);
    });
}
