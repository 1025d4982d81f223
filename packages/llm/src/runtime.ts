import type { LanguageModelV3 } from '@ai-sdk/provider';
import pLimit, { type LimitFunction } from 'p-limit';
import type { z } from 'zod';
import { cacheKey } from './cache-key.ts';
import { CallScope, withRetries } from './call-scope.ts';
import { resolveLlmConfig, validateSampling, type LlmClientConfig, type ResolvedLlmConfig, type SamplingDefaults } from './config.ts';
import { LlmConfigError, type LlmCallError } from './errors.ts';
import { toLlmCallError } from './failures.ts';
import type { CachedResponse, CallContext, ResponseCache, TokenUsage, UsageRecorder, UsageStatus } from './ports.ts';
import { computeCost, DEFAULT_PRICES, type PriceTable } from './prices.ts';
import { createLanguageModel, providerInfo, type ProviderInfo } from './providers.ts';
import { jsonSchemaOf } from './structured.ts';

export interface LlmMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** Options shared by `generate` and `stream`. */
export interface CallOptions {
  messages: LlmMessage[];
  system?: string;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  signal?: AbortSignal;
  /** Serve a repeated call from the response cache (needs `deps.cache`). */
  useCache?: boolean;
  context?: CallContext;
}

export interface LlmDeps {
  usage?: UsageRecorder;
  cache?: ResponseCache;
  cacheTtlSeconds?: number;
  prices?: PriceTable;
  fetch?: typeof fetch;
}

export interface LlmResult<T> {
  text: string;
  object: T;
  usage: TokenUsage;
  costUsd: number;
  cached: boolean;
  provider: string;
  model: string;
  latencyMs: number;
}

/** A call's validated inputs, ready for the SDK. */
export interface PreparedCall {
  messages: LlmMessage[];
  system: string | undefined;
  sampling: SamplingDefaults;
  cacheKey: string | undefined;
}

const DEFAULT_CACHE_TTL_SECONDS = 24 * 60 * 60;

export const ZERO_USAGE: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };

function validateMessages(messages: unknown): LlmMessage[] {
  if (!Array.isArray(messages) || messages.length === 0) throw new LlmConfigError('messages', 'messages must be a non-empty list');
  for (const [index, message] of messages.entries()) {
    const { role, content } = (message ?? {}) as Partial<LlmMessage>;
    if ((role !== 'user' && role !== 'assistant') || typeof content !== 'string') {
      throw new LlmConfigError(`messages.${index}`, `messages.${index} must be {role: 'user' | 'assistant', content: string}`);
    }
  }
  return messages as LlmMessage[];
}

/** Tokens spent, time taken and the one usage record of a call. */
export class CallAccount {
  private readonly started = performance.now();
  private spent: TokenUsage = ZERO_USAGE;

  constructor(
    private readonly runtime: ClientRuntime,
    private readonly context: CallContext | undefined,
  ) {}

  add(usage: TokenUsage): void {
    this.spent = {
      promptTokens: this.spent.promptTokens + usage.promptTokens,
      completionTokens: this.spent.completionTokens + usage.completionTokens,
      totalTokens: this.spent.totalTokens + usage.totalTokens,
    };
  }

  get usage(): TokenUsage {
    return this.spent;
  }

  /** Writes the call's usage record; a cache hit costs nothing. */
  async close(status: UsageStatus, outcome: { cached?: boolean; error?: string } = {}): Promise<{ latencyMs: number; costUsd: number }> {
    const { provider, model } = this.runtime.config;
    const latencyMs = Math.round(performance.now() - this.started);
    const costUsd = outcome.cached ? 0 : computeCost(this.runtime.prices, provider, model, this.spent);
    await this.runtime.usage?.record({
      ...this.context,
      provider,
      model,
      promptTokens: this.spent.promptTokens,
      completionTokens: this.spent.completionTokens,
      latencyMs,
      costUsd,
      cached: outcome.cached ?? false,
      status,
      ...(outcome.error === undefined ? {} : { error: outcome.error }),
    });
    return { latencyMs, costUsd };
  }

