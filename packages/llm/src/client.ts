import type { z } from 'zod';
import type { CallScope } from './call-scope.ts';
import type { LlmClientConfig } from './config.ts';
import { LlmCallError } from './errors.ts';
import { generateOnce, type ModelReply, streamOnce } from './model-call.ts';
import { ClientRuntime, type CallAccount, ZERO_USAGE, type CallOptions, type LlmDeps, type LlmMessage, type LlmResult, type PreparedCall } from './runtime.ts';
import { openStream, type LlmStream } from './stream.ts';
import { jsonSchemaOf, parseStructured, reaskPrompt, schemaInstruction } from './structured.ts';

export interface GenerateOptions<T> extends CallOptions {
  /** Ask for JSON and return it validated as `object`. */
  schema?: z.ZodType<T>;
  /**
   * Stream the answer, handing each text delta here as it arrives (progress of a long answer): only silence
   * then times the call out, not the length of the whole answer.
   */
  onDelta?: (delta: string) => void;
}

export interface LlmClient {
  readonly provider: string;
  readonly model: string;
  generate<T = undefined>(options: GenerateOptions<T>): Promise<LlmResult<T>>;
  stream(options: CallOptions): LlmStream;
}

/** A prepared call and, when it is streamed, where its deltas go. */
type SentCall = PreparedCall & { onDelta: ((delta: string) => void) | undefined };

class SdkLlmClient implements LlmClient {
  constructor(private readonly runtime: ClientRuntime) {}

  get provider(): string {
    return this.runtime.config.provider;
  }

  get model(): string {
    return this.runtime.config.model;
  }

  async generate<T = undefined>(options: GenerateOptions<T>): Promise<LlmResult<T>> {
    const { runtime } = this;
    const call = runtime.prepare(options, options.schema);
    const account = runtime.account(options.context);
    const hit = await runtime.cached(call);
    if (hit) {
      const object = options.schema ? options.schema.safeParse(hit.object) : { success: true as const, data: undefined as T };
      if (object.success) {
        const outcome = await account.close('success', { cached: true });
        return runtime.result(hit.text, object.data, ZERO_USAGE, outcome, true);
      }
    }
    const scope = runtime.scope(options.signal, options.onDelta !== undefined);
    const sent = { ...call, onDelta: options.onDelta };
    try {
      const { text, object } = options.schema
        ? await this.generateObject(scope, sent, options.schema, account)
        : { text: await this.generatePlain(scope, sent, account), object: undefined as T };
      await runtime.remember(call, { text, object, usage: account.usage, model: runtime.config.model });
      const outcome = await account.close('success');
      return runtime.result(text, object, account.usage, outcome, false);
    } catch (error) {
      throw await account.fail(scope.failure() ?? error);
    } finally {
      scope.dispose();
    }
  }

  stream(options: CallOptions): LlmStream {
    return openStream(this.runtime, options);
  }

  private async generatePlain(scope: CallScope, call: SentCall, account: CallAccount): Promise<string> {
    const reply = await this.send(scope, call, call.messages);
    account.add(reply.usage);
    return reply.text;
  }

  /** JSON mode where the provider has one, then repair, then one re-ask with the validation error. */
  private async generateObject<T>(scope: CallScope, call: SentCall, schema: z.ZodType<T>, account: CallAccount): Promise<{ text: string; object: T }> {
    const { info } = this.runtime;
    const system = info.schemaInPrompt ? [call.system, schemaInstruction(schema)].filter(Boolean).join('\n\n') : call.system;
    const asked = { ...call, system };
    const jsonMode = info.structuredMode === 'json' ? jsonSchemaOf(schema) : undefined;
    const first = await this.send(scope, asked, call.messages, jsonMode);
    account.add(first.usage);
    const parsed = parseStructured(first.text, schema);
    if (parsed.ok) return { text: first.text, object: parsed.value };
    const retryMessages: LlmMessage[] = [...call.messages, { role: 'assistant', content: first.text }, { role: 'user', content: reaskPrompt(parsed.error) }];
    const second = await this.send(scope, asked, retryMessages, jsonMode);
    account.add(second.usage);
    const reparsed = parseStructured(second.text, schema);
    if (reparsed.ok) return { text: second.text, object: reparsed.value };
    throw new LlmCallError({ provider: info.id, kind: 'invalid_output', reason: `structured output still invalid after a re-ask: ${reparsed.error}`.slice(0, 300) });
  }

  private send(scope: CallScope, call: SentCall, messages: LlmMessage[], jsonSchema?: Record<string, unknown>): Promise<ModelReply> {
    const { runtime } = this;
    const { provider } = runtime.config;
    const request = { system: call.system, messages, ...runtime.sampling(call), jsonSchema };
    const { onDelta } = call;
    if (!onDelta) return runtime.request(scope, () => generateOnce(provider, runtime.model, request, scope.signal));
    // Retried only while nothing has been handed on, as a plain stream is.
    let emitted = false;
    const relay = (delta: string) => {
      emitted = true;
      scope.touch();
      onDelta(delta);
    };
    return runtime.request(scope, () => streamOnce(provider, runtime.model, request, scope.signal, relay), () => !emitted);
  }
}

/** A client for one LLM configuration; validates it first (`LlmConfigError`, LLM_002). */
export function createLlmClient(config: LlmClientConfig, deps: LlmDeps = {}): LlmClient {
  return new SdkLlmClient(new ClientRuntime(config, deps));
}
