import { APICallError, JSONParseError, NoContentGeneratedError, TypeValidationError } from '@ai-sdk/provider';
import { LlmCallError } from './errors.ts';

const MAX_REASON_LENGTH = 300;

/** Milliseconds a `retry-after-ms` or `retry-after` (seconds or HTTP date) header asks to wait. */
export function retryAfterMs(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const ms = Number(lower['retry-after-ms']);
  if (lower['retry-after-ms'] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = lower['retry-after'];
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The provider's own error message from an error body, in any of the usual shapes. */
function providerMessage(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown; base_resp?: { status_msg?: unknown } };
    const error = parsed.error;
    if (typeof error === 'string') return error;
    if (typeof error?.message === 'string') return error.message;
    if (typeof parsed.message === 'string') return parsed.message;
    if (typeof parsed.base_resp?.status_msg === 'string') return parsed.base_resp.status_msg;
  } catch {
    return body.slice(0, MAX_REASON_LENGTH);
  }
  return undefined;
}

function rootCauseMessage(error: unknown): string {
  let current: unknown = error;
  let message = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause !== undefined; depth++) {
    current = current.cause;
    if (current instanceof Error) message = `${message}: ${(current as NodeJS.ErrnoException).code ?? current.message}`;
  }
  return message;
}

/** Removes the key from text that may echo it, and keeps the reason short. */
export function redact(text: string, secret: string): string {
  const cleaned = secret.length >= 4 ? text.split(secret).join('[redacted]') : text;
  const oneLine = cleaned.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_REASON_LENGTH ? `${oneLine.slice(0, MAX_REASON_LENGTH)}…` : oneLine;
}

/** Maps anything an AI SDK call throws to an `LlmCallError`. */
export function toLlmCallError(error: unknown, provider: string, apiKey: string): LlmCallError {
  if (error instanceof LlmCallError) return error;
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === undefined) {
      return new LlmCallError({ provider, kind: 'network', reason: redact(rootCauseMessage(error), apiKey) });
    }
    if (status >= 200 && status < 300) {
      return new LlmCallError({ provider, kind: 'malformed_response', status, reason: redact(`malformed response body: ${error.message}`, apiKey) });
    }
    const reason = providerMessage(error.responseBody) ?? error.message;
    // Providers mark in-stream errors (e.g. an unparsable event) as not retryable despite a 5xx status.
    return new LlmCallError({ provider, kind: 'http', status, reason: redact(reason, apiKey), retryAfterMs: retryAfterMs(error.responseHeaders), retryable: error.isRetryable });
  }
  if (NoContentGeneratedError.isInstance(error)) {
    return new LlmCallError({ provider, kind: 'empty_response', reason: 'the provider returned no content' });
  }
  if (JSONParseError.isInstance(error) || TypeValidationError.isInstance(error)) {
    return new LlmCallError({ provider, kind: 'malformed_response', reason: redact(`malformed response: ${error.message}`, apiKey) });
  }
  if (error instanceof TypeError && /fetch failed|terminated|socket|ECONN/i.test(rootCauseMessage(error))) {
    return new LlmCallError({ provider, kind: 'network', reason: redact(rootCauseMessage(error), apiKey) });
  }
  // Anything else (a provider adapter tripping over an unexpected shape) is a bad response, not a crash.
  return new LlmCallError({ provider, kind: 'malformed_response', reason: redact(`unexpected response: ${rootCauseMessage(error)}`, apiKey) });
}
