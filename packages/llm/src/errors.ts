import type { TokenUsage } from './ports.ts';
/** Why a model call failed; `http` carries the provider's status. */
export type LlmFailureKind =
  | 'http'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'malformed_response'
  | 'empty_response'
  | 'truncated_stream'
  | 'invalid_output';

/** A model call failed (`LLM_001`). The reason is short and never contains the API key. */
export class LlmCallError extends Error {
  readonly code = 'LLM_001';
  readonly provider: string;
  readonly kind: LlmFailureKind;
  readonly reason: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  /** 429, 5xx and network failures are worth another attempt, unless the provider said otherwise. */
  readonly retryable: boolean;
  /** What the failed call still spent (e.g. two replies that did not fit the schema). */
  readonly usage: TokenUsage;
  readonly costUsd: number;

  constructor(init: { provider: string; kind: LlmFailureKind; reason: string; status?: number; retryAfterMs?: number; retryable?: boolean; usage?: TokenUsage; costUsd?: number }) {
    const status = init.status === undefined ? '' : ` (HTTP ${init.status})`;
    super(`LLM call to ${init.provider} failed${status}: ${init.reason}`);
    this.name = 'LlmCallError';
    this.provider = init.provider;
    this.kind = init.kind;
    this.reason = init.reason;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    const worthRetrying = init.kind === 'network' || (init.kind === 'http' && init.status !== undefined && (init.status === 429 || init.status >= 500));
    this.retryable = worthRetrying && init.retryable !== false;
    this.usage = init.usage ?? { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    this.costUsd = init.costUsd ?? 0;
  }

  /** The same failure, carrying what the call spent before it failed. */
  withSpending(usage: TokenUsage, costUsd: number): LlmCallError {
    const { provider, kind, reason, status, retryAfterMs, retryable } = this;
    return new LlmCallError({ provider, kind, reason, ...(status === undefined ? {} : { status }), ...(retryAfterMs === undefined ? {} : { retryAfterMs }), retryable, usage, costUsd });
  }
}

/** An LLM configuration is invalid (`LLM_002`); `field` names the offending setting. */
export class LlmConfigError extends Error {
  readonly code = 'LLM_002';
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'LlmConfigError';
    this.field = field;
  }
}
