import { Command } from 'commander';
import { registerAdminCommands } from './commands/admin.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerReviewCommand } from './commands/review.ts';
import { registerMultisigCommands } from './commands/multisig.ts';
import { registerServeCommand } from './commands/serve.ts';
import { CommandError, UsageError } from './errors.ts';

export function buildProgram(): Command {
  const program = new Command('resoftai')
    .description('ResoftAI: AI-driven software delivery and code review')
    .showHelpAfterError();
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerAdminCommands(program);
  registerReviewCommand(program);
  registerMultisigCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    // ConfigError comes from the lazily loaded server package, so it is recognised by name.
    if (error instanceof UsageError || (error instanceof Error && error.name === 'ConfigError')) {
      console.error(`resoftai: ${error.message}`);
      process.exit(2);
    }
    if (error instanceof CommandError) {
      console.error(`resoftai: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
