import { ApiError, NetworkError } from '@resoftai/sdk';
import { Command, CommanderError } from 'commander';
import { registerAdminCommands } from './commands/admin.ts';
import { registerLoginCommands } from './commands/login.ts';
import { registerProjectCommands } from './commands/projects.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerReviewCommand } from './commands/review.ts';
import { registerMultisigCommands } from './commands/multisig.ts';
import { registerServeCommand } from './commands/serve.ts';
import { CommandError, InterruptedError, UsageError } from './errors.ts';
import { VERSION } from './version.ts';

export function buildProgram(): Command {
  const program = new Command('resoftai')
    .description('ResoftAI: AI-driven software delivery and code review')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerAdminCommands(program);
  registerReviewCommand(program);
  registerMultisigCommands(program);
  registerLoginCommands(program);
  registerProjectCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    // Commander has printed its message (or the help, or the version, which end with 0).
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    // ConfigError comes from the lazily loaded server package, so it is recognised by name.
    if (error instanceof UsageError || (error instanceof Error && error.name === 'ConfigError')) {
      console.error(`resoftai: ${error.message}`);
      process.exit(2);
    }
    if (error instanceof CommandError || error instanceof NetworkError) {
      console.error(`resoftai: ${error.message}`);
      process.exit(1);
    }
    if (error instanceof ApiError) {
      console.error(`resoftai: ${error.message} (${error.status} ${error.errorCode}${error.requestId ? `, request ${error.requestId}` : ''})`);
      process.exit(1);
    }
    if (error instanceof InterruptedError) {
      console.error(`resoftai: ${error.message}`);
      process.exit(130);
    }
    throw error;
  }
}
