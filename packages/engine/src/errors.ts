import type { AgentName, StageName } from './stages.ts';

/** A workflow config is invalid (the server answers 422); `field` names the setting. */
export class WorkflowConfigError extends Error {
  readonly code = 'VALIDATION_ERROR';

  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'WorkflowConfigError';
  }
}

/** Resume was asked for a project that has no checkpoint (the server answers 400). */
export class NoCheckpointError extends Error {
  readonly code = 'WORKFLOW_001';

  constructor() {
    super('there is no checkpoint to resume from: the workflow never ran with checkpoints enabled, or it completed');
    this.name = 'NoCheckpointError';
  }
}

/** A stage could not deliver; `message` is the `error_message` shown to the user. */
export class StageFailure extends Error {
  readonly code = 'WORKFLOW_001';

  constructor(readonly stage: StageName, readonly agent: AgentName, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StageFailure';
  }
}

/** The project's token or cost cap was reached before another model call. */
export class BudgetExceededError extends Error {
  readonly code = 'WORKFLOW_001';

  constructor(readonly limit: 'tokens' | 'cost', readonly cap: number, readonly spent: number) {
    super(limit === 'tokens'
      ? `token budget exhausted: ${spent} of ${cap} tokens used; the workflow stopped instead of spending more`
      : `cost budget exhausted: $${spent.toFixed(4)} of $${cap.toFixed(4)} spent; the workflow stopped instead of spending more`);
    this.name = 'BudgetExceededError';
  }
}

/** A token allowance outside the project (its organisation's quota) is used up; `message` says which and why. */
export class AllowanceExhaustedError extends Error {
  readonly code = 'WORKFLOW_001';

  constructor(reason: string) {
    super(reason);
    this.name = 'AllowanceExhaustedError';
  }
}
