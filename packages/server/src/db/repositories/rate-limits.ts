import { lte, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rateLimitCounters } from '../schema/rate-limits.ts';

// Counters whose window ended are deleted at most this often by each process.
const SWEEP_INTERVAL_MS = 60_000;

/** The rate limiter's fixed-window counters in PostgreSQL, so a limit holds across every API process. */
export class RateLimitCounterRepository {
  private nextSweep = 0;

  constructor(private readonly db: Db) {}

  /**
   * Adds `units` to each window's counter (distinct keys), starting a new window where the old one ended; the counters
   * after the addition, in order.
   */
  async reserve(windows: Array<{ key: string; windowMs: number; units: number }>, now: number): Promise<Array<{ count: number; resetAt: number }>> {
    const at = new Date(now);
    const ended = sql`${rateLimitCounters.resetAt} <= ${at.toISOString()}::timestamptz`;
    // Rows are locked in key order, so two requests sharing keys cannot deadlock.
    const values = [...windows]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ key, windowMs, units }) => ({ key, count: units, resetAt: new Date(now + windowMs) }));
    const rows = await this.db
      .insert(rateLimitCounters)
      .values(values)
      .onConflictDoUpdate({
        target: rateLimitCounters.key,
        set: {
          count: sql`CASE WHEN ${ended} THEN excluded.count ELSE ${rateLimitCounters.count} + excluded.count END`,
          resetAt: sql`CASE WHEN ${ended} THEN excluded.reset_at ELSE ${rateLimitCounters.resetAt} END`,
        },
      })
      .returning({ key: rateLimitCounters.key, count: rateLimitCounters.count, resetAt: rateLimitCounters.resetAt });
    if (now >= this.nextSweep) {
      this.nextSweep = now + SWEEP_INTERVAL_MS;
      await this.db.delete(rateLimitCounters).where(lte(rateLimitCounters.resetAt, at));
    }
    const byKey = new Map(rows.map((row) => [row.key, { count: row.count, resetAt: row.resetAt.getTime() }]));
    return windows.map((window) => byKey.get(window.key)!);
  }
}