  /** Records a failed call and returns the error to throw. */
  async fail(error: unknown): Promise<LlmCallError> {
    const failure = toLlmCallError(error, this.runtime.config.provider, this.runtime.config.apiKey);
    const { costUsd } = await this.close(failure.kind === 'cancelled' ? 'cancelled' : 'error', { error: failure.message });
    return failure.withSpending(this.spent, costUsd);
  }
}

/** What `generate` and `stream` share: the resolved config, the model, the slot limit and the ports. */
export class ClientRuntime {
  readonly config: ResolvedLlmConfig;
  readonly info: ProviderInfo;
  readonly model: LanguageModelV3;
  readonly prices: PriceTable;
  readonly usage: UsageRecorder | undefined;
  private readonly cache: ResponseCache | undefined;
  private readonly cacheTtlSeconds: number;
  private readonly limit: LimitFunction;

  constructor(config: LlmClientConfig, deps: LlmDeps) {
    this.config = resolveLlmConfig(config);
    this.info = providerInfo(this.config.provider);
    this.model = createLanguageModel({ ...this.config, fetch: deps.fetch });
    this.prices = deps.prices ?? DEFAULT_PRICES;
    this.usage = deps.usage;
    this.cache = deps.cache;
    this.cacheTtlSeconds = deps.cacheTtlSeconds ?? DEFAULT_CACHE_TTL_SECONDS;
    this.limit = pLimit(this.config.maxConcurrency);
  }

  prepare(options: CallOptions, schema?: z.ZodType): PreparedCall {
    const messages = validateMessages(options.messages);
    const sampling: SamplingDefaults = { ...this.config.defaults };
    if (options.temperature !== undefined) sampling.temperature = options.temperature;
    if (options.maxTokens !== undefined) sampling.maxTokens = options.maxTokens;
    if (options.topP !== undefined) sampling.topP = options.topP;
    validateSampling(sampling);
    if (options.useCache && !this.cache) throw new LlmConfigError('useCache', 'useCache needs a ResponseCache in the client deps');
    const system = options.system === undefined || options.system === '' ? undefined : options.system;
    const key = options.useCache
      ? cacheKey({
          provider: this.config.provider,
          model: this.config.model,
          parameters: { system, ...sampling, schema: schema ? jsonSchemaOf(schema) : undefined },
          messages,
        })
      : undefined;
    return { messages, system, sampling, cacheKey: key };
  }

  /** Sampling settings in the shape of a model request. */
  sampling(call: PreparedCall): { maxTokens: number | undefined; temperature: number | undefined; topP: number | undefined } {
    return { maxTokens: call.sampling.maxTokens, temperature: call.sampling.temperature, topP: call.sampling.topP };
  }

  account(context: CallContext | undefined): CallAccount {
    return new CallAccount(this, context);
  }

  /** The call's life; `idle` for streams, whose timeout counts silence instead of the whole answer. */
  scope(signal: AbortSignal | undefined, idle = false): CallScope {
    return new CallScope(this.config.provider, this.config.timeoutMs, signal, idle);
  }

  async cached(call: PreparedCall): Promise<CachedResponse | undefined> {
    if (call.cacheKey === undefined || !this.cache) return undefined;
    return this.cache.get(call.cacheKey);
  }

  async remember(call: PreparedCall, response: CachedResponse): Promise<void> {
    if (call.cacheKey === undefined || !this.cache) return;
    await this.cache.set(call.cacheKey, response, this.cacheTtlSeconds);
  }

  /** One provider request with retries, holding a concurrency slot while it runs. */
  request<T>(scope: CallScope, send: () => Promise<T>, canRetry?: () => boolean): Promise<T> {
    const { provider, apiKey, maxRetries, retryBaseDelayMs } = this.config;
    const attempt = () =>
      scope.race(this.limit(async () => {
        const ended = scope.failure();
        if (ended) throw ended;
        return send();
      }));
    return withRetries(scope, { maxRetries, baseDelayMs: retryBaseDelayMs }, attempt, (error) => toLlmCallError(error, provider, apiKey), canRetry);
  }

  result<T>(text: string, object: T, usage: TokenUsage, outcome: { latencyMs: number; costUsd: number }, cached: boolean): LlmResult<T> {
    return { text, object, usage, cached, provider: this.config.provider, model: this.config.model, ...outcome };
  }
}
