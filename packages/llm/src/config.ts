import { LlmConfigError } from './errors.ts';
import { isProvider, providerInfo, type ProviderId } from './providers.ts';

/** Sampling defaults of a config; per-call options override them. */
export interface SamplingDefaults {
  temperature?: number;
  maxTokens?: number;
  topP?: number;
}

export interface LlmClientConfig {
  provider: string;
  model?: string;
  apiKey: string;
  apiBase?: string;
  /** Bound on one whole call, retries and back-off included. */
  timeoutMs?: number;
  maxRetries?: number;
  /** Calls of this client in flight at once; the rest queue. */
  maxConcurrency?: number;
  /** First back-off delay; later ones double, with jitter. */
  retryBaseDelayMs?: number;
  defaults?: SamplingDefaults;
}

export interface ResolvedLlmConfig {
  provider: ProviderId;
  model: string;
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  maxConcurrency: number;
  retryBaseDelayMs: number;
  defaults: SamplingDefaults;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_MAX_CONCURRENCY = 8;
const DEFAULT_RETRY_BASE_DELAY_MS = 500;

/**
 * The URL requests go to: `apiBase` (or the documented default) plus the provider's API path
 * when `apiBase` is a bare origin, so `https://api.anthropic.com` and `…/v1` both work.
 */
export function resolveBaseUrl(provider: ProviderId, apiBase?: string): string {
  const info = providerInfo(provider);
  const base = apiBase === undefined || apiBase === '' ? info.defaultApiBase : apiBase;
  if (base === undefined) throw new LlmConfigError('apiBase', `apiBase is required for provider ${provider}`);
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new LlmConfigError('apiBase', 'apiBase must be an http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LlmConfigError('apiBase', 'apiBase must be an http(s) URL');
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path === '' ? info.apiPath : path}${url.search}`;
}

/** Checks sampling settings; `scope` prefixes the field name (e.g. `defaults.`). */
export function validateSampling(sampling: SamplingDefaults, scope = ''): void {
  const { temperature, maxTokens, topP } = sampling;
  if (temperature !== undefined && !(Number.isFinite(temperature) && temperature >= 0 && temperature <= 2)) {
    throw new LlmConfigError(`${scope}temperature`, `${scope}temperature must be between 0 and 2`);
  }
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens > 0)) {
    throw new LlmConfigError(`${scope}maxTokens`, `${scope}maxTokens must be a positive integer`);
  }
  if (topP !== undefined && !(Number.isFinite(topP) && topP > 0 && topP <= 1)) {
    throw new LlmConfigError(`${scope}topP`, `${scope}topP must be greater than 0 and at most 1`);
  }
}

function positiveInteger(value: number | undefined, field: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new LlmConfigError(field, `${field} must be an integer of at least ${min}`);
  }
  return value;
}

/** Validates a client config and fills in defaults; throws `LlmConfigError` (LLM_002) naming the field. */
export function resolveLlmConfig(config: LlmClientConfig): ResolvedLlmConfig {
  if (!isProvider(config.provider)) throw new LlmConfigError('provider', `Invalid provider: ${String(config.provider)}`);
  const provider = config.provider;
  const info = providerInfo(provider);
  const apiKey = typeof config.apiKey === 'string' ? config.apiKey.trim() : '';
  // Local OpenAI-compatible servers (Ollama, vLLM) usually take no key.
  if (apiKey === '' && provider !== 'openai_compatible') throw new LlmConfigError('apiKey', 'apiKey must not be empty');
  const model = config.model?.trim() || info.defaultModel;
  if (model === undefined) throw new LlmConfigError('model', `model is required for provider ${provider}`);
  const defaults = { ...config.defaults };
  validateSampling(defaults, 'defaults.');
  return {
    provider,
    model,
    apiKey,
    baseUrl: resolveBaseUrl(provider, config.apiBase),
    timeoutMs: positiveInteger(config.timeoutMs, 'timeoutMs', DEFAULT_TIMEOUT_MS),
    maxRetries: positiveInteger(config.maxRetries, 'maxRetries', DEFAULT_MAX_RETRIES, 0),
    maxConcurrency: positiveInteger(config.maxConcurrency, 'maxConcurrency', DEFAULT_MAX_CONCURRENCY),
    retryBaseDelayMs: positiveInteger(config.retryBaseDelayMs, 'retryBaseDelayMs', DEFAULT_RETRY_BASE_DELAY_MS, 0),
    defaults,
  };
}
