import { STAGES, type StageName } from '@resoftai/engine';
import type { WorkflowEvent } from '@resoftai/sdk';

type StageState = 'waiting' | 'running' | 'done' | 'failed';

/** What the events of one run say so far: the stages, the progress, the tokens, the last activity. */
export class RunState {
  readonly stages = new Map<StageName, { state: StageState; seconds?: number; activity?: string }>(STAGES.map((stage) => [stage, { state: 'waiting' }]));
  status = 'pending';
  progress = 0;
  tokens = 0;
  costUsd: number | undefined;
  failure: string | undefined;
  readonly startedAt = Date.now();

  apply(event: WorkflowEvent): void {
    switch (event.event) {
      case 'workflow_started':
        this.status = 'running';
        break;
      case 'project_update':
        this.status = event.status;
        this.progress = event.progress;
        if (event.current_stage && this.stages.get(event.current_stage)!.state === 'waiting') this.stages.get(event.current_stage)!.state = 'running';
        break;
      case 'agent_activity':
        if (event.stage) {
          const stage = this.stages.get(event.stage)!;
          if (stage.state === 'waiting') stage.state = 'running';
          stage.activity = `${event.agent_name}: ${event.message}`;
        }
        break;
      case 'stage_completed':
        if (event.stage) this.stages.set(event.stage, { state: 'done', seconds: event.duration_seconds });
        this.tokens += event.tokens_used;
        break;
      case 'workflow_completed':
        this.status = 'completed';
        this.progress = 100;
        this.tokens = event.tokens_used;
        this.costUsd = event.cost_usd;
        break;
      case 'workflow_failed':
        this.status = 'failed';
        if (event.stage) this.stages.get(event.stage)!.state = 'failed';
        this.failure = `${event.stage ?? 'workflow'}${event.agent ? ` (${event.agent})` : ''}: ${event.error_message} [${event.error_code}]`;
        break;
    }
  }
}

const MARKS: Record<StageState, string> = { waiting: '·', running: '▶', done: '✓', failed: '✗' };

export function formatTokens(tokens: number): string {
  return tokens >= 1000 ? `${(tokens / 1000).toFixed(1)}k` : String(tokens);
}

function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

function bar(percent: number, width: number): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/** The block a terminal shows and redraws in place: a header with the bar and the stage list. */
export function renderBlock(title: string, run: RunState, columns: number, now = Date.now()): string[] {
  const cost = run.costUsd === undefined ? '' : ` · $${run.costUsd.toFixed(4)}`;
  const header = `${title}  ${run.status}  ${bar(run.progress, 20)} ${String(Math.round(run.progress)).padStart(3)}%  ${formatTokens(run.tokens)} tokens${cost}  ${formatDuration(now - run.startedAt)}`;
  const lines = [header];
  for (const [name, stage] of run.stages) {
    const detail = stage.state === 'done' ? `${stage.seconds?.toFixed(1)}s` : stage.state === 'running' ? (stage.activity ?? '') : '';
    lines.push(`  ${MARKS[stage.state]} ${name.padEnd(22)} ${detail}`.trimEnd());
  }
  // A line wider than the terminal would wrap and break the redraw.
  return lines.map((line) => (line.length > columns - 1 ? `${line.slice(0, Math.max(0, columns - 2))}…` : line));
}

/** One plain line per event, for logs and pipes. */
export function eventLine(event: WorkflowEvent): string | undefined {
  switch (event.event) {
    case 'workflow_started':
      return `started ${event.workflow_id}${event.resumed ? ` (resumed at ${event.checkpoint_stage ?? 'start'})` : ''}`;
    case 'project_update':
      return undefined;
    case 'agent_activity':
      return `${event.stage ?? '-'}: ${event.agent_name} ${event.status}: ${event.message}`;
    case 'stage_completed':
      return `${event.stage} done in ${event.duration_seconds.toFixed(1)}s (${formatTokens(event.tokens_used)} tokens)`;
    case 'workflow_completed':
      return `completed in ${event.duration_seconds.toFixed(1)}s: ${formatTokens(event.tokens_used)} tokens, $${event.cost_usd.toFixed(4)}`;
    case 'workflow_failed':
      return `failed at ${event.stage ?? 'start'}${event.agent ? ` (${event.agent})` : ''}: ${event.error_message} [${event.error_code}]`;
  }
}

/** Redraws the run's block in place on a terminal; on anything else, writes one line per event. */
export class ProgressDisplay {
  private drawnLines = 0;
  private readonly run = new RunState();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly title: string, private readonly out: NodeJS.WriteStream, private readonly live = Boolean(out.isTTY)) {
    // The clock in the header moves even while a long stage sends nothing.
    if (this.live) this.timer = setInterval(() => this.draw(), 1000);
  }

  get state(): RunState {
    return this.run;
  }

  /** The cost so far, as the server's usage report gives it while the run goes on. */
  setCost(costUsd: number, tokens: number): void {
    if (this.run.status === 'completed' || this.run.status === 'failed') return;
    this.run.costUsd = costUsd;
    this.run.tokens = Math.max(this.run.tokens, tokens);
    this.draw();
  }

  handle(event: WorkflowEvent): void {
    this.run.apply(event);
    if (this.live) this.draw();
    else {
      const line = eventLine(event);
      if (line) this.out.write(`${line}\n`);
    }
  }

  finish(): void {
    if (this.timer) clearInterval(this.timer);
    this.draw();
  }

  private draw(): void {
    if (!this.live) return;
    const lines = renderBlock(this.title, this.run, this.out.columns || 100);
    const up = this.drawnLines > 0 ? `\x1b[${this.drawnLines}F` : '';
    this.out.write(`${up}${lines.map((line) => `\x1b[2K${line}`).join('\n')}\n`);
    this.drawnLines = lines.length;
  }
}
