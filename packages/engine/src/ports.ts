import type { LlmMessage } from '@resoftai/llm';
import type { Deliverables, FileCategory } from './artifacts.ts';
import type { WorkflowCheckpoint } from './state.ts';
import type { AgentName, StageName } from './stages.ts';

export type ProjectStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';

export interface ProjectUpdate {
  status?: ProjectStatus;
  progress?: number;
  current_stage?: StageName | null;
  deliverables?: Deliverables;
}

/** One agent step, as served by `/api/agent-activities`. */
export interface AgentActivityRecord {
  agent_name: AgentName;
  stage: StageName;
  status: 'completed' | 'failed' | 'cancelled';
  input_data: Record<string, unknown>;
  output_data: Record<string, unknown>;
  execution_time_seconds: number;
  tokens_used: number;
  error_message: string | null;
  started_at: Date;
  completed_at: Date;
}

/** Payloads of the Socket.IO events of the ResoftAI document, by event name. */
export interface WorkflowEventPayloads {
  project_update: { project_id: number; status: ProjectStatus; progress: number; current_stage: StageName | null };
  agent_activity: { project_id: number; agent_name: AgentName; stage: StageName; status: 'running' | 'completed' | 'failed' | 'cancelled'; message: string };
  workflow_started: { project_id: number; workflow_id: string; strategy: string; resumed: boolean; checkpoint_stage: StageName | null; started_at: string };
  stage_completed: { project_id: number; stage: StageName; duration_seconds: number; tokens_used: number };
  workflow_completed: { project_id: number; workflow_id: string; duration_seconds: number; tokens_used: number; cost_usd: number; deliverables: Deliverables };
  workflow_failed: { project_id: number; workflow_id: string; stage: StageName | null; agent: string | null; error_code: string; error_message: string };
}

export type WorkflowEvent = { [E in keyof WorkflowEventPayloads]: { event: E; data: WorkflowEventPayloads[E] } }[keyof WorkflowEventPayloads];

export type WorkflowEventName = WorkflowEvent['event'];

export const WORKFLOW_EVENT_NAMES = ['project_update', 'agent_activity', 'workflow_started', 'stage_completed', 'workflow_completed', 'workflow_failed'] as const satisfies readonly WorkflowEventName[];

/**
 * Where one project's workflow keeps its results; the server implements it over its tables.
 * `saveFile` upserts by path: saving a path again adds a version, never a second file.
 */
export interface WorkflowStore {
  saveFile(path: string, content: string, category: FileCategory): Promise<{ version: number }>;
  saveArtifact(stage: StageName, name: string, content: string): Promise<void>;
  saveCheckpoint(checkpoint: WorkflowCheckpoint): Promise<void>;
  loadCheckpoint(): Promise<WorkflowCheckpoint | undefined>;
  recordActivity(activity: AgentActivityRecord): Promise<void>;
  emit(event: WorkflowEvent): Promise<void>;
  updateProject(update: ProjectUpdate): Promise<void>;
}

export type FindingSeverity = 'critical' | 'major' | 'minor' | 'info';

/** What the QA agent needs of the static analyzer (the server implements it over `@resoftai/analyzer`). */
export interface CodeAnalyzer {
  /** Findings over the files, their messages in the run's document language. */
  analyze(files: ReadonlyArray<{ path: string; content: string }>, options: { signal?: AbortSignal; language: 'zh' | 'en' }): Promise<{
    /** 0–100 */
    score: number;
    issues: Array<{ path: string; line?: number; severity: FindingSeverity; rule?: string; message: string }>;
  }>;
}

/** Tokens a run may spend beyond its own budget (e.g. its organisation's monthly quota); asked before each model call. */
export interface TokenAllowance {
  /** Null while model calls may go on; otherwise why they may not (shown as the run's failure reason). */
  exhausted(): Promise<string | null>;
}

/** A stage's outcome as the hooks see it, before the stage counts as done. */
export interface StageCompletion {
  stage: StageName;
  duration_seconds: number;
  tokens_used: number;
  /** The project's current code files, for hooks that judge the code (e.g. a security gate). */
  code_files: ReadonlyArray<{ path: string; content: string }>;
}

/**
 * Extension points of a run (the server runs installed plugins behind them). `stageCompleted` may
 * reject the stage, which then fails with the reason; `fileSaving` and `llmPrompt` may transform.
 * Implementations keep their own failures to themselves: a hook never breaks the run by throwing.
 */
export interface WorkflowHooks {
  workflowStarted(data: WorkflowEventPayloads['workflow_started']): Promise<void>;
  stageCompleted(completion: StageCompletion): Promise<{ rejection: string | null }>;
  workflowCompleted(data: WorkflowEventPayloads['workflow_completed']): Promise<void>;
  workflowFailed(data: WorkflowEventPayloads['workflow_failed']): Promise<void>;
  fileSaving(file: { stage: StageName; path: string; content: string; category: FileCategory }): Promise<string>;
  llmPrompt(prompt: { stage: StageName; agent: AgentName; system: string | undefined; messages: LlmMessage[] }): Promise<{ system: string | undefined; messages: LlmMessage[] }>;
}

/** The hooks of a run without plugins: nothing happens, nothing changes. */
export const NO_HOOKS: WorkflowHooks = {
  workflowStarted: async () => undefined,
  stageCompleted: async () => ({ rejection: null }),
  workflowCompleted: async () => undefined,
  workflowFailed: async () => undefined,
  fileSaving: async (file) => file.content,
  llmPrompt: async ({ system, messages }) => ({ system, messages }),
};
