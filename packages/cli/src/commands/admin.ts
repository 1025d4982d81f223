import type { Command } from 'commander';
import { UsageError } from '../errors.ts';

export function registerAdminCommands(program: Command): void {
  const admin = program.command('admin').description('Administer users directly in the database');
  admin
    .command('grant')
    .argument('<email>', 'email of the user to make an administrator')
    .description('Make an existing user an administrator')
    .action(async (email: string) => {
      const { createCaches, loadConfig, openDatabase, UserRepository } = await import('@resoftai/server');
      const config = loadConfig();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        // Announces the change, so running servers on the same PostgreSQL drop the user's cached sessions.
        const users = new UserRepository(database.db, createCaches(database));
        const user = await users.findByEmail(email);
        if (!user) throw new UsageError(`No user with email ${email}`);
        await users.update(user.id, { role: 'admin' });
        console.log(`${user.username} <${user.email}> is now an administrator`);
      } finally {
        await database.close();
      }
    });
}
