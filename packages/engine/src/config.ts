import { z } from 'zod';
import { WorkflowConfigError } from './errors.ts';
import { STAGES } from './stages.ts';

const stageName = z.enum(STAGES);

/** A project's `config` as documented (snake_case), plus the engine's own settings. */
export const workflowConfigSchema = z.object({
  execution_strategy: z.enum(['sequential', 'parallel', 'adaptive']).default('adaptive'),
  enable_cache: z.boolean().default(true),
  enable_checkpoints: z.boolean().default(true),
  parallel_stages: z.array(stageName).default(['architecture_design', 'ui_design']),
  /** Fix rounds after failing generated tests. */
  max_fix_rounds: z.number().int().min(0).max(10).default(3),
  /** Files generated at once under the `parallel` strategy; `adaptive` starts here. */
  max_file_concurrency: z.number().int().min(1).max(64).default(4),
  /** Ceiling the `adaptive` strategy may grow file concurrency to. */
  max_adaptive_concurrency: z.number().int().min(1).max(128).default(16),
  /** Tokens a single prompt may take (estimated); context is trimmed to fit. */
  context_budget_tokens: z.number().int().min(1000).max(2_000_000).default(24_000),
  /** Per-project caps; unset means the server's default (from the environment), else none. */
  max_tokens: z.number().int().positive().optional(),
  max_cost_usd: z.number().positive().optional(),
  test_timeout_seconds: z.number().int().min(1).max(3600).default(120),
  test_memory_mb: z.number().int().min(64).max(16_384).default(1024),
});

export type WorkflowConfig = z.output<typeof workflowConfigSchema>;
export type WorkflowConfigInput = z.input<typeof workflowConfigSchema>;
export type ExecutionStrategy = WorkflowConfig['execution_strategy'];

export interface BudgetDefaults {
  max_tokens?: number;
  max_cost_usd?: number;
}

/** Validates a project's config and fills defaults; throws `WorkflowConfigError` naming the field. */
export function resolveWorkflowConfig(raw: unknown, defaults: BudgetDefaults = {}): WorkflowConfig {
  const parsed = workflowConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'config';
    throw new WorkflowConfigError(field, `${field}: ${issue?.message ?? 'invalid'}`);
  }
  const config = parsed.data;
  return { ...config, max_tokens: config.max_tokens ?? defaults.max_tokens, max_cost_usd: config.max_cost_usd ?? defaults.max_cost_usd };
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, integer: boolean): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new WorkflowConfigError(name, `${name} must be a positive ${integer ? 'integer' : 'number'}`);
  }
  return value;
}

/** Budget defaults from `RESOFTAI_WORKFLOW_MAX_TOKENS` and `RESOFTAI_WORKFLOW_MAX_COST_USD`. */
export function budgetDefaultsFromEnv(env: NodeJS.ProcessEnv = process.env): BudgetDefaults {
  return {
    max_tokens: positiveNumber(env, 'RESOFTAI_WORKFLOW_MAX_TOKENS', true),
    max_cost_usd: positiveNumber(env, 'RESOFTAI_WORKFLOW_MAX_COST_USD', false),
  };
}
