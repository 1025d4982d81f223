import { and, asc, avg, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { marketplacePlugins, pluginInstallations, pluginReviews, pluginVersions, users } from '../schema/index.ts';
import { type Page, type PageRequest, toPage, totalCount } from './paging.ts';

export type MarketplacePluginRow = typeof marketplacePlugins.$inferSelect;
export type PluginVersionRow = typeof pluginVersions.$inferSelect;
export type PluginInstallationRow = typeof pluginInstallations.$inferSelect;
export type PluginReviewRow = typeof pluginReviews.$inferSelect;
export type CatalogPlugin = Omit<typeof marketplacePlugins.$inferInsert, 'id' | 'downloads' | 'rating' | 'reviewCount'>;
export type CatalogPluginVersion = Omit<typeof pluginVersions.$inferInsert, 'id' | 'pluginId'>;

export type MarketplaceSort = 'popularity' | 'rating' | 'recent';

export interface MarketplaceFilter {
  category?: string | undefined;
  search?: string | undefined;
  sort: MarketplaceSort;
}

/** An installation with the plugin and the installed version's catalog entry. */
export interface InstalledPlugin {
  installation: PluginInstallationRow;
  plugin: MarketplacePluginRow;
  version: PluginVersionRow | null;
}

const ORDER: Record<MarketplaceSort, SQL[]> = {
  popularity: [desc(marketplacePlugins.downloads), desc(marketplacePlugins.rating)],
  rating: [desc(marketplacePlugins.rating), desc(marketplacePlugins.reviewCount)],
  recent: [desc(marketplacePlugins.updatedAt)],
};

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`);

export class PluginRepository {
  constructor(private readonly db: Db) {}

  /** Runs `work` in one transaction with a repository bound to it (the transaction goes along for the audit chain). */
  transaction<T>(work: (repository: PluginRepository, tx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => work(new PluginRepository(tx as unknown as Db), tx as unknown as Db));
  }

  /** Upserts a catalog plugin and its versions; counters and reviews are kept. */
  async syncPlugin(plugin: CatalogPlugin, versions: CatalogPluginVersion[]): Promise<void> {
    const { slug: _slug, createdAt: _createdAt, ...metadata } = plugin;
    const [row] = await this.db
      .insert(marketplacePlugins)
      .values(plugin)
      .onConflictDoUpdate({
        target: marketplacePlugins.slug,
        set: { ...metadata, updatedAt: sql`greatest(${marketplacePlugins.updatedAt}, excluded.updated_at)` },
      })
      .returning({ id: marketplacePlugins.id });
    for (const version of versions) {
      await this.db
        .insert(pluginVersions)
        .values({ ...version, pluginId: row!.id })
        .onConflictDoUpdate({
          target: [pluginVersions.pluginId, pluginVersions.version],
          set: { manifest: version.manifest, problem: version.problem, dir: version.dir, releasedAt: version.releasedAt },
        });
    }
  }

  async list(filter: MarketplaceFilter, page: PageRequest): Promise<Page<MarketplacePluginRow>> {
    const conditions: SQL[] = [];
    if (filter.category) conditions.push(eq(marketplacePlugins.category, filter.category));
    if (filter.search) {
      const pattern = `%${escapeLike(filter.search)}%`;
      conditions.push(or(
        ilike(marketplacePlugins.slug, pattern),
        ilike(marketplacePlugins.name, pattern),
        ilike(marketplacePlugins.description, pattern),
        sql`${marketplacePlugins.tags}::text ilike ${pattern}`,
      )!);
    }
    const where = and(...conditions);
    const rows = await this.db
      .select({ plugin: marketplacePlugins, total: totalCount })
      .from(marketplacePlugins)
      .where(where)
      .orderBy(...ORDER[filter.sort], asc(marketplacePlugins.slug))
      .offset(page.skip)
      .limit(page.limit);
    const result = await toPage(rows, page, async () => (await this.db.select({ n: count() }).from(marketplacePlugins).where(where))[0]!.n);
    return { rows: result.rows.map((row) => row.plugin), total: result.total };
  }

  async findBySlug(slug: string): Promise<MarketplacePluginRow | undefined> {
    const [row] = await this.db.select().from(marketplacePlugins).where(eq(marketplacePlugins.slug, slug));
    return row;
  }

  async versions(pluginId: number): Promise<PluginVersionRow[]> {
    return this.db.select().from(pluginVersions).where(eq(pluginVersions.pluginId, pluginId));
  }

  async findVersion(pluginId: number, version: string): Promise<PluginVersionRow | undefined> {
    const [row] = await this.db.select().from(pluginVersions).where(and(eq(pluginVersions.pluginId, pluginId), eq(pluginVersions.version, version)));
    return row;
  }

  /** The newest reviews with their authors' usernames. */
  async reviews(pluginId: number, limit: number): Promise<Array<PluginReviewRow & { author: string }>> {
    const rows = await this.db
      .select({ review: pluginReviews, author: users.username })
      .from(pluginReviews)
      .innerJoin(users, eq(users.id, pluginReviews.userId))
      .where(eq(pluginReviews.pluginId, pluginId))
      .orderBy(desc(pluginReviews.createdAt), desc(pluginReviews.id))
      .limit(limit);
    return rows.map((row) => ({ ...row.review, author: row.author }));
  }

  async hasReviewed(pluginId: number, userId: number): Promise<boolean> {
    const [row] = await this.db.select({ id: pluginReviews.id }).from(pluginReviews).where(and(eq(pluginReviews.pluginId, pluginId), eq(pluginReviews.userId, userId)));
    return row !== undefined;
  }

  /** Adds a review and recomputes the plugin's mean rating from every review. */
  async addReview(review: Pick<PluginReviewRow, 'pluginId' | 'userId' | 'rating' | 'comment'>): Promise<PluginReviewRow> {
    const [row] = await this.db.insert(pluginReviews).values(review).returning();
    const [stats] = await this.db
      .select({ mean: avg(pluginReviews.rating).mapWith(Number), n: count() })
      .from(pluginReviews)
      .where(eq(pluginReviews.pluginId, review.pluginId));
    await this.db
      .update(marketplacePlugins)
      .set({ rating: stats!.mean, reviewCount: stats!.n, updatedAt: row!.createdAt })
      .where(eq(marketplacePlugins.id, review.pluginId));
    return row!;
  }

  async installation(userId: number, pluginId: number): Promise<PluginInstallationRow | undefined> {
    const [row] = await this.db.select().from(pluginInstallations).where(and(eq(pluginInstallations.userId, userId), eq(pluginInstallations.pluginId, pluginId)));
    return row;
  }

  /** The user's installations, oldest first (the order their hooks run in). */
  async installed(userId: number, options: { activeOnly: boolean } = { activeOnly: false }): Promise<InstalledPlugin[]> {
    const conditions: SQL[] = [eq(pluginInstallations.userId, userId)];
    if (options.activeOnly) conditions.push(eq(pluginInstallations.isActive, true));
    return this.db
      .select({ installation: pluginInstallations, plugin: marketplacePlugins, version: pluginVersions })
      .from(pluginInstallations)
      .innerJoin(marketplacePlugins, eq(marketplacePlugins.id, pluginInstallations.pluginId))
      .leftJoin(pluginVersions, and(eq(pluginVersions.pluginId, pluginInstallations.pluginId), eq(pluginVersions.version, pluginInstallations.version)))
      .where(and(...conditions))
      .orderBy(asc(pluginInstallations.installedAt), asc(pluginInstallations.id));
  }

  /** Records an installation and counts the download. */
  async install(installation: Pick<PluginInstallationRow, 'userId' | 'pluginId' | 'version' | 'settings'>): Promise<PluginInstallationRow> {
    const [row] = await this.db.insert(pluginInstallations).values(installation).returning();
    await this.db.update(marketplacePlugins).set({ downloads: sql`${marketplacePlugins.downloads} + 1` }).where(eq(marketplacePlugins.id, installation.pluginId));
    return row!;
  }

  async updateInstallation(id: number, changes: Partial<Pick<PluginInstallationRow, 'version' | 'isActive' | 'settings' | 'sealedSettings'>>): Promise<PluginInstallationRow> {
    const [row] = await this.db.update(pluginInstallations).set({ ...changes, updatedAt: new Date() }).where(eq(pluginInstallations.id, id)).returning();
    return row!;
  }

  async uninstall(id: number): Promise<void> {
    await this.db.delete(pluginInstallations).where(eq(pluginInstallations.id, id));
  }
}
