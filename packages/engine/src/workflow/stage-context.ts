import { setMaxListeners } from 'node:events';
import { type CallOptions, LlmCallError, type GenerateOptions, type LlmClient, type LlmResult } from '@resoftai/llm';
import type { FileCategory } from '../artifacts.ts';
import type { WorkflowConfig } from '../config.ts';
import { AllowanceExhaustedError, StageFailure } from '../errors.ts';
import { extractFiles, type ExtractedFile } from '../parsing/file-blocks.ts';
import type { Selection } from '../parsing/select.ts';
import { reaskPrompt, type Language, type Prompt } from '../prompts/language.ts';
import type { CodeAnalyzer, TokenAllowance, WorkflowHooks, WorkflowStore } from '../ports.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { STAGE_GRAPH, type AgentName, type StageName } from '../stages.ts';
import type { WorkflowState } from '../state.ts';
import type { FileConcurrency } from './concurrency.ts';
import type { UsageMeter } from './usage-meter.ts';

const MAX_SIGNAL_LISTENERS = 1000;

// Streamed answers are measured as they arrive; about four characters make a token.
const CHARACTERS_PER_TOKEN = 4;
const FIRST_PROGRESS_TOKENS = 1000;

const formatTokens = (tokens: number): string => (tokens >= 1000 ? `${(tokens / 1000).toFixed(1)}k` : String(tokens));

/** What every stage of one run shares. */
export interface RunEnvironment {
  projectId: number;
  userId: number;
  requirements: string;
  config: WorkflowConfig;
  llm: LlmClient;
  store: WorkflowStore;
  hooks: WorkflowHooks;
  sandbox: Sandbox | undefined;
  analyzer: CodeAnalyzer | undefined;
  state: WorkflowState;
  meter: UsageMeter;
  allowance: TokenAllowance | undefined;
  /** Fires on stop, on a sibling stage's failure and on a budget stop. */
  signal: AbortSignal;
  reportProgress(stage: StageName, fraction: number): void;
  /** How many planned files are generated at once; fed by every model call's outcome. */
  files: FileConcurrency;
}

export type Bilingual = { zh: string; en: string };

/** One agent step: its model calls are counted, and it ends as one agent activity. */
export class AgentStep {
  tokens = 0;

  constructor(private readonly context: StageContext, readonly agent: AgentName) {}

  /** A model call under the project's budget, cancellable by the run's signal. */
  generate<T = undefined>(options: Omit<GenerateOptions<T>, 'signal' | 'context' | 'useCache'>): Promise<LlmResult<T>> {
    return this.call(options, (call) => this.context.env.llm.generate<T>({ ...options, ...call }));
  }

  /**
   * A long answer (a file, a test suite) streamed: only silence times it out, and the activity stream
   * hears how far it got — "src/app.py: 1.2k tokens" at 1k, 2k, 4k … tokens, a few lines per answer.
   */
  generateStreamed(options: Omit<CallOptions, 'signal' | 'context' | 'useCache'>, label: string): Promise<LlmResult<undefined>> {
    return this.call(options, async (call) => {
      const stream = this.context.env.llm.stream({ ...options, ...call });
      const progress = this.progressOf(label);
      for await (const delta of stream) await progress.heard(delta);
      return stream.result;
    });
  }

  /** Reports how far a streamed answer got: "label: 1.2k tokens" at 1k, 2k, 4k … tokens. */
  private progressOf(label: string) {
    let characters = 0;
    let nextReport = FIRST_PROGRESS_TOKENS;
    return {
      heard: async (delta: string): Promise<void> => {
        characters += delta.length;
        const tokens = Math.round(characters / CHARACTERS_PER_TOKEN);
        if (tokens < nextReport) return;
        nextReport *= 2;
        await this.context.progress(this.agent, `${label}: ${formatTokens(tokens)} tokens`);
      },
    };
  }

