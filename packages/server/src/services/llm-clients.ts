import { createLlmClient, LlmConfigError, resolveBaseUrl, type LlmClient, type LlmClientConfig, type LlmDeps, type PriceTable, type ProviderId } from '@resoftai/llm';
import type { LlmConfigRepository, LlmConfigRow } from '../db/repositories/llm-configs.ts';
import type { LlmConfigSettings } from '../db/schema/index.ts';
import { DatabaseResponseCache, type LlmResponseCacheRepository } from '../db/repositories/llm-response-cache.ts';
import { DatabaseUsageRecorder, type LlmUsageRepository } from '../db/repositories/llm-usage.ts';
import { AppError, notFound } from '../errors.ts';
import { SecretBoxError, type SecretBox } from '../security/secret-box.ts';
import type { Principal } from './principal.ts';
import { quotaExceeded } from './quotas.ts';

// Enough for every config in use at once; the oldest client is dropped beyond it.
const MAX_CACHED_CLIENTS = 1000;

/** Associated data sealing an API key to its owner: a key moved to another user's row will not open. */
export const apiKeyContext = (userId: number): string => `llm_config:user:${userId}`;

/** The llm layer's settings for a config as stored (API names → client names). */
export function clientSettings(input: { provider: string; model?: string | undefined; apiKey: string; apiBase: string | null | undefined; settings: LlmConfigSettings }): LlmClientConfig {
  const { temperature, max_tokens, top_p, timeout_seconds, max_concurrency } = input.settings;
  return {
    provider: input.provider,
    model: input.model,
    apiKey: input.apiKey,
    apiBase: input.apiBase ?? undefined,
    timeoutMs: timeout_seconds === undefined ? undefined : timeout_seconds * 1000,
    maxConcurrency: max_concurrency,
    defaults: { temperature, maxTokens: max_tokens, topP: top_p },
  };
}

export interface LlmClientFactoryOptions {
  prices: PriceTable;
  cacheTtlSeconds?: number;
  /** Why the user's organisation may spend no more LLM tokens on the user's own calls, or null while it may. */
  tokensExhausted?: (userId: number) => Promise<string | null>;
}

/** An LLM_002 failure: the config cannot be used as it stands. */
export function invalidLlmConfig(statusCode: 400 | 422, error: LlmConfigError): AppError {
  return new AppError(statusCode, error.message, { errorCode: 'LLM_002' });
}

/**
 * Builds `LlmClient`s from stored configs for their owners, wired to the usage table, the
 * response cache (used per call with `useCache`) and the price table. A client lives as long as
 * its config is unchanged, so the per-config concurrency limit holds across callers.
 */
export class LlmClientFactory {
  private readonly clients = new Map<number, { updatedAt: number; client: LlmClient }>();

  constructor(
    private readonly configs: LlmConfigRepository,
    private readonly secrets: SecretBox,
    private readonly usage: LlmUsageRepository,
    private readonly cache: LlmResponseCacheRepository,
    private readonly options: LlmClientFactoryOptions,
  ) {}

  /**
   * A client for one of the caller's configs, or their default; LLM_002 (422) when it cannot be used,
   * 403 PROJ_003 when the caller's organisation has used up its llm_tokens quota.
   */
  async forConfig(principal: Principal, configId: number | 'default'): Promise<LlmClient> {
    const client = await this.forOwner(principal.userId, configId);
    await this.assertTokensLeft(principal.userId);
    return client;
  }

  /** 403 PROJ_003 when the user's organisation has used up its llm_tokens quota. */
  async assertTokensLeft(userId: number): Promise<void> {
    const exhausted = await this.options.tokensExhausted?.(userId);
    if (exhausted) throw quotaExceeded(exhausted);
  }

  /** As `forConfig`, for work the server does on a user's behalf without a request (a resumed workflow). */
  async forOwner(userId: number, configId: number | 'default'): Promise<LlmClient> {
    const row = configId === 'default'
      ? await this.configs.findDefaultForUser(userId)
      : await this.configs.findForUser(configId, userId);
    if (!row) {
      if (configId !== 'default') throw notFound('LLM config not found');
      throw new AppError(422, 'No default LLM config: create one or mark one as default', { errorCode: 'LLM_002' });
    }
    if (!row.isActive) throw invalidLlmConfig(422, new LlmConfigError('is_active', `LLM config ${row.id} is not active`));
    const cached = this.clients.get(row.id);
    if (cached && cached.updatedAt === row.updatedAt.getTime()) return cached.client;
    let client: LlmClient;
    try {
      client = createLlmClient(this.clientConfigOf(row), this.depsFor(row));
    } catch (error) {
      if (error instanceof LlmConfigError) throw invalidLlmConfig(422, error);
      throw error;
    }
    this.clients.delete(row.id);
    this.clients.set(row.id, { updatedAt: row.updatedAt.getTime(), client });
    if (this.clients.size > MAX_CACHED_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
    return client;
  }

  /** Drops the client of a deleted config. */
  forget(configId: number): void {
    this.clients.delete(configId);
  }

  /** The client settings of a stored config, key decrypted; `LlmConfigError` when the key will not open. */
  clientConfigOf(row: LlmConfigRow): LlmClientConfig {
    let apiKey: string;
    try {
      apiKey = this.secrets.open(row.apiKeySealed, apiKeyContext(row.userId));
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      throw new LlmConfigError('api_key', `the stored API key of LLM config ${row.id} cannot be decrypted; set api_key again`);
    }
    return clientSettings({ provider: row.provider, model: row.model, apiKey, apiBase: row.apiBase, settings: row.settings });
  }

  /** Usage recorder, response cache and prices for calls through a config. */
  depsFor(row: LlmConfigRow): LlmDeps {
    // Cached replies are shared only by one owner's calls to one endpoint.
    const scope = `${row.userId}:${resolveBaseUrl(row.provider as ProviderId, row.apiBase ?? undefined)}`;
    return {
      usage: new DatabaseUsageRecorder(this.usage, { userId: row.userId, llmConfigId: row.id }),
      cache: new DatabaseResponseCache(this.cache, scope),
      cacheTtlSeconds: this.options.cacheTtlSeconds,
      prices: this.options.prices,
    };
  }
}
