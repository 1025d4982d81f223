import type { UsageRecord, UsageRecorder } from '@resoftai/llm';
import type { Db } from '../client.ts';
import { llmUsage } from '../schema/index.ts';

export class LlmUsageRepository {
  /** `onRecorded` sees each record once stored (the Prometheus counters). */
  constructor(private readonly db: Db, private readonly onRecorded?: (entry: UsageRecord) => void) {}

  async insert(entry: UsageRecord, llmConfigId: number | null): Promise<void> {
    await this.db.insert(llmUsage).values({
      userId: entry.userId ?? null,
      projectId: entry.projectId ?? null,
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
