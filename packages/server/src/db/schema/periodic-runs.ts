import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** When a periodic job (alert rules, SLO monitor, workflow sweep) last ran anywhere in the cluster: one process claims each turn. */
export const periodicRuns = pgTable('periodic_runs', {
  name: text('name').primaryKey(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
});
