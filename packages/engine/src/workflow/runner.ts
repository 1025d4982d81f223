import type { LlmClient } from '@resoftai/llm';
import { designArchitecture } from '../agents/architect.ts';
import { developCode } from '../agents/developer.ts';
import { completeDelivery } from '../agents/project-manager.ts';
import { reviewQuality } from '../agents/quality-expert.ts';
import { analyseRequirements } from '../agents/requirements-analyst.ts';
import { testProject } from '../agents/test-engineer.ts';
import { designInterface } from '../agents/ux-ui-designer.ts';
import type { Deliverables, StageArtifacts } from '../artifacts.ts';
import { resolveWorkflowConfig, type BudgetDefaults, type WorkflowConfig } from '../config.ts';
import { AllowanceExhaustedError, BudgetExceededError, NoCheckpointError, StageFailure } from '../errors.ts';
import { NO_HOOKS, type CodeAnalyzer, type TokenAllowance, type WorkflowHooks, type WorkflowStore } from '../ports.ts';
import { detectLanguage } from '../prompts/language.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { STAGE_GRAPH, STAGES, type StageName } from '../stages.ts';
import { describeCheckpoint, freshCheckpoint, newWorkflowId, WorkflowState } from '../state.ts';
import { AdaptiveConcurrency, FixedConcurrency, type FileConcurrency } from './concurrency.ts';
import { ProgressTracker, projectPublisher } from './progress.ts';
import { StageContext, type RunEnvironment } from './stage-context.ts';
import { UsageMeter } from './usage-meter.ts';

export interface WorkflowRunOptions {
  projectId: number;
  userId: number;
  requirements: string;
  /** The project's `config`; validated here (`WorkflowConfigError`). */
  config: unknown;
  llm: LlmClient;
  store: WorkflowStore;
  /** Stop: aborts in-flight model calls and test runs; the run ends `cancelled`. */
  signal?: AbortSignal;
  sandbox?: Sandbox;
  analyzer?: CodeAnalyzer;
  /** Extension points (installed plugins); none by default. */
  hooks?: WorkflowHooks;
  /** Continue from the store's checkpoint (`NoCheckpointError` when there is none). */
  resume?: boolean;
  /** The id of a fresh run (default: a new `wf_<epoch>_<random>`). */
  workflowId?: string;
  /** Checked before each model call besides the project's own budget; when used up the run fails with its reason. */
  allowance?: TokenAllowance;
}

export interface StageSpan {
  stage: StageName;
  startedAt: number;
  endedAt: number;
}

export interface WorkflowOutcome {
  workflowId: string;
  status: 'completed' | 'failed' | 'cancelled';
  /** For `failed`: where and why, as sent in `workflow_failed`. */
  failedStage: StageName | null;
  failedAgent: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  deliverables: Deliverables | undefined;
  usage: { tokens: number; costUsd: number };
  /** The stage a resume continued after (`checkpoint_stage`). */
  resumedAfter: StageName | null;
  /** When each stage of this run started and ended (performance.now() milliseconds). */
  stages: StageSpan[];
  /** The most files generated at once in development. */
  peakFileConcurrency: number;
}

type StageHandler<S extends StageName> = (context: StageContext) => Promise<StageArtifacts[S]>;

const HANDLERS: { [S in StageName]: StageHandler<S> } = {
  requirements_analysis: analyseRequirements,
  architecture_design: designArchitecture,
  ui_design: designInterface,
  development: developCode,
  testing: testProject,
  qa_review: reviewQuality,
  completion: completeDelivery,
};

function fileConcurrency(config: WorkflowConfig): FileConcurrency {
  switch (config.execution_strategy) {
    case 'sequential':
      return new FixedConcurrency(1);
    case 'parallel':
      return new FixedConcurrency(config.max_file_concurrency);
    case 'adaptive':
      return new AdaptiveConcurrency(config.max_file_concurrency, Math.max(config.max_file_concurrency, config.max_adaptive_concurrency));
  }
}

