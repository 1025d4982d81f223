/** Token counts of one call. */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** Who and what a call is for; carried into the usage record. */
export interface CallContext {
  userId?: number;
  projectId?: number;
  stage?: string;
  agent?: string;
}

export type UsageStatus = 'success' | 'error' | 'cancelled';

/** One record per call, whatever its outcome; monitoring aggregates these. */
export interface UsageRecord extends CallContext {
  provider: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  costUsd: number;
  cached: boolean;
  status: UsageStatus;
  /** Short failure reason (an `LlmCallError` message); never contains the key. */
  error?: string;
}

/** Where usage records go (the server writes them to its database). */
export interface UsageRecorder {
  record(entry: UsageRecord): Promise<void>;
}

/** What the response cache keeps for a call. */
export interface CachedResponse {
  text: string;
  /** The validated object of a schema-constrained call. */
  object?: unknown;
  usage: TokenUsage;
  model: string;
}

/** Response cache keyed by `cacheKey(...)`; the server backs it with a table and a TTL. */
export interface ResponseCache {
  get(key: string): Promise<CachedResponse | undefined>;
  set(key: string, value: CachedResponse, ttlSeconds: number): Promise<void>;
}
