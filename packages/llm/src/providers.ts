import { createAnthropic } from '@ai-sdk/anthropic';
import { createDeepSeek } from '@ai-sdk/deepseek';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createMoonshotAI } from '@ai-sdk/moonshotai';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV3 } from '@ai-sdk/provider';

export type ProviderId =
  | 'deepseek'
  | 'anthropic'
  | 'google'
  | 'moonshot'
  | 'zhipu'
  | 'minimax'
  | 'openai'
  | 'openai_compatible';

/** The HTTP dialect a provider speaks. */
export type WireFormat = 'openai-chat' | 'anthropic-messages' | 'gemini';

/**
 * How a schema-constrained call is asked for: `json` uses the provider's JSON/tool mode,
 * `text` asks in the prompt and parses the reply.
 */
export type StructuredMode = 'json' | 'text';

export interface ProviderInfo {
  id: ProviderId;
  label: string;
  /** Model used when a config names none; undefined means the config must name one. */
  defaultModel: string | undefined;
  /** Base URL as documented for the config's `api_base`; undefined means `api_base` is required. */
  defaultApiBase: string | undefined;
  /** Path the API lives under; appended to an `api_base` that has no path of its own. */
  apiPath: string;
  wire: WireFormat;
  structuredMode: StructuredMode;
  /** The provider's JSON mode does not carry the schema, so the prompt must. */
  schemaInPrompt: boolean;
}

// Defaults follow appendix C of the ResoftAI API document; openai and openai_compatible are additions.
export const PROVIDERS: readonly ProviderInfo[] = [
  { id: 'deepseek', label: 'DeepSeek', defaultModel: 'deepseek-chat', defaultApiBase: 'https://api.deepseek.com', apiPath: '', wire: 'openai-chat', structuredMode: 'json', schemaInPrompt: false },
  { id: 'anthropic', label: 'Anthropic', defaultModel: 'claude-3-sonnet', defaultApiBase: 'https://api.anthropic.com', apiPath: '/v1', wire: 'anthropic-messages', structuredMode: 'json', schemaInPrompt: false },
  { id: 'google', label: 'Google Gemini', defaultModel: 'gemini-pro', defaultApiBase: 'https://generativelanguage.googleapis.com', apiPath: '/v1beta', wire: 'gemini', structuredMode: 'json', schemaInPrompt: false },
  { id: 'moonshot', label: 'Moonshot', defaultModel: 'moonshot-v1', defaultApiBase: 'https://api.moonshot.cn', apiPath: '/v1', wire: 'openai-chat', structuredMode: 'json', schemaInPrompt: true },
  { id: 'zhipu', label: 'Zhipu', defaultModel: 'glm-4', defaultApiBase: 'https://open.bigmodel.cn', apiPath: '/api/paas/v4', wire: 'openai-chat', structuredMode: 'json', schemaInPrompt: true },
  // MiniMax's chat API is OpenAI-compatible under /v1; its JSON mode varies by model, so ask in text.
  { id: 'minimax', label: 'MiniMax', defaultModel: 'abab5.5-chat', defaultApiBase: 'https://api.minimax.chat', apiPath: '/v1', wire: 'openai-chat', structuredMode: 'text', schemaInPrompt: true },
  { id: 'openai', label: 'OpenAI', defaultModel: 'gpt-4o-mini', defaultApiBase: 'https://api.openai.com', apiPath: '/v1', wire: 'openai-chat', structuredMode: 'json', schemaInPrompt: false },
  // Ollama, vLLM, LM Studio …: JSON-mode support differs between servers, so ask in text.
  { id: 'openai_compatible', label: 'OpenAI-compatible', defaultModel: undefined, defaultApiBase: undefined, apiPath: '', wire: 'openai-chat', structuredMode: 'text', schemaInPrompt: true },
];

const PROVIDERS_BY_ID = new Map(PROVIDERS.map((info) => [info.id, info]));

export function isProvider(value: unknown): value is ProviderId {
  return typeof value === 'string' && PROVIDERS_BY_ID.has(value as ProviderId);
}

export function providerInfo(id: ProviderId): ProviderInfo {
  const info = PROVIDERS_BY_ID.get(id);
  if (!info) throw new Error(`Invalid provider: ${id}`);
  return info;
}

export interface ModelConnection {
  provider: ProviderId;
  model: string;
  apiKey: string;
  baseUrl: string;
  fetch: typeof fetch | undefined;
}

/** Builds the AI SDK language model for one configured connection. */
export function createLanguageModel(connection: ModelConnection): LanguageModelV3 {
  const { provider, model, baseUrl } = connection;
  const settings = { apiKey: connection.apiKey, baseURL: baseUrl, fetch: connection.fetch };
  switch (provider) {
    case 'deepseek':
      return createDeepSeek(settings)(model);
    case 'anthropic':
      return createAnthropic(settings)(model);
    case 'google':
      return createGoogleGenerativeAI(settings)(model);
    case 'moonshot':
      return createMoonshotAI(settings)(model);
    case 'openai':
      return createOpenAI(settings).chat(model);
    case 'zhipu':
    case 'minimax':
    case 'openai_compatible':
      return createOpenAICompatible({
        name: provider,
        baseURL: baseUrl,
        apiKey: connection.apiKey === '' ? undefined : connection.apiKey,
        fetch: connection.fetch,
        includeUsage: true,
      }).chatModel(model);
  }
}