/** Whether `stage` may start next to the ones running, under the strategy. */
function mayStart(config: WorkflowConfig, stage: StageName, running: ReadonlySet<StageName>): boolean {
  if (running.size === 0) return true;
  switch (config.execution_strategy) {
    case 'sequential':
      return false;
    case 'parallel':
      return config.parallel_stages.includes(stage) && [...running].every((other) => config.parallel_stages.includes(other));
    case 'adaptive':
      return true;
  }
}

function seconds(milliseconds: number): number {
  return Math.round(milliseconds / 10) / 100;
}

interface RunFailure {
  stage: StageName;
  error: unknown;
}

/** Runs a project's workflow over the stage graph, persisting through the store's ports. */
export class WorkflowRunner {
  constructor(private readonly defaults: { sandbox?: Sandbox; analyzer?: CodeAnalyzer; budget?: BudgetDefaults } = {}) {}

  async run(options: WorkflowRunOptions): Promise<WorkflowOutcome> {
    const config = resolveWorkflowConfig(options.config, this.defaults.budget);
    const { store, projectId } = options;
    const saved = options.resume ? await store.loadCheckpoint() : undefined;
    if (options.resume && !saved) throw new NoCheckpointError();
    const checkpoint = saved ?? freshCheckpoint(options.workflowId ?? newWorkflowId(), detectLanguage(options.requirements));
    const state = new WorkflowState(checkpoint, (snapshot) => store.saveCheckpoint(snapshot));
    const workflowId = checkpoint.workflow_id;
    const resumedAfter = saved ? describeCheckpoint(saved).checkpointStage : null;

    const controller = new AbortController();
    const stop = () => controller.abort(options.signal?.reason ?? new Error('stopped'));
    if (options.signal?.aborted) stop();
    else options.signal?.addEventListener('abort', stop, { once: true });

    const publish = projectPublisher(store, projectId);
    const progress = new ProgressTracker(state, publish, describeCheckpoint(checkpoint).nextStage);
    const files = fileConcurrency(config);
    const env: RunEnvironment = {
      projectId,
      userId: options.userId,
      requirements: options.requirements,
      config,
      llm: options.llm,
      store,
      hooks: options.hooks ?? NO_HOOKS,
      sandbox: options.sandbox ?? this.defaults.sandbox,
      analyzer: options.analyzer ?? this.defaults.analyzer,
      state,
      meter: new UsageMeter(checkpoint.usage, config),
      allowance: options.allowance,
      signal: controller.signal,
      reportProgress: (stage, fraction) => progress.report(stage, fraction),
      files,
    };

    const started = performance.now();
    const startedEvent = { project_id: projectId, workflow_id: workflowId, strategy: config.execution_strategy, resumed: saved !== undefined, checkpoint_stage: resumedAfter, started_at: new Date().toISOString() };
    await store.emit({ event: 'workflow_started', data: startedEvent });
    await env.hooks.workflowStarted(startedEvent);
    progress.announce();
    const spans: StageSpan[] = [];
    let failure: RunFailure | undefined;
    try {
      failure = await this.schedule(env, config, progress, spans, controller);
      await progress.flush();
    } finally {
      options.signal?.removeEventListener('abort', stop);
    }

    const outcome = (status: WorkflowOutcome['status'], extra: Partial<WorkflowOutcome> = {}): WorkflowOutcome => ({
      workflowId, status, failedStage: null, failedAgent: null, errorCode: null, errorMessage: null, deliverables: undefined,
      usage: { tokens: env.meter.tokens, costUsd: env.meter.costUsd }, resumedAfter, stages: spans, peakFileConcurrency: files.peak,
      ...extra,
    });
    if (failure === undefined) {
      const { deliverables } = state.artifact('completion');
      progress.complete();
      await progress.flush();
      await publish('completed', 100, 'completion', deliverables);
      const completedEvent = { project_id: projectId, workflow_id: workflowId, duration_seconds: seconds(performance.now() - started), tokens_used: env.meter.tokens, cost_usd: env.meter.costUsd, deliverables };
      await store.emit({ event: 'workflow_completed', data: completedEvent });
      await env.hooks.workflowCompleted(completedEvent);
      return outcome('completed', { deliverables });
    }
    if (config.enable_checkpoints) await state.checkpoint();
    const { error } = failure;
    const budgetStop = error instanceof BudgetExceededError || error instanceof AllowanceExhaustedError;
    if (options.signal?.aborted && !budgetStop) {
      await publish('cancelled', progress.progress, failure.stage);
      return outcome('cancelled');
    }
    const message = error instanceof StageFailure || budgetStop
      ? error.message
      : `${STAGE_GRAPH[failure.stage].agent} failed in ${failure.stage}: ${(error as Error)?.message ?? String(error)}`;
    await publish('failed', progress.progress, failure.stage);
    const agent = STAGE_GRAPH[failure.stage].agent;
    const failedEvent = { project_id: projectId, workflow_id: workflowId, stage: failure.stage, agent, error_code: 'WORKFLOW_001', error_message: message };
    await store.emit({ event: 'workflow_failed', data: failedEvent });
    await env.hooks.workflowFailed(failedEvent);
    return outcome('failed', { failedStage: failure.stage, failedAgent: agent, errorCode: failedEvent.error_code, errorMessage: message });
  }

