import { createHash } from 'node:crypto';

export interface CacheKeyInput {
  provider: string;
  model: string;
  /** Everything else that shapes the reply: system prompt, sampling, output schema. */
  parameters: Record<string, unknown>;
  messages: readonly unknown[];
}

/** JSON with object keys sorted and undefined members dropped, so equal inputs serialize equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
  return `{${entries.join(',')}}`;
}

/** SHA-256 hex of provider, model, parameters and messages in canonical JSON. */
export function cacheKey(input: CacheKeyInput): string {
  const canonical = canonicalJson({
    provider: input.provider,
    model: input.model,
    parameters: input.parameters,
    messages: input.messages,
  });
  return createHash('sha256').update(canonical).digest('hex');
}
