import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { periodicRuns } from '../schema/periodic-runs.ts';

// A turn claimed this much early still counts: the timers of one process drift by a few milliseconds per turn.
const EARLY_SHARE = 0.1;

/** Turns of periodic jobs, claimed with one conditional upsert so only one process of the cluster takes each. */
export class PeriodicRunRepository {
  constructor(private readonly db: Db) {}

  /** Whether this caller takes the job's turn: true when no process ran it within the last `intervalMs` (database time). */
  async claim(name: string, intervalMs: number): Promise<boolean> {
    const due = `${Math.round(intervalMs * (1 - EARLY_SHARE))} milliseconds`;
    const rows = await this.db
      .insert(periodicRuns)
      .values({ name, lastRunAt: sql`now()` })
      .onConflictDoUpdate({
        target: periodicRuns.name,
        set: { lastRunAt: sql`now()` },
        setWhere: sql`${periodicRuns.lastRunAt} <= now() - ${due}::interval`,
      })
      .returning({ name: periodicRuns.name });
    return rows.length === 1;
  }
}
