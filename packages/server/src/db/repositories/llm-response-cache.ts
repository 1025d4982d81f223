import type { CachedResponse, ResponseCache } from '@resoftai/llm';
import { and, eq, lte } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { llmResponseCache } from '../schema/index.ts';

// Expired entries are swept at most this often, on a write.
const PURGE_INTERVAL_MS = 10 * 60 * 1000;

export class LlmResponseCacheRepository {
  private lastPurge = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The live entry, if any; an expired one is deleted on the way. */
  async get(scope: string, key: string): Promise<CachedResponse | undefined> {
    const now = this.now();
    const where = and(eq(llmResponseCache.scope, scope), eq(llmResponseCache.key, key));
    const [row] = await this.db.select({ response: llmResponseCache.response, expiresAt: llmResponseCache.expiresAt }).from(llmResponseCache).where(where);
    if (!row) return undefined;
    if (row.expiresAt > now) return row.response as CachedResponse;
    await this.db.delete(llmResponseCache).where(and(where, lte(llmResponseCache.expiresAt, now)));
    return undefined;
  }

  async set(scope: string, key: string, response: CachedResponse, ttlSeconds: number): Promise<void> {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
    await this.db
      .insert(llmResponseCache)
      .values({ scope, key, model: response.model, response, createdAt: now, expiresAt })
      .onConflictDoUpdate({
        target: [llmResponseCache.scope, llmResponseCache.key],
        set: { model: response.model, response, createdAt: now, expiresAt },
      });
    if (now.getTime() - this.lastPurge >= PURGE_INTERVAL_MS) {
      this.lastPurge = now.getTime();
      await this.purgeExpired();
    }
  }

  /** Deletes every expired entry; returns how many went. */
  async purgeExpired(): Promise<number> {
    const deleted = await this.db.delete(llmResponseCache).where(lte(llmResponseCache.expiresAt, this.now())).returning({ key: llmResponseCache.key });
    return deleted.length;
  }
}

/** The `ResponseCache` port on the `llm_response_cache` table, within one scope (owner and endpoint). */
export class DatabaseResponseCache implements ResponseCache {
  constructor(
    private readonly entries: LlmResponseCacheRepository,
    private readonly scope: string,
  ) {}

  get(key: string): Promise<CachedResponse | undefined> {
    return this.entries.get(this.scope, key);
  }

  set(key: string, value: CachedResponse, ttlSeconds: number): Promise<void> {
    return this.entries.set(this.scope, key, value, ttlSeconds);
  }
}
