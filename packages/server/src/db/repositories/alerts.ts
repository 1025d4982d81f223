import { and, count, desc, eq, getTableColumns, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type AlertSeverity, alerts } from '../schema/index.ts';
import { type Page, type PageRequest, toPage, totalCount } from './paging.ts';

export type AlertRow = typeof alerts.$inferSelect;
export type NewAlert = Pick<typeof alerts.$inferInsert, 'alertType' | 'severity' | 'message' | 'details' | 'userId' | 'organizationId' | 'dedupeKey'>;

/** Whose alerts a caller sees: their own, and their organisation's when they manage it. */
export interface AlertAudience {
  userId: number;
  organizationId: number | undefined;
}

export interface AlertFilter {
  /** Only alerts concerning this audience; undefined for every alert. */
  audience?: AlertAudience | undefined;
  severity?: AlertSeverity | undefined;
  isResolved?: boolean | undefined;
}

export class AlertRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async create(alert: NewAlert, db: Db = this.db): Promise<AlertRow> {
    const [row] = await db.insert(alerts).values(alert).returning();
    return row!;
  }

  /** Inserts unless an unresolved alert has the same `dedupeKey`; undefined then. Safe under concurrent calls. */
  async createUnlessOpen(alert: NewAlert & { dedupeKey: string }, db: Db = this.db): Promise<AlertRow | undefined> {
    const [row] = await db
      .insert(alerts)
      .values(alert)
      .onConflictDoNothing({ target: alerts.dedupeKey, where: sql`${alerts.dedupeKey} is not null and not ${alerts.isResolved}` })
      .returning();
    return row;
  }

  async findById(id: number): Promise<AlertRow | undefined> {
    const [row] = await this.db.select().from(alerts).where(eq(alerts.id, id));
    return row;
  }

  /** Newest first. */
  async list(filter: AlertFilter, page: PageRequest): Promise<Page<AlertRow>> {
    const where = and(...conditions(filter));
    const rows = await this.db
      .select({ ...getTableColumns(alerts), total: totalCount })
      .from(alerts)
      .where(where)
      .orderBy(desc(alerts.createdAt), desc(alerts.id))
      .offset(page.skip)
      .limit(page.limit);
    return toPage(rows, page, () => this.count(filter));
  }

  async count(filter: AlertFilter): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(alerts).where(and(...conditions(filter)));
    return row!.n;
  }

  /** Marks an unresolved alert resolved; undefined when it already was. */
  async resolve(id: number, resolvedBy: number, db: Db = this.db): Promise<AlertRow | undefined> {
    const [row] = await db
      .update(alerts)
      .set({ isResolved: true, resolvedAt: new Date(), resolvedBy })
      .where(and(eq(alerts.id, id), eq(alerts.isResolved, false)))
      .returning();
    return row;
  }
}

function conditions(filter: AlertFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.audience) {
    const { userId, organizationId } = filter.audience;
    where.push(organizationId === undefined ? eq(alerts.userId, userId) : or(eq(alerts.userId, userId), eq(alerts.organizationId, organizationId))!);
  }
  if (filter.severity !== undefined) where.push(eq(alerts.severity, filter.severity));
  if (filter.isResolved !== undefined) where.push(eq(alerts.isResolved, filter.isResolved));
  return where;
}
