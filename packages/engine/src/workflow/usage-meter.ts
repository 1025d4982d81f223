import { BudgetExceededError } from '../errors.ts';

/** Tokens and cost spent by a project's workflow, against its caps. */
export class UsageMeter {
  constructor(
    private readonly usage: { tokens: number; cost_usd: number },
    private readonly limits: { max_tokens?: number; max_cost_usd?: number },
  ) {}

  /** Throws before a model call once a cap is reached. */
  check(): void {
    const { max_tokens, max_cost_usd } = this.limits;
    if (max_tokens !== undefined && this.usage.tokens >= max_tokens) throw new BudgetExceededError('tokens', max_tokens, this.usage.tokens);
    if (max_cost_usd !== undefined && this.usage.cost_usd >= max_cost_usd) throw new BudgetExceededError('cost', max_cost_usd, this.usage.cost_usd);
  }

  add(tokens: number, costUsd: number): void {
    this.usage.tokens += tokens;
    this.usage.cost_usd += costUsd;
  }

  get tokens(): number {
    return this.usage.tokens;
  }

  get costUsd(): number {
    return this.usage.cost_usd;
  }
}
