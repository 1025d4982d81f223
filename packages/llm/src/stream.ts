import { streamOnce } from './model-call.ts';
import type { TokenUsage } from './ports.ts';
import { ZERO_USAGE, type CallOptions, type ClientRuntime, type LlmResult } from './runtime.ts';

/** Text deltas as they arrive; `usage` and `result` settle when the answer is complete. */
export interface LlmStream extends AsyncIterable<string> {
  readonly usage: Promise<TokenUsage>;
  readonly result: Promise<LlmResult<undefined>>;
}

/** Buffers deltas between the provider and one reader, so the call runs whether or not it is read. */
class DeltaQueue implements AsyncIterable<string> {
  private readonly items: string[] = [];
  private done = false;
  private error: unknown;
  private wake: (() => void) | undefined;
  private claimed = false;

  constructor(private readonly onAbandon: () => void) {}

  push(delta: string): void {
    this.items.push(delta);
    this.notify();
  }

  close(error?: unknown): void {
    this.done = true;
    this.error = error;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    if (this.claimed) throw new Error('an LLM stream can be read only once');
    this.claimed = true;
    try {
      for (;;) {
        const next = this.items.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        if (this.done) {
          if (this.error !== undefined) throw this.error;
          return;
        }
        await new Promise<void>((resolve) => { this.wake = resolve; });
      }
    } finally {
      // A reader that stops early cancels the call.
      if (!this.done) this.onAbandon();
    }
  }
}

/** Starts a streamed call at once; retries only while nothing has been handed to the reader. */
export function openStream(runtime: ClientRuntime, options: CallOptions): LlmStream {
  const call = runtime.prepare(options);
  const scope = runtime.scope(options.signal, true);
  const queue = new DeltaQueue(() => scope.end('cancelled'));
  const { provider } = runtime.config;
  let emitted = false;

  const request = { system: call.system, messages: call.messages, ...runtime.sampling(call) };
  const send = () =>
    streamOnce(provider, runtime.model, request, scope.signal, (delta) => {
      emitted = true;
      scope.touch();
      queue.push(delta);
    });

  const run = async (): Promise<LlmResult<undefined>> => {
    const account = runtime.account(options.context);
    try {
      const hit = await runtime.cached(call);
      if (hit) {
        queue.push(hit.text);
        const outcome = await account.close('success', { cached: true });
        return runtime.result(hit.text, undefined, ZERO_USAGE, outcome, true);
      }
      let reply: { text: string; usage: TokenUsage };
      try {
        reply = await runtime.request(scope, send, () => !emitted);
      } catch (error) {
        throw await account.fail(scope.failure() ?? error);
      }
      account.add(reply.usage);
      await runtime.remember(call, { text: reply.text, usage: reply.usage, model: runtime.config.model });
      const outcome = await account.close('success');
      return runtime.result(reply.text, undefined, reply.usage, outcome, false);
    } finally {
      scope.dispose();
    }
  };

  const result = run();
  result.then(() => queue.close(), (error: unknown) => queue.close(error));
  const usage = result.then((done) => done.usage);
  // Readers may use only the iterator or only a promise; the other must not become an unhandled rejection.
  usage.catch(() => undefined);
  return { usage, result, [Symbol.asyncIterator]: () => queue[Symbol.asyncIterator]() };
}