  private async call<T>(
    options: { system?: string | undefined; messages: CallOptions['messages'] },
    send: (call: Pick<CallOptions, 'system' | 'messages' | 'signal' | 'useCache' | 'context'>) => Promise<LlmResult<T>>,
  ): Promise<LlmResult<T>> {
    const { env, stage, signal } = this.context;
    env.meter.check();
    const exhausted = await env.allowance?.exhausted();
    if (exhausted) throw new AllowanceExhaustedError(exhausted);
    const prompt = await env.hooks.llmPrompt({ stage, agent: this.agent, system: options.system, messages: options.messages });
    try {
      const result = await send({
        system: prompt.system,
        messages: prompt.messages,
        signal,
        useCache: env.config.enable_cache,
        context: { userId: env.userId, projectId: env.projectId, stage, agent: this.agent },
      });
      this.spend(result.usage.totalTokens, result.costUsd);
      env.files.observe({ latencyMs: result.latencyMs, rateLimited: false });
      return result;
    } catch (error) {
      // A failed call may still have been paid for (replies that did not fit the schema).
      if (error instanceof LlmCallError) this.spend(error.usage.totalTokens, error.costUsd);
      if (signal.aborted) throw signal.reason;
      if (error instanceof LlmCallError && error.status === 429) env.files.observe({ latencyMs: 0, rateLimited: true });
      throw this.failure(error);
    }
  }

  /** A structured call; the LLM layer re-asks once when the reply does not fit the schema. */
  async structured<T>(prompt: Prompt, schema: NonNullable<GenerateOptions<T>['schema']>, maxTokens?: number): Promise<T> {
    const result = await this.generate<T>({ system: prompt.system, messages: [{ role: 'user', content: prompt.user }], schema, maxTokens });
    return result.object;
  }

  /** A structured call whose answer is a long document: streamed, with its progress in the activity stream. */
  async structuredStreamed<T>(prompt: Prompt, schema: NonNullable<GenerateOptions<T>['schema']>, label: string): Promise<T> {
    const progress = this.progressOf(label);
    // The LLM layer hands deltas over synchronously; the reports are kept in order and awaited before returning.
    let reported = Promise.resolve();
    const onDelta = (delta: string) => {
      reported = reported.then(() => progress.heard(delta));
    };
    let result: LlmResult<T>;
    try {
      result = await this.generate<T>({ system: prompt.system, messages: [{ role: 'user', content: prompt.user }], schema, onDelta });
    } catch (error) {
      // The call's failure is the one to report, not a progress line that could not be written after it.
      await reported.catch(() => undefined);
      throw error;
    }
    await reported;
    return result.object;
  }

  /** A call whose reply carries files; an unusable reply is re-asked once with the reason, then the stage fails. */
  async files<T>(prompt: Prompt, select: (files: ExtractedFile[]) => Selection<T>, what: string): Promise<T> {
    const messages = [{ role: 'user' as const, content: prompt.user }];
    const first = await this.generateStreamed({ system: prompt.system, messages }, what);
    const chosen = select(extractFiles(first.text));
    if (chosen.ok) return chosen.value;
    const retry = [...messages, { role: 'assistant' as const, content: first.text }, { role: 'user' as const, content: reaskPrompt(this.context.language, chosen.reason) }];
    const second = await this.generateStreamed({ system: prompt.system, messages: retry }, what);
    const again = select(extractFiles(second.text));
    if (again.ok) return again.value;
    throw new StageFailure(this.context.stage, this.agent, `${this.agent} returned unusable output for ${what} (also after a re-ask): ${again.reason}`);
  }

  private spend(tokens: number, costUsd: number): void {
    this.context.env.meter.add(tokens, costUsd);
    this.tokens += tokens;
    this.context.tokens += tokens;
  }

  private failure(error: unknown): unknown {
    if (!(error instanceof LlmCallError)) return error;
    const { stage } = this.context;
    if (error.kind === 'invalid_output') {
      return new StageFailure(stage, this.agent, `${this.agent} returned output that does not fit the expected structure: ${error.reason}`, { cause: error });
    }
    return new StageFailure(stage, this.agent, `${this.agent}: ${error.message}`, { cause: error });
  }
}

