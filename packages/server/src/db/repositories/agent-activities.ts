import { and, count, desc, eq, getTableColumns, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { agentActivities } from '../schema/index.ts';
import { type Page, type PageRequest, toPage, totalCount } from './paging.ts';

export type AgentActivityRow = typeof agentActivities.$inferSelect;
export type NewAgentActivity = typeof agentActivities.$inferInsert;

export class AgentActivityRepository {
  constructor(private readonly db: Db) {}

  /** Written by the workflow engine as each agent starts and finishes. */
  async create(activity: NewAgentActivity): Promise<AgentActivityRow> {
    const [row] = await this.db.insert(agentActivities).values(activity).returning();
    return row!;
  }

  async findById(id: number): Promise<AgentActivityRow | undefined> {
    const [row] = await this.db.select().from(agentActivities).where(eq(agentActivities.id, id));
    return row;
  }

  /** A project's activities, most recently started first. */
  async list(projectId: number, filter: { agentName?: string | undefined }, page: PageRequest): Promise<Page<AgentActivityRow>> {
    const conditions: SQL[] = [eq(agentActivities.projectId, projectId)];
    if (filter.agentName) conditions.push(eq(agentActivities.agentName, filter.agentName));
    const where = and(...conditions);
    const rows = await this.db
      .select({ ...getTableColumns(agentActivities), total: totalCount })
      .from(agentActivities)
      .where(where)
      .orderBy(desc(agentActivities.startedAt), desc(agentActivities.id))
      .offset(page.skip)
      .limit(page.limit);
    return toPage(rows, page, async () => (await this.db.select({ n: count() }).from(agentActivities).where(where))[0]!.n);
  }
}
