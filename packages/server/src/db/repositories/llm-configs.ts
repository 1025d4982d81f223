import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { llmConfigs } from '../schema/index.ts';

export type LlmConfigRow = typeof llmConfigs.$inferSelect;
export type NewLlmConfig = Omit<typeof llmConfigs.$inferInsert, 'id' | 'isDefault' | 'createdAt' | 'updatedAt'>;
export type LlmConfigChanges = Partial<Omit<NewLlmConfig, 'userId'>>;

/** `true`: make this the user's default; `false`: stop being it; `'if-first'`: default when the user has no other config. */
export type DefaultChoice = boolean | 'if-first';

// Arbitrary constant (first half of a two-key advisory lock): serialises default changes per user.
const DEFAULT_LOCK_NAMESPACE = 7_351_010;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export class LlmConfigRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  listForUser(userId: number): Promise<LlmConfigRow[]> {
    return this.db.select().from(llmConfigs).where(eq(llmConfigs.userId, userId)).orderBy(asc(llmConfigs.createdAt), asc(llmConfigs.id));
  }

  async findForUser(id: number, userId: number): Promise<LlmConfigRow | undefined> {
    const [row] = await this.db.select().from(llmConfigs).where(and(eq(llmConfigs.id, id), eq(llmConfigs.userId, userId)));
    return row;
  }

  async findDefaultForUser(userId: number): Promise<LlmConfigRow | undefined> {
    const [row] = await this.db.select().from(llmConfigs).where(and(eq(llmConfigs.userId, userId), eq(llmConfigs.isDefault, true)));
    return row;
  }

  /** Inserts a config; becoming the default clears the old default in the same transaction. */
  create(config: NewLlmConfig, makeDefault: DefaultChoice, db: Db = this.db): Promise<LlmConfigRow> {
    return db.transaction(async (tx) => {
      await lockDefaults(tx, config.userId);
      let isDefault = makeDefault === true;
      if (makeDefault === 'if-first') {
        const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(llmConfigs).where(eq(llmConfigs.userId, config.userId));
        isDefault = total === 0;
      }
      if (isDefault) await clearDefault(tx, config.userId);
      const [row] = await tx.insert(llmConfigs).values({ ...config, isDefault }).returning();
      return row!;
    });
  }

  /** Applies changes to a user's config; undefined when it is not theirs. */
  updateForUser(id: number, userId: number, changes: LlmConfigChanges, makeDefault: boolean | undefined, db: Db = this.db): Promise<LlmConfigRow | undefined> {
    return db.transaction(async (tx) => {
      await lockDefaults(tx, userId);
      const mine = and(eq(llmConfigs.id, id), eq(llmConfigs.userId, userId));
      const [existing] = await tx.select({ id: llmConfigs.id }).from(llmConfigs).where(mine);
      if (!existing) return undefined;
      if (makeDefault === true) await clearDefault(tx, userId, id);
      const [row] = await tx
        .update(llmConfigs)
        .set({ ...changes, ...(makeDefault === undefined ? {} : { isDefault: makeDefault }), updatedAt: sql`now()` })
        .where(mine)
        .returning();
      return row;
    });
  }

  async deleteForUser(id: number, userId: number, db: Db = this.db): Promise<boolean> {
    const deleted = await db.delete(llmConfigs).where(and(eq(llmConfigs.id, id), eq(llmConfigs.userId, userId))).returning({ id: llmConfigs.id });
    return deleted.length > 0;
  }
}

async function lockDefaults(tx: Tx, userId: number): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${DEFAULT_LOCK_NAMESPACE}, ${userId})`);
}

async function clearDefault(tx: Tx, userId: number, exceptId?: number): Promise<void> {
  const mine = eq(llmConfigs.userId, userId);
  await tx
    .update(llmConfigs)
    .set({ isDefault: false, updatedAt: sql`now()` })
    .where(and(mine, eq(llmConfigs.isDefault, true), exceptId === undefined ? undefined : ne(llmConfigs.id, exceptId)));
}
