import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3Prompt, LanguageModelV3Usage } from '@ai-sdk/provider';
import { LlmCallError } from './errors.ts';
import type { TokenUsage } from './ports.ts';

// The provider models are driven through their LanguageModelV3 interface directly: `generateText`
// adds ~0.7 ms of CPU per call (prompt validation, step machinery) for features this layer does not use.

export interface ModelRequest {
  system: string | undefined;
  messages: ReadonlyArray<{ role: 'user' | 'assistant'; content: string }>;
  maxTokens: number | undefined;
  temperature: number | undefined;
  topP: number | undefined;
  /** JSON Schema for the provider's JSON/tool mode. */
  jsonSchema?: Record<string, unknown>;
}

export interface ModelReply {
  text: string;
  usage: TokenUsage;
}

export function tokenUsage(usage: LanguageModelV3Usage | undefined): TokenUsage {
  const promptTokens = usage?.inputTokens.total ?? 0;
  const completionTokens = usage?.outputTokens.total ?? 0;
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
}

function callOptions(request: ModelRequest, signal: AbortSignal): LanguageModelV3CallOptions {
  const prompt: LanguageModelV3Prompt = request.messages.map((message) => ({ role: message.role, content: [{ type: 'text', text: message.content }] }));
  if (request.system !== undefined) prompt.unshift({ role: 'system', content: request.system });
  return {
    prompt,
    maxOutputTokens: request.maxTokens,
    temperature: request.temperature,
    topP: request.topP,
    abortSignal: signal,
    ...(request.jsonSchema ? { responseFormat: { type: 'json', schema: request.jsonSchema as never } } : {}),
    // OpenAI's strict schemas reject optional fields; validation happens in this layer instead.
    providerOptions: { openai: { strictJsonSchema: false } },
  };
}

/** One non-streamed request; an answer without content is `empty_response`. */
export async function generateOnce(provider: string, model: LanguageModelV3, request: ModelRequest, signal: AbortSignal): Promise<ModelReply> {
  const result = await model.doGenerate(callOptions(request, signal));
  const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  const { unified, raw } = result.finishReason;
  if (text.trim() === '' && unified !== 'stop') {
    const why = raw === undefined ? 'no choices' : `finish reason ${raw}`;
    throw new LlmCallError({ provider, kind: 'empty_response', reason: `the provider returned no content (${why})` });
  }
  return { text, usage: tokenUsage(result.usage) };
}

/** One streamed request; hands each text delta to `onDelta`, and rejects a stream that ends unfinished. */
export async function streamOnce(
  provider: string,
  model: LanguageModelV3,
  request: ModelRequest,
  signal: AbortSignal,
  onDelta: (delta: string) => void,
): Promise<ModelReply> {
  const { stream } = await model.doStream(callOptions(request, signal));
  let text = '';
  for await (const part of stream) {
    if (part.type === 'text-delta') {
      if (part.delta === '') continue;
      text += part.delta;
      onDelta(part.delta);
    } else if (part.type === 'error') {
      throw part.error;
    } else if (part.type === 'finish') {
      if (part.finishReason.raw === undefined) break;
      return { text, usage: tokenUsage(part.usage) };
    }
  }
  throw new LlmCallError({ provider, kind: 'truncated_stream', reason: 'the stream ended before the provider finished the answer' });
}
