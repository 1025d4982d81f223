import { readFileSync, writeFileSync } from 'node:fs';
import type { ResoftClient, WorkflowEvent } from '@resoftai/sdk';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type ConnectionFlags, resoftClient } from '../client/connect.ts';
import { UsageError } from '../errors.ts';

const EXIT_COMPLETED = 0;
const EXIT_FAILED = 1;
const EXIT_INTERRUPTED = 130;
const COST_POLL_MS = 3000;

interface OutputFlags extends ConnectionFlags {
  json?: boolean;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new InvalidArgumentError(`expected a positive integer; got "${value}"`);
  return number;
}

const print = (flags: OutputFlags, value: unknown, human: () => string) => process.stdout.write(`${flags.json ? JSON.stringify(value, null, 2) : human()}\n`);

function withConnection(command: Command): Command {
  return command
    .option('--server <url>', 'server URL (default: $RESOFTAI_URL, else the one of `resoftai login`)')
    .option('--token <token>', 'access token or rsk_ API key (default: $RESOFTAI_TOKEN, else the login\'s)')
    .option('--json', 'print the server\'s JSON reply, for scripts');
}

interface CreateFlags extends OutputFlags {
  name?: string;
  description?: string;
  requirementFile?: string;
  strategy?: 'sequential' | 'parallel' | 'adaptive';
  cache: boolean;
  llmConfig?: number;
  team?: number;
}

function requirementOf(text: string | undefined, flags: CreateFlags): string {
  if (text !== undefined && flags.requirementFile) throw new UsageError('give the requirement as an argument or --requirement-file, not both');
  const requirement = flags.requirementFile ? readFileSync(flags.requirementFile, 'utf8') : text;
  if (!requirement?.trim()) throw new UsageError('a requirement is needed: an argument or --requirement-file FILE');
  return requirement;
}

/** A name from the requirement's first words, when none is given. */
const nameFrom = (requirement: string) => requirement.trim().split(/\s+/).slice(0, 6).join(' ').slice(0, 80);

function createProject(client: ResoftClient, requirement: string, flags: CreateFlags) {
  return client.projects.create({
    name: flags.name ?? nameFrom(requirement),
    requirements: requirement,
    ...(flags.description === undefined ? {} : { description: flags.description }),
    config: { ...(flags.strategy ? { execution_strategy: flags.strategy } : {}), ...(flags.cache ? {} : { enable_cache: false }) },
    ...(flags.llmConfig === undefined ? {} : { llm_config_id: flags.llmConfig }),
    ...(flags.team === undefined ? {} : { team_id: flags.team }),
  });
}

function withCreateOptions(command: Command): Command {
  return command
    .option('--name <name>', 'project name (default: the requirement\'s first words)')
    .option('--description <text>', 'a short description')
    .option('--requirement-file <file>', 'read the requirement from a file')
    .addOption(new Option('--strategy <strategy>', 'how stages are scheduled').choices(['sequential', 'parallel', 'adaptive']))
    .option('--no-cache', 'ask the model again instead of reusing answers cached for the same prompts')
    .option('--llm-config <id>', 'the LLM config to use (default: your default one)', positiveInteger)
    .option('--team <id>', 'share the project with a team', positiveInteger);
}

/**
 * Follows a run to its end with the live display; Ctrl-C stops the run on the server.
 * The exit code says how it ended: 0 completed, 1 failed, 130 interrupted.
 */
async function followRun(client: ResoftClient, projectId: number, title: string, since: number, flags: OutputFlags): Promise<number> {
  // Loaded here: the stage list comes from the engine, which `resoftai review` should not have to load.
  const { ProgressDisplay } = await import('../client/progress.ts');
  const display = new ProgressDisplay(title, process.stderr, flags.json ? false : undefined);
  const abort = new AbortController();
  let interrupted = false;
  const onInterrupt = () => {
    if (interrupted) process.exit(EXIT_INTERRUPTED);
    interrupted = true;
    process.stderr.write(`\nstopping the run of project ${projectId} (Ctrl-C again to leave it running)…\n`);
    client.projects.stop(projectId).catch(() => undefined).finally(() => abort.abort());
  };
  process.on('SIGINT', onInterrupt);
  const pollCost = setInterval(() => {
    client.monitoring.llmUsage({ days: 1 }).then((usage) => {
      const mine = usage.by_project.find((project) => project.project_id === projectId);
      if (mine) display.setCost(mine.cost, mine.tokens);
    }, () => undefined);
  }, COST_POLL_MS);
  let last: WorkflowEvent | undefined;
  try {
    for await (const event of client.projects.follow(projectId, { since, signal: abort.signal })) {
      display.handle(event);
      last = event;
    }
  } catch (error) {
    if (!interrupted) throw error;
  } finally {
    clearInterval(pollCost);
    process.off('SIGINT', onInterrupt);
    display.finish();
  }
  const outcome = interrupted ? 'interrupted' : last?.event === 'workflow_completed' ? 'completed' : last?.event === 'project_update' ? 'cancelled' : 'failed';
  if (flags.json) print(flags, { project_id: projectId, outcome, last_event: last }, () => '');
  else if (display.state.failure) process.stderr.write(`${display.state.failure}\n`);
  if (interrupted || outcome === 'cancelled') process.stderr.write(`stopped; \`resoftai project resume ${projectId}\` goes on from the last completed stage\n`);
  return interrupted ? EXIT_INTERRUPTED : outcome === 'completed' ? EXIT_COMPLETED : EXIT_FAILED;
}

/** The newest stored event's number, so a follow started now sees only what comes next. */
async function lastSeq(client: ResoftClient, projectId: number): Promise<number> {
  let since = 0;
  for (;;) {
    const events = await client.projects.events(projectId, { since, limit: 1000 });
    if (events.length === 0) return since;
    since = events.at(-1)!.seq;
  }
}

