import { LlmCallError } from './errors.ts';

const MAX_BACKOFF_MS = 8_000;

/**
 * The life of one call: aborts its HTTP requests when the caller's signal fires or the deadline
 * passes, and knows which of the two happened. An `idle` scope (a stream) moves its deadline on
 * with every piece of the answer, so only silence ends it, however long the answer runs.
 */
export class CallScope {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private deadline: number;
  private timer: NodeJS.Timeout;
  private ending: 'cancelled' | 'timeout' | undefined;
  private readonly onCallerAbort = () => this.end('cancelled');

  constructor(
    private readonly provider: string,
    private readonly timeoutMs: number,
    private readonly callerSignal?: AbortSignal,
    private readonly idle = false,
  ) {
    this.signal = this.controller.signal;
    this.deadline = Date.now() + timeoutMs;
    this.timer = setTimeout(() => this.end('timeout'), timeoutMs);
    if (callerSignal?.aborted) this.end('cancelled');
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** The answer is still coming: an idle scope starts its wait again. */
  touch(): void {
    if (!this.idle || this.ending) return;
    clearTimeout(this.timer);
    this.deadline = Date.now() + this.timeoutMs;
    this.timer = setTimeout(() => this.end('timeout'), this.timeoutMs);
  }

  /** Ends the call early (the consumer of a stream stopped reading, say). */
  end(ending: 'cancelled' | 'timeout'): void {
    if (this.ending) return;
    this.ending = ending;
    this.controller.abort(this.failure());
  }

  get ended(): 'cancelled' | 'timeout' | undefined {
    return this.ending;
  }

  /** The error for an ended call, or undefined while it runs. */
  failure(): LlmCallError | undefined {
    if (this.ending === 'cancelled') return new LlmCallError({ provider: this.provider, kind: 'cancelled', reason: 'the call was cancelled' });
    if (this.ending === 'timeout') return new LlmCallError({ provider: this.provider, kind: 'timeout', reason: this.idle ? `no data for ${this.timeoutMs} ms` : `no complete answer within ${this.timeoutMs} ms` });
    return undefined;
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - Date.now());
  }

  /** Settles like `promise`, but rejects at once when the call ends (e.g. while queued for a slot). */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.signal.aborted) {
      // The raced work still settles later; its outcome no longer matters.
      promise.catch(() => undefined);
      return Promise.reject(this.failure());
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.failure());
      this.signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => { this.signal.removeEventListener('abort', onAbort); resolve(value); },
        (error: unknown) => { this.signal.removeEventListener('abort', onAbort); reject(error); },
      );
    });
  }

  sleep(ms: number): Promise<void> {
    return this.race(new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    }));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}

/** Exponential back-off with equal jitter: half the step fixed, half random. */
export function backoffMs(attempt: number, baseDelayMs: number): number {
  const step = Math.min(MAX_BACKOFF_MS, baseDelayMs * 2 ** attempt);
  return step / 2 + Math.random() * (step / 2);
}

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
}

/**
 * Runs `attempt` until it succeeds, fails for good, or retries run out; waits `Retry-After`
 * when the provider names a delay and gives up early when the wait would outlast the deadline.
 */
export async function withRetries<T>(
  scope: CallScope,
  policy: RetryPolicy,
  attempt: () => Promise<T>,
  classify: (error: unknown) => LlmCallError,
  canRetry: () => boolean = () => true,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      const failure = scope.failure() ?? classify(error);
      if (!failure.retryable || retry >= policy.maxRetries || !canRetry()) throw failure;
      const wait = failure.retryAfterMs ?? backoffMs(retry, policy.baseDelayMs);
      if (wait > scope.remainingMs()) throw failure;
      await scope.sleep(wait);
    }
  }
}
