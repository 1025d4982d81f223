/** A mistake in how the command was called: reported in one line, exit code 2. */
export class UsageError extends Error {}

/** The command ran but could not do its job (the server refused, a check failed): one line, exit code 1. */
export class CommandError extends Error {}

/** The user pressed Ctrl-C: exit code 130, as a shell reports SIGINT. */
export class InterruptedError extends Error {}