async function executeAndFollow(client: ResoftClient, projectId: number, title: string, mode: 'execute' | 'resume', flags: OutputFlags): Promise<number> {
  const since = await lastSeq(client, projectId);
  await (mode === 'execute' ? client.projects.execute(projectId) : client.projects.resume(projectId));
  return followRun(client, projectId, title, since, flags);
}

function run(action: () => Promise<number | void>): Promise<void> {
  return action().then((code) => {
    if (typeof code === 'number') process.exitCode = code;
  });
}

/** `resoftai project …` and `resoftai build`: the ResoftAI API from the command line. */
export function registerProjectCommands(program: Command): void {
  const project = program.command('project').description('Create, run, follow and download projects on a ResoftAI server');

  withConnection(project.command('list').description('Your projects, newest first'))
    .addOption(new Option('--status <status>', 'only projects in this state').choices(['pending', 'running', 'completed', 'failed', 'cancelled', 'interrupted']))
    .option('--limit <n>', 'how many (1–100)', positiveInteger, 20)
    .action((flags: OutputFlags & { status?: 'pending'; limit: number }) => run(async () => {
      const page = await resoftClient(flags).projects.list({ limit: flags.limit, ...(flags.status ? { status: flags.status } : {}) });
      print(flags, page, () => [
        `${'ID'.padEnd(6)} ${'STATUS'.padEnd(11)} ${'PROGRESS'.padEnd(8)} NAME`,
        ...page.items.map((item) => `${String(item.id).padEnd(6)} ${item.status.padEnd(11)} ${`${Math.round(item.progress)}%`.padEnd(8)} ${item.name}`),
        `${page.items.length} of ${page.total}`,
      ].join('\n'));
    }));

  withCreateOptions(withConnection(project.command('create').description('Create a project from a requirement')))
    .argument('[requirement]', 'what to build')
    .action((text: string | undefined, flags: CreateFlags) => run(async () => {
      const created = await createProject(resoftClient(flags), requirementOf(text, flags), flags);
      print(flags, created, () => `created project ${created.id}: ${created.name}`);
    }));

  withConnection(project.command('show').description('A project, its state and its last run'))
    .argument('<id>', 'project id', positiveInteger)
    .action((id: number, flags: OutputFlags) => run(async () => {
      const detail = await resoftClient(flags).projects.get(id);
      print(flags, detail, () => [
        `${detail.id}  ${detail.name}`,
        `status     ${detail.status} (${Math.round(detail.progress)}%)${detail.current_stage ? `, stage ${detail.current_stage}` : ''}`,
        `created    ${detail.created_at}`,
        ...(detail.last_run ? [`last run   ${detail.last_run.workflow_id} ${detail.last_run.status}${detail.last_run.error_message ? `: ${detail.last_run.error_message}` : ''}`] : []),
        '',
        detail.requirements,
      ].join('\n'));
    }));

  for (const mode of ['execute', 'resume'] as const) {
    withConnection(project.command(mode).description(mode === 'execute' ? 'Start the workflow' : 'Resume an interrupted or failed workflow from its checkpoint'))
      .argument('<id>', 'project id', positiveInteger)
      .option('--follow', 'show live progress until the run ends (exit 0 completed, 1 failed, 130 interrupted)')
      .action((id: number, flags: OutputFlags & { follow?: boolean }) => run(async () => {
        const client = resoftClient(flags);
        if (flags.follow) return executeAndFollow(client, id, `project ${id}`, mode, flags);
        const started = await (mode === 'execute' ? client.projects.execute(id) : client.projects.resume(id));
        print(flags, started, () => `project ${id}: workflow ${started.workflow_id} ${started.status}`);
      }));
  }

  withConnection(project.command('follow').description('Show a project\'s workflow live until the run ends'))
    .argument('<id>', 'project id', positiveInteger)
    .option('--since <seq>', 'replay the stored events after this one (default: the whole history)', (value) => Number(value), 0)
    .action((id: number, flags: OutputFlags & { since: number }) => run(() => followRun(resoftClient(flags), id, `project ${id}`, flags.since, flags)));

  withConnection(project.command('stop').description('Stop the running workflow'))
    .argument('<id>', 'project id', positiveInteger)
    .action((id: number, flags: OutputFlags) => run(async () => {
      const stopped = await resoftClient(flags).projects.stop(id);
      print(flags, stopped, () => `project ${id}: ${stopped.status}`);
    }));

  withConnection(project.command('download').description('Download the project\'s files as a zip'))
    .argument('<id>', 'project id', positiveInteger)
    .option('-o, --output <file>', 'where to write the zip (default: project-<id>.zip)')
    .action((id: number, flags: OutputFlags & { output?: string }) => run(async () => {
      const zip = await resoftClient(flags).projects.download(id);
      const file = flags.output ?? `project-${id}.zip`;
      writeFileSync(file, zip);
      print(flags, { file, bytes: zip.byteLength }, () => `wrote ${file} (${zip.byteLength} bytes)`);
    }));

  withCreateOptions(withConnection(program.command('build').description('Create a project from a requirement, run it and show live progress to the end')))
    .argument('[requirement]', 'what to build')
    .action((text: string | undefined, flags: CreateFlags) => run(async () => {
      const client = resoftClient(flags);
      const created = await createProject(client, requirementOf(text, flags), flags);
      if (!flags.json) process.stderr.write(`project ${created.id}: ${created.name}\n`);
      return executeAndFollow(client, created.id, `#${created.id} ${created.name}`, 'execute', flags);
    }));
}
