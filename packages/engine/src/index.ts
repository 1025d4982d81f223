export { WorkflowRunner } from './workflow/runner.ts';
export type { StageSpan, WorkflowOutcome, WorkflowRunOptions } from './workflow/runner.ts';
export { InProcessJobQueue, ProjectBusyError } from './jobs/job-queue.ts';
export type { JobQueue, WorkflowJob, WorkflowJobHandler } from './jobs/job-queue.ts';
export { budgetDefaultsFromEnv, resolveWorkflowConfig, workflowConfigSchema } from './config.ts';
export type { BudgetDefaults, ExecutionStrategy, WorkflowConfig, WorkflowConfigInput } from './config.ts';
export { AllowanceExhaustedError, BudgetExceededError, NoCheckpointError, StageFailure, WorkflowConfigError } from './errors.ts';
export type {
  AgentActivityRecord, CodeAnalyzer, FindingSeverity, ProjectStatus, ProjectUpdate, StageCompletion, TokenAllowance,
  WorkflowEvent, WorkflowEventName, WorkflowEventPayloads, WorkflowHooks, WorkflowStore,
} from './ports.ts';
export { NO_HOOKS, WORKFLOW_EVENT_NAMES } from './ports.ts';
export { describeCheckpoint, newWorkflowId } from './state.ts';
export type { WorkflowCheckpoint } from './state.ts';
export { isStageName, STAGE_GRAPH, STAGES } from './stages.ts';
export type { AgentName, StageInfo, StageName } from './stages.ts';
export type * from './artifacts.ts';
export { ProcessSandbox } from './sandbox/process-sandbox.ts';
export { SandboxUnavailableError } from './sandbox/types.ts';
export type { RunnableStack, Sandbox, SandboxRequest, SandboxResult } from './sandbox/types.ts';
export { extractFiles } from './parsing/file-blocks.ts';
export type { ExtractedFile } from './parsing/file-blocks.ts';
export { sanitizeProjectPath } from './parsing/paths.ts';
export { detectLanguage } from './prompts/language.ts';
export type { Language } from './prompts/language.ts';
