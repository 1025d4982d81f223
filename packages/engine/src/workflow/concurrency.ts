import pLimit, { type LimitFunction } from 'p-limit';

/** How many planned files are generated at once. */
export interface FileConcurrency {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Feedback from every model call; only the adaptive limit uses it. */
  observe(outcome: { latencyMs: number; rateLimited: boolean }): void;
  readonly current: number;
  readonly peak: number;
}

export class FixedConcurrency implements FileConcurrency {
  private readonly limit: LimitFunction;

  constructor(concurrency: number) {
    this.limit = pLimit(concurrency);
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return this.limit(task);
  }

  observe(): void {}

  get current(): number {
    return this.limit.concurrency;
  }

  get peak(): number {
    return this.limit.concurrency;
  }
}

/** A call this much slower than the fastest seen means the provider is saturating. */
const SLOWDOWN_FACTOR = 3;

/**
 * Additive increase, multiplicative decrease: one more slot per call that came back at the usual
 * latency, one fewer when latency balloons, half as many after a 429 (then a cool-down).
 */
export class AdaptiveConcurrency implements FileConcurrency {
  private readonly limit: LimitFunction;
  private fastestMs = Number.POSITIVE_INFINITY;
  private coolDown = 0;
  private highest: number;

  constructor(initial: number, private readonly ceiling: number) {
    this.limit = pLimit(Math.min(initial, ceiling));
    this.highest = this.limit.concurrency;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return this.limit(task);
  }

  observe(outcome: { latencyMs: number; rateLimited: boolean }): void {
    const current = this.limit.concurrency;
    if (outcome.rateLimited) {
      this.limit.concurrency = Math.max(1, Math.floor(current / 2));
      this.coolDown = this.limit.concurrency;
      return;
    }
    this.fastestMs = Math.min(this.fastestMs, outcome.latencyMs);
    if (this.coolDown > 0) {
      this.coolDown--;
      return;
    }
    const slow = outcome.latencyMs > Math.max(this.fastestMs * SLOWDOWN_FACTOR, this.fastestMs + 50);
    this.limit.concurrency = slow ? Math.max(1, current - 1) : Math.min(this.ceiling, current + 1);
    this.highest = Math.max(this.highest, this.limit.concurrency);
  }

  get current(): number {
    return this.limit.concurrency;
  }

  get peak(): number {
    return this.highest;
  }
}