/** A stage's view of the run: its agent, model calls, files and checkpoints. */
export class StageContext {
  /** Tokens the stage's model calls used. */
  tokens = 0;
  /** Fires when the run stops or when one of the stage's own tasks failed. */
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();

  constructor(readonly env: RunEnvironment, readonly stage: StageName) {
    this.signal = AbortSignal.any([env.signal, this.controller.signal]);
    // Every concurrent model call and test run listens to this signal while it is in flight.
    setMaxListeners(MAX_SIGNAL_LISTENERS, this.signal);
  }

  /** Stops the stage's other in-flight work after one task failed. */
  abort(reason: unknown): void {
    this.controller.abort(reason);
  }

  get agent(): AgentName {
    return STAGE_GRAPH[this.stage].agent;
  }

  get language(): Language {
    return this.env.state.data.language;
  }

  get state(): WorkflowState {
    return this.env.state;
  }

  get budget(): number {
    return this.env.config.context_budget_tokens;
  }

  text(label: Bilingual): string {
    return label[this.language];
  }

  /**
   * Runs one agent step and records it as an agent activity (with `agent_activity` events
   * when it starts and ends), whatever its outcome.
   */
  async step<T>(
    label: Bilingual,
    input: Record<string, unknown>,
    work: (step: AgentStep) => Promise<{ result: T; output: Record<string, unknown> }>,
    agent: AgentName = this.agent,
  ): Promise<T> {
    const { store, projectId } = this.env;
    const step = new AgentStep(this, agent);
    const startedAt = new Date();
    const message = this.text(label);
    await store.emit({ event: 'agent_activity', data: { project_id: projectId, agent_name: agent, stage: this.stage, status: 'running', message } });
    const finish = async (status: 'completed' | 'failed' | 'cancelled', output: Record<string, unknown>, error: string | null) => {
      const completedAt = new Date();
      await store.recordActivity({
        agent_name: agent,
        stage: this.stage,
        status,
        input_data: input,
        output_data: output,
        execution_time_seconds: Math.round((completedAt.getTime() - startedAt.getTime()) / 10) / 100,
        tokens_used: step.tokens,
        error_message: error,
        started_at: startedAt,
        completed_at: completedAt,
      });
      await store.emit({ event: 'agent_activity', data: { project_id: projectId, agent_name: agent, stage: this.stage, status, message: error ?? message } });
    };
    try {
      const { result, output } = await work(step);
      await finish('completed', output, null);
      return result;
    } catch (error) {
      const cancelled = this.signal.aborted;
      await finish(cancelled ? 'cancelled' : 'failed', {}, cancelled ? 'stopped' : (error as Error).message);
      throw error;
    }
  }

  /** Tells the project's room how a step is getting on (an `agent_activity` that records nothing). */
  async progress(agent: AgentName, message: string): Promise<void> {
    await this.env.store.emit({ event: 'agent_activity', data: { project_id: this.env.projectId, agent_name: agent, stage: this.stage, status: 'running', message } });
  }

  /** Saves a project file (a new version when the path exists), as the `fileSaving` hooks leave it, and remembers it in the state. */
  async saveFile(path: string, generated: string, category: FileCategory): Promise<number> {
    const content = await this.env.hooks.fileSaving({ stage: this.stage, path, content: generated, category });
    const { version } = await this.env.store.saveFile(path, content, category);
    this.state.data.files[path] = { category, version, content };
    return version;
  }

  async saveArtifact(name: string, value: unknown): Promise<void> {
    await this.env.store.saveArtifact(this.stage, name, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  }

  /** Writes a checkpoint when checkpoints are enabled. */
  async checkpoint(): Promise<void> {
    if (this.env.config.enable_checkpoints) await this.state.checkpoint();
  }

  reportProgress(fraction: number): void {
    this.env.reportProgress(this.stage, fraction);
  }

  fail(message: string): never {
    throw new StageFailure(this.stage, this.agent, message);
  }
}
