import type { RateLimitConfig, RateLimitTier } from '../config.ts';
import { AppError } from '../errors.ts';

export interface RateLimitCounter {
  count: number;
  resetAt: number;
}

export interface RateLimitWindow {
  key: string;
  windowMs: number;
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

interface Window extends RateLimitWindow {
  limit: number;
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
    const windows: Window[] = [{ key: `tier:${caller}`, limit: this.config.perMinuteByTier[input.tier], windowMs: MINUTE }];
    if (routeClass === 'auth') windows.push({ key: `auth:ip:${input.ip}`, limit: this.config.authPerMinute, windowMs: MINUTE });
    if (routeClass === 'analysis') windows.push({ key: `analysis:${caller}`, limit: this.config.analysisPerHour, windowMs: HOUR });
    if (routeClass === 'admin') windows.push({ key: `admin:${caller}`, limit: this.config.adminPerHour, windowMs: HOUR });
    if (routeClass === 'general') windows.push({ key: `general:${caller}`, limit: this.config.generalPerHour, windowMs: HOUR });

    // One call for all windows: one round trip with a shared store.
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
