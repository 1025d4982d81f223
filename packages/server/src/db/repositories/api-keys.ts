import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { apiKeys, users } from '../schema/index.ts';
import type { UserRow } from './users.ts';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export class ApiKeyRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async create(key: { userId: number; name: string; prefix: string; keyHash: string }, db: Db = this.db): Promise<ApiKeyRow> {
    const [row] = await db.insert(apiKeys).values(key).returning();
    return row!;
  }

  listForUser(userId: number): Promise<ApiKeyRow[]> {
    return this.db.select().from(apiKeys).where(eq(apiKeys.userId, userId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  }

  async deleteForUser(id: number, userId: number, db: Db = this.db): Promise<boolean> {
    const deleted = await db.delete(apiKeys).where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId))).returning({ id: apiKeys.id });
    return deleted.length > 0;
  }

  async deleteAllForUser(userId: number, db: Db = this.db): Promise<number> {
    const deleted = await db.delete(apiKeys).where(eq(apiKeys.userId, userId)).returning({ id: apiKeys.id });
    return deleted.length;
  }

  async findByHash(keyHash: string): Promise<{ key: ApiKeyRow; user: UserRow } | undefined> {
    const [row] = await this.db
      .select({ key: apiKeys, user: users })
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .where(eq(apiKeys.keyHash, keyHash));
    return row;
  }

  /** Records use at most once per interval, so authentication does not write on every request. */
  async touch(id: number, now: Date, minIntervalMs: number): Promise<void> {
    await this.db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - minIntervalMs)))));
  }
}
