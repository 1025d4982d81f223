import { createLlmClient } from './client.ts';
import type { LlmClientConfig } from './config.ts';
import { LlmCallError } from './errors.ts';
import type { CallContext } from './ports.ts';
import type { LlmDeps } from './runtime.ts';

/** Outcome of a one-line real call through a config (what `POST /api/llm-configs/{id}/test` reports). */
export interface LlmConfigProbe {
  success: boolean;
  model: string;
  responseTimeMs: number;
  output: string | undefined;
  /** Why the call failed: the provider's status and a short reason, never the key. */
  error: { kind: LlmCallError['kind']; status: number | undefined; reason: string } | undefined;
}

const PROBE_PROMPT = 'Reply with one short friendly greeting.';
const PROBE_MAX_TOKENS = 64;

/**
 * Makes one short call through `config`. An invalid config throws `LlmConfigError` (LLM_002);
 * a provider that is unreachable or refuses gives `success: false` with the reason.
 */
export async function probeLlmConfig(
  config: LlmClientConfig,
  deps: LlmDeps = {},
  options: { context?: CallContext; signal?: AbortSignal } = {},
): Promise<LlmConfigProbe> {
  const client = createLlmClient({ ...config, maxRetries: config.maxRetries ?? 0 }, deps);
  const started = performance.now();
  try {
    const result = await client.generate({
      messages: [{ role: 'user', content: PROBE_PROMPT }],
      maxTokens: PROBE_MAX_TOKENS,
      signal: options.signal,
      context: options.context,
    });
    return { success: true, model: result.model, responseTimeMs: result.latencyMs, output: result.text.trim(), error: undefined };
  } catch (error) {
    if (!(error instanceof LlmCallError)) throw error;
    return {
      success: false,
      model: client.model,
      responseTimeMs: Math.round(performance.now() - started),
      output: undefined,
      error: { kind: error.kind, status: error.status, reason: error.reason },
    };
  }
}
