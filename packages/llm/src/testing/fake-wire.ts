import type { WireFormat } from '../providers.ts';

/** What the fake "model" answers, already decided: text, or a call of the offered tool. */
export interface FakeAnswer {
  model: string;
  text: string;
  /** Arguments of a tool call when the request offered a tool and the reply is JSON. */
  toolCall: { name: string; arguments: string } | undefined;
  chunks: string[];
  promptTokens: number;
  completionTokens: number;
  finishReason: 'stop' | 'length';
  /** Leave out the choice/candidate/content list (the "empty choices" fault). */
  empty: boolean;
}

/** A server-sent event; `event` is set for Anthropic's named events. */
export interface SseEvent {
  event?: string;
  data: string;
}

let sequence = 0;
const nextId = () => (++sequence).toString(36);
const nowSeconds = () => Math.floor(Date.now() / 1000);

function openAiFinish(answer: FakeAnswer): string {
  if (answer.toolCall) return 'tool_calls';
  return answer.finishReason;
}

function anthropicStop(answer: FakeAnswer): string {
  if (answer.toolCall) return 'tool_use';
  return answer.finishReason === 'length' ? 'max_tokens' : 'end_turn';
}

function geminiFinish(answer: FakeAnswer): string {
  return answer.finishReason === 'length' ? 'MAX_TOKENS' : 'STOP';
}

/** The whole (non-streamed) response body in the provider's format. */
export function completeBody(wire: WireFormat, answer: FakeAnswer): unknown {
  const { promptTokens, completionTokens } = answer;
  switch (wire) {
    case 'openai-chat': {
      const toolCalls = answer.toolCall
        ? [{ id: `call_${nextId()}`, type: 'function', function: answer.toolCall }]
        : undefined;
      return {
        id: `chatcmpl-${nextId()}`,
        object: 'chat.completion',
        created: nowSeconds(),
        model: answer.model,
        choices: answer.empty
          ? []
          : [{ index: 0, message: { role: 'assistant', content: answer.toolCall ? null : answer.text, tool_calls: toolCalls }, finish_reason: openAiFinish(answer) }],
        usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      };
    }
    case 'anthropic-messages':
      return {
        id: `msg_${nextId()}`,
        type: 'message',
        role: 'assistant',
        model: answer.model,
        content: answer.empty
          ? []
          : answer.toolCall
            ? [{ type: 'tool_use', id: `toolu_${nextId()}`, name: answer.toolCall.name, input: JSON.parse(answer.toolCall.arguments) }]
            : [{ type: 'text', text: answer.text }],
        stop_reason: answer.empty ? null : anthropicStop(answer),
        stop_sequence: null,
        usage: { input_tokens: promptTokens, output_tokens: completionTokens },
      };
    case 'gemini':
      return {
        candidates: answer.empty
          ? []
          : [{ content: { parts: [{ text: answer.text }], role: 'model' }, finishReason: geminiFinish(answer), index: 0 }],
        usageMetadata: { promptTokenCount: promptTokens, candidatesTokenCount: completionTokens, totalTokenCount: promptTokens + completionTokens },
        modelVersion: answer.model,
      };
  }
}

function openAiStream(answer: FakeAnswer, truncated: boolean): SseEvent[] {
  const id = `chatcmpl-${nextId()}`;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
    data: JSON.stringify({ id, object: 'chat.completion.chunk', created: nowSeconds(), model: answer.model, choices, ...extra }),
  });
  const events: SseEvent[] = [];
  if (!answer.empty) {
    events.push(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
    const callId = `call_${nextId()}`;
    answer.chunks.forEach((piece, index) => {
      const delta = answer.toolCall
        ? { tool_calls: [{ index: 0, ...(index === 0 ? { id: callId, type: 'function' } : {}), function: { ...(index === 0 ? { name: answer.toolCall.name } : {}), arguments: piece } }] }
        : { content: piece };
      events.push(chunk([{ index: 0, delta, finish_reason: null }]));
    });
    if (truncated) return events;
    events.push(chunk([{ index: 0, delta: {}, finish_reason: openAiFinish(answer) }]));
  }
  const { promptTokens, completionTokens } = answer;
  events.push(chunk([], { usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens } }));
  events.push({ data: '[DONE]' });
  return events;
}

