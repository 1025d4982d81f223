import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { multisigRequests, profileRequests, promotions, reviewProfiles } from '../schema/index.ts';

export type ReviewProfileRow = typeof reviewProfiles.$inferSelect;
export type PromotionRow = typeof promotions.$inferSelect;
export type ProfileStage = ReviewProfileRow['stage'];

export interface ServedMetrics {
  requests: number;
  errorRate: number | null;
  latencyP95Ms: number | null;
  /** Shadow runs only: share whose findings matched production's. */
  agreementRate: number | null;
}

export class ThreeVersionRepository {
  constructor(private readonly db: Db) {}

  async createProfile(profile: Pick<ReviewProfileRow, 'id' | 'name' | 'config' | 'createdBy' | 'reevaluatedFrom'>): Promise<ReviewProfileRow> {
    const [row] = await this.db.insert(reviewProfiles).values({ ...profile, stage: 'experimenting' }).returning();
    return row!;
  }

  async findProfile(id: string): Promise<ReviewProfileRow | undefined> {
    const [row] = await this.db.select().from(reviewProfiles).where(eq(reviewProfiles.id, id));
    return row;
  }

  async findByQuarantineId(quarantineId: string): Promise<ReviewProfileRow | undefined> {
    const [row] = await this.db.select().from(reviewProfiles).where(eq(reviewProfiles.quarantineId, quarantineId));
    return row;
  }

  async findProduction(): Promise<ReviewProfileRow | undefined> {
    const [row] = await this.db.select().from(reviewProfiles).where(eq(reviewProfiles.stage, 'production'));
    return row;
  }

  /** The most recently archived former production profile: the last known good one. */
  async lastArchived(): Promise<ReviewProfileRow | undefined> {
    const [row] = await this.db.select().from(reviewProfiles).where(eq(reviewProfiles.stage, 'archived')).orderBy(desc(reviewProfiles.stageChangedAt)).limit(1);
    return row;
  }

  listByStage(stage: ProfileStage): Promise<ReviewProfileRow[]> {
    return this.db.select().from(reviewProfiles).where(eq(reviewProfiles.stage, stage)).orderBy(desc(reviewProfiles.createdAt));
  }

  async countQuarantined(): Promise<{ total: number; awaitingReevaluation: number }> {
    const [row] = await this.db
      .select({ total: count(), awaiting: sql<number>`count(*) FILTER (WHERE ${reviewProfiles.reevaluatedAs} IS NULL)::int` })
      .from(reviewProfiles)
      .where(eq(reviewProfiles.stage, 'quarantined'));
    return { total: row?.total ?? 0, awaitingReevaluation: Number(row?.awaiting ?? 0) };
  }

  async update(id: string, changes: Partial<Omit<ReviewProfileRow, 'id' | 'createdAt'>>): Promise<ReviewProfileRow> {
    const [row] = await this.db.update(reviewProfiles).set(changes).where(eq(reviewProfiles.id, id)).returning();
    return row!;
  }

  async moveTo(id: string, stage: ProfileStage, extra: Partial<Pick<ReviewProfileRow, 'quarantineId'>> = {}): Promise<ReviewProfileRow> {
    return this.update(id, { stage, stageChangedAt: new Date(), ...extra });
  }

  async createPromotion(promotion: Omit<PromotionRow, 'createdAt' | 'promotedAt'>): Promise<PromotionRow> {
    const [row] = await this.db.insert(promotions).values(promotion).returning();
    return row!;
  }

  async findPromotion(id: string): Promise<PromotionRow | undefined> {
    const [row] = await this.db.select().from(promotions).where(eq(promotions.id, id));
    return row;
  }

  async markPromoted(id: string, at: Date): Promise<void> {
    await this.db.update(promotions).set({ promotedAt: at }).where(eq(promotions.id, id));
  }

  /** Promotions whose approval request is still open, optionally of one experiment. */
  async countOpenPromotions(now: Date, experimentId?: string): Promise<number> {
    const [row] = await this.db
      .select({ total: count() })
      .from(promotions)
      .innerJoin(multisigRequests, eq(multisigRequests.id, promotions.requestId))
      .where(and(
        isNull(promotions.promotedAt),
        eq(multisigRequests.status, 'pending'),
        gt(multisigRequests.expiresAt, now),
        experimentId !== undefined ? eq(promotions.experimentId, experimentId) : undefined,
      ));
    return row?.total ?? 0;
  }

  /** Open approval requests of one operation type whose payload names this version. */
  async countOpenRequests(operationType: string, versionId: string, now: Date): Promise<number> {
    const [row] = await this.db
      .select({ total: count() })
      .from(multisigRequests)
      .where(and(
        eq(multisigRequests.operationType, operationType),
        eq(multisigRequests.status, 'pending'),
        gt(multisigRequests.expiresAt, now),
        sql`${multisigRequests.payload}->>'version_id' = ${versionId}`,
      ));
    return row?.total ?? 0;
  }

  async recordRequest(record: { profileId: string; role: 'production' | 'shadow'; latencyMs: number; failed: boolean; agreed: boolean | null }): Promise<void> {
    await this.db.insert(profileRequests).values(record);
  }

  async servedMetrics(profileId: string, role: 'production' | 'shadow', since: Date): Promise<ServedMetrics> {
    const [row] = await this.db
      .select({
        requests: count(),
        failed: sql<number>`count(*) FILTER (WHERE ${profileRequests.failed})::int`,
        p95: sql<number | null>`percentile_cont(0.95) WITHIN GROUP (ORDER BY ${profileRequests.latencyMs})`,
        agreed: sql<number>`count(*) FILTER (WHERE ${profileRequests.agreed})::int`,
        compared: sql<number>`count(${profileRequests.agreed})::int`,
      })
      .from(profileRequests)
      .where(and(eq(profileRequests.profileId, profileId), eq(profileRequests.role, role), gt(profileRequests.createdAt, since)));
    const requests = row?.requests ?? 0;
    const compared = Number(row?.compared ?? 0);
    return {
      requests,
      errorRate: requests > 0 ? Number(row!.failed) / requests : null,
      latencyP95Ms: row?.p95 === null || row?.p95 === undefined ? null : Math.round(Number(row.p95)),
      agreementRate: compared > 0 ? Number(row!.agreed) / compared : null,
    };
  }
}
