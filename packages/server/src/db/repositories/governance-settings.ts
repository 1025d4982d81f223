import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { governanceSettings } from '../schema/index.ts';

export type GovernanceSettingRow = typeof governanceSettings.$inferSelect;

export class GovernanceSettingsRepository {
  constructor(private readonly db: Db) {}

  list(): Promise<GovernanceSettingRow[]> {
    return this.db.select().from(governanceSettings);
  }

  async find(name: string): Promise<GovernanceSettingRow | undefined> {
    const [row] = await this.db.select().from(governanceSettings).where(eq(governanceSettings.name, name));
    return row;
  }

  async upsert(name: string, value: number, requestId: string): Promise<void> {
    await this.db.insert(governanceSettings).values({ name, value, requestId })
      .onConflictDoUpdate({ target: governanceSettings.name, set: { value, requestId, updatedAt: new Date() } });
  }
}
