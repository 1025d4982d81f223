import type { UsageRecord, UsageRecorder } from '@resoftai/llm';
import type { Db } from '../client.ts';
import { sql } from 'drizzle-orm';
import { llmUsage } from '../schema/index.ts';
import { organizationOfProject, organizationOfUser } from './organizations.ts';

/** The project's organisation, else the caller's (see the quota rules in the server README). */
function organizationCharged(projectId: number | null, userId: number | null) {
  const ofUser = userId === null ? sql`NULL::integer` : organizationOfUser(userId);
  return projectId === null ? ofUser : sql`coalesce(${organizationOfProject(projectId)}, ${ofUser})`;
}

export class LlmUsageRepository {
  /** `onRecorded` sees each record once stored (the Prometheus counters). */
  constructor(private readonly db: Db, private readonly onRecorded?: (entry: UsageRecord) => void) {}

  async insert(entry: UsageRecord, llmConfigId: number | null): Promise<void> {
    await this.db.insert(llmUsage).values({
      userId: entry.userId ?? null,
      projectId: entry.projectId ?? null,
      organizationId: organizationCharged(entry.projectId ?? null, entry.userId ?? null),
      llmConfigId,
      stage: entry.stage ?? null,
      agent: entry.agent ?? null,
      provider: entry.provider,
      model: entry.model,
      promptTokens: entry.promptTokens,
      completionTokens: entry.completionTokens,
      latencyMs: entry.latencyMs,
      costUsd: entry.costUsd,
      cached: entry.cached,
      status: entry.status,
      error: entry.error ?? null,
    });
    this.onRecorded?.(entry);
  }
}

/** The `UsageRecorder` port on the `llm_usage` table, for the calls of one config's owner. */
export class DatabaseUsageRecorder implements UsageRecorder {
  constructor(
    private readonly usage: LlmUsageRepository,
    private readonly owner: { userId: number; llmConfigId: number | null },
  ) {}

  async record(entry: UsageRecord): Promise<void> {
    // The config's owner pays for the call, whatever context the caller passed.
    await this.usage.insert({ ...entry, userId: this.owner.userId }, this.owner.llmConfigId);
  }
}