  /** Starts every stage the strategy allows as soon as its inputs are done; returns the first failure. */
  private async schedule(env: RunEnvironment, config: WorkflowConfig, progress: ProgressTracker, spans: StageSpan[], controller: AbortController): Promise<RunFailure | undefined> {
    const { state, store, projectId } = env;
    const running = new Map<StageName, Promise<void>>();
    let failure: RunFailure | undefined;
    const launch = (stage: StageName) => {
      const context = new StageContext(env, stage);
      const startedAt = performance.now();
      progress.start(stage);
      const work = (HANDLERS[stage] as StageHandler<typeof stage>)(context).then(async (artifact) => {
        const durationSeconds = seconds(performance.now() - startedAt);
        const { rejection } = await env.hooks.stageCompleted({ stage, duration_seconds: durationSeconds, tokens_used: context.tokens, code_files: state.filesOf('code') });
        if (rejection !== null) throw new StageFailure(stage, STAGE_GRAPH[stage].agent, rejection);
        state.data.artifacts[stage] = artifact as never;
        state.data.completed_stages.push(stage);
        state.data.last_completed_stage = stage;
        progress.finish(stage);
        await context.checkpoint();
        const endedAt = performance.now();
        spans.push({ stage, startedAt, endedAt });
        await store.emit({ event: 'stage_completed', data: { project_id: projectId, stage, duration_seconds: seconds(endedAt - startedAt), tokens_used: context.tokens } });
      }).catch((error: unknown) => {
        // The first failure wins; what it aborts elsewhere is a consequence, not the cause.
        failure ??= { stage, error };
        controller.abort(error);
      }).finally(() => running.delete(stage));
      running.set(stage, work);
    };
    for (;;) {
      if (failure === undefined && !env.signal.aborted) {
        for (const stage of STAGES) {
          if (state.isDone(stage) || running.has(stage)) continue;
          if (!STAGE_GRAPH[stage].inputs.every((input) => state.isDone(input))) continue;
          if (mayStart(config, stage, new Set(running.keys()))) launch(stage);
        }
      }
      if (running.size === 0) break;
      await Promise.race(running.values());
    }
    // Stopped between two stages: nothing failed, but the run did not finish either.
    if (failure === undefined && !state.isDone('completion')) return { stage: progress.stage ?? 'requirements_analysis', error: env.signal.reason };
    return failure;
  }
}