function anthropicStream(answer: FakeAnswer, truncated: boolean): SseEvent[] {
  const named = (event: string, data: Record<string, unknown>): SseEvent => ({ event, data: JSON.stringify({ type: event, ...data }) });
  const events: SseEvent[] = [
    named('message_start', {
      message: { id: `msg_${nextId()}`, type: 'message', role: 'assistant', model: answer.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: answer.promptTokens, output_tokens: 1 } },
    }),
  ];
  if (!answer.empty) {
    const block = answer.toolCall
      ? { type: 'tool_use', id: `toolu_${nextId()}`, name: answer.toolCall.name, input: {} }
      : { type: 'text', text: '' };
    events.push(named('content_block_start', { index: 0, content_block: block }));
    for (const piece of answer.chunks) {
      const delta = answer.toolCall ? { type: 'input_json_delta', partial_json: piece } : { type: 'text_delta', text: piece };
      events.push(named('content_block_delta', { index: 0, delta }));
    }
    if (truncated) return events;
    events.push(named('content_block_stop', { index: 0 }));
  }
  events.push(named('message_delta', { delta: { stop_reason: answer.empty ? null : anthropicStop(answer), stop_sequence: null }, usage: { output_tokens: answer.completionTokens } }));
  events.push(named('message_stop', {}));
  return events;
}

function geminiStream(answer: FakeAnswer, truncated: boolean): SseEvent[] {
  const { promptTokens, completionTokens } = answer;
  const usageMetadata = { promptTokenCount: promptTokens, candidatesTokenCount: completionTokens, totalTokenCount: promptTokens + completionTokens };
  if (answer.empty) return [{ data: JSON.stringify({ candidates: [], usageMetadata }) }];
  return answer.chunks.map((piece, index) => {
    const last = index === answer.chunks.length - 1 && !truncated;
    const candidate = { content: { parts: [{ text: piece }], role: 'model' }, index: 0, ...(last ? { finishReason: geminiFinish(answer) } : {}) };
    return { data: JSON.stringify({ candidates: [candidate], ...(last ? { usageMetadata } : {}), modelVersion: answer.model }) };
  });
}

/** The streamed response as server-sent events; `truncated` stops before the provider's end marker. */
export function streamEvents(wire: WireFormat, answer: FakeAnswer, truncated: boolean): SseEvent[] {
  switch (wire) {
    case 'openai-chat':
      return openAiStream(answer, truncated);
    case 'anthropic-messages':
      return anthropicStream(answer, truncated);
    case 'gemini':
      return geminiStream(answer, truncated);
  }
}

const ERROR_TYPES: Record<number, { openai: string; anthropic: string; gemini: string }> = {
  400: { openai: 'invalid_request_error', anthropic: 'invalid_request_error', gemini: 'INVALID_ARGUMENT' },
  401: { openai: 'invalid_api_key', anthropic: 'authentication_error', gemini: 'UNAUTHENTICATED' },
  403: { openai: 'permission_denied', anthropic: 'permission_error', gemini: 'PERMISSION_DENIED' },
  404: { openai: 'not_found', anthropic: 'not_found_error', gemini: 'NOT_FOUND' },
  429: { openai: 'rate_limit_exceeded', anthropic: 'rate_limit_error', gemini: 'RESOURCE_EXHAUSTED' },
  500: { openai: 'server_error', anthropic: 'api_error', gemini: 'INTERNAL' },
  503: { openai: 'server_error', anthropic: 'overloaded_error', gemini: 'UNAVAILABLE' },
};

/** An error body in the provider's format. */
export function errorBody(wire: WireFormat, status: number, message: string): unknown {
  const types = ERROR_TYPES[status] ?? { openai: 'server_error', anthropic: 'api_error', gemini: 'UNKNOWN' };
  switch (wire) {
    case 'openai-chat':
      return { error: { message, type: types.openai, code: null } };
    case 'anthropic-messages':
      return { type: 'error', error: { type: types.anthropic, message } };
    case 'gemini':
      return { error: { code: status, message, status: types.gemini } };
  }
}
