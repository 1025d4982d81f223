import type { RateLimitConfig, RateLimitTier } from '../config.ts';
import { AppError } from '../errors.ts';

export interface RateLimitCounter {
  count: number;
  resetAt: number;
}

export interface RateLimitWindow {
  key: string;
  windowMs: number;
  /** Requests allowed in the window. */
  limit: number;
}

/** Fixed-window counters; a shared implementation (the PostgreSQL table) serves several processes. */
export interface RateLimitStore {
  /** Counts one request in each window; the counters in the same order. */
  hit(windows: RateLimitWindow[], now: number): Promise<RateLimitCounter[]> | RateLimitCounter[];
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly counters = new Map<string, RateLimitCounter>();
  private nextSweep = 0;

  hit(windows: RateLimitWindow[], now: number): RateLimitCounter[] {
    if (now >= this.nextSweep) this.sweep(now);
    return windows.map(({ key, windowMs }) => {
      let counter = this.counters.get(key);
      if (!counter || counter.resetAt <= now) {
        counter = { count: 0, resetAt: now + windowMs };
        this.counters.set(key, counter);
      }
      counter.count += 1;
      return { ...counter };
    });
  }

  private sweep(now: number): void {
    for (const [key, counter] of this.counters) if (counter.resetAt <= now) this.counters.delete(key);
    this.nextSweep = now + 60_000;
  }
}

/** Shared counters that take several units at once (RateLimitCounterRepository). */
export interface RateLimitReservations {
  reserve(windows: Array<{ key: string; windowMs: number; units: number }>, now: number): Promise<RateLimitCounter[]>;
}

// A process reserves this share of a window's limit at a time; the others may then refuse that much too early.
const RESERVED_SHARE = 1 / 50;

interface Block {
  resetAt: number;
  /** The window position the next request here takes. */
  next: number;
  /** The last position this process reserved. */
  end: number;
}

/**
 * Counters shared by several processes, reserved in blocks: a process takes a block of a window's positions with one
 * update of the shared counter and hands them out locally, so most requests cost no round trip. No position is handed
 * out twice, so a limit still holds across the cluster; a process's unused block only makes others refuse earlier.
 * Small limits (under 50) reserve one position at a time, exactly as counting each request.
 */
export class ReservingRateLimitStore implements RateLimitStore {
  private readonly blocks = new Map<string, Block>();
  private readonly pending = new Map<string, Promise<void>>();
  private nextSweep = 0;

  constructor(private readonly shared: RateLimitReservations) {}

  async hit(windows: RateLimitWindow[], now: number): Promise<RateLimitCounter[]> {
    if (now >= this.nextSweep) this.sweep(now);
    return Promise.all(windows.map((window) => this.take(window, now)));
  }

  private async take(window: RateLimitWindow, now: number): Promise<RateLimitCounter> {
    for (;;) {
      const block = this.blocks.get(window.key);
      // Past the limit, positions need no reservation: every one is refused.
      if (block && block.resetAt > now && (block.next <= block.end || block.end > window.limit)) return { count: block.next++, resetAt: block.resetAt };
      await (this.pending.get(window.key) ?? this.reserve(window, now));
    }
  }

  private reserve(window: RateLimitWindow, now: number): Promise<void> {
    const units = Math.max(1, Math.floor(window.limit * RESERVED_SHARE));
    const reserved = this.shared.reserve([{ key: window.key, windowMs: window.windowMs, units }], now)
      .then(([counter]) => {
        this.blocks.set(window.key, { resetAt: counter!.resetAt, next: counter!.count - units + 1, end: counter!.count });
      })
      .finally(() => this.pending.delete(window.key));
    this.pending.set(window.key, reserved);
    return reserved;
  }

  private sweep(now: number): void {
    for (const [key, block] of this.blocks) if (block.resetAt <= now) this.blocks.delete(key);
    this.nextSweep = now + 60_000;
  }
}

export type RouteClass = 'auth' | 'analysis' | 'admin' | 'general';

const AUTH_PATHS = new Set(['/api/auth/login', '/api/auth/register', '/api/auth/refresh']);

export function classifyRoute(path: string): RouteClass {
  if (AUTH_PATHS.has(path)) return 'auth';
  if (/^\/api\/(analyze|code-analysis|fixes)(\/|$)/.test(path)) return 'analysis';
  if (/^\/api\/admin(\/|$)/.test(path)) return 'admin';
  return 'general';
}

export interface RateLimitDecision {
  limit: number;
  remaining: number;
  resetAt: number;
  exceeded: boolean;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Applies the caller's per-minute tier limit and the route class's limit; reports the tighter of the two. */
export class RateLimiter {
  constructor(
    private readonly config: RateLimitConfig,
    private readonly store: RateLimitStore,
  ) {}

  async check(input: { path: string; ip: string; userId: number | null; tier: RateLimitTier }, now = Date.now()): Promise<RateLimitDecision> {
    const caller = input.userId !== null ? `user:${input.userId}` : `ip:${input.ip}`;
    const routeClass = classifyRoute(input.path);
    const windows: RateLimitWindow[] = [{ key: `tier:${caller}`, limit: this.config.perMinuteByTier[input.tier], windowMs: MINUTE }];
    if (routeClass === 'auth') windows.push({ key: `auth:ip:${input.ip}`, limit: this.config.authPerMinute, windowMs: MINUTE });
    if (routeClass === 'analysis') windows.push({ key: `analysis:${caller}`, limit: this.config.analysisPerHour, windowMs: HOUR });
    if (routeClass === 'admin') windows.push({ key: `admin:${caller}`, limit: this.config.adminPerHour, windowMs: HOUR });
    if (routeClass === 'general') windows.push({ key: `general:${caller}`, limit: this.config.generalPerHour, windowMs: HOUR });

    // One call for all windows: at most one round trip per window with a shared store.
    const counters = await this.store.hit(windows, now);
    let tightest: RateLimitDecision | undefined;
    for (const [i, window] of windows.entries()) {
      const counter = counters[i]!;
      const decision = {
        limit: window.limit,
        remaining: Math.max(0, window.limit - counter.count),
        resetAt: counter.resetAt,
        exceeded: counter.count > window.limit,
      };
      if (!tightest || rank(decision) < rank(tightest)) tightest = decision;
    }
    return tightest!;
  }
}

// An exceeded window outranks any other; otherwise the one with fewer requests left.
const rank = (d: RateLimitDecision): number => (d.exceeded ? -1 : d.remaining);

export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    'x-ratelimit-limit': String(decision.limit),
    'x-ratelimit-remaining': String(decision.remaining),
    'x-ratelimit-reset': String(Math.ceil(decision.resetAt / 1000)),
  };
}

export function rateLimitExceeded(decision: RateLimitDecision, now = Date.now()): AppError {
  const retryAfter = Math.max(1, Math.ceil((decision.resetAt - now) / 1000));
  return new AppError(429, `Rate limit exceeded. Try again in ${retryAfter} seconds.`, {
    errorCode: 'RATE_LIMITED',
    headers: { 'retry-after': String(retryAfter) },
  });
}
