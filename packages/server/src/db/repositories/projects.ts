import { and, count, desc, eq, inArray, or, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { fileVersions, type ProjectStatus, projectFiles, projects, type TeamRole, teamMembers } from '../schema/index.ts';
import { type Page, type PageRequest, toPage, totalCount } from './paging.ts';

export type ProjectRow = typeof projects.$inferSelect;
export type NewProject = Pick<typeof projects.$inferInsert, 'userId' | 'name' | 'description' | 'requirements' | 'config' | 'llmConfigId' | 'teamId'>;
export type ProjectChanges = Partial<Pick<ProjectRow, 'name' | 'description' | 'requirements' | 'config' | 'llmConfigId' | 'teamId'>>;
/** A project without the large JSON columns. */
export type ProjectRef = Pick<ProjectRow, 'id' | 'userId' | 'status' | 'teamId'>;
/** What an access decision needs: the project and the caller's role in its team (null when none). */
export type ProjectAccessRef = ProjectRef & { teamRole: TeamRole | null };

const summaryColumns = {
  id: projects.id,
  name: projects.name,
  description: projects.description,
  status: projects.status,
  progress: projects.progress,
  currentStage: projects.currentStage,
  createdAt: projects.createdAt,
  updatedAt: projects.updatedAt,
  completedAt: projects.completedAt,
  teamId: projects.teamId,
};

export type ProjectSummaryRow = Pick<ProjectRow, keyof typeof summaryColumns>;

export class ProjectRepository {
  private listAll: ReturnType<ProjectRepository['prepareList']> | undefined;
  private listWithStatus: ReturnType<ProjectRepository['prepareList']> | undefined;

  constructor(private readonly db: Db) {}

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async create(project: NewProject, db: Db = this.db): Promise<ProjectRow> {
    const [row] = await db.insert(projects).values(project).returning();
    return row!;
  }

  async findRef(id: number): Promise<ProjectRef | undefined> {
    const [row] = await this.db.select({ id: projects.id, userId: projects.userId, status: projects.status, teamId: projects.teamId }).from(projects).where(eq(projects.id, id));
    return row;
  }

  async findAccessRef(id: number, userId: number): Promise<ProjectAccessRef | undefined> {
    const [row] = await this.db
      .select({ id: projects.id, userId: projects.userId, status: projects.status, teamId: projects.teamId, teamRole: teamMembers.role })
      .from(projects)
      .leftJoin(teamMembers, and(eq(teamMembers.teamId, projects.teamId), eq(teamMembers.userId, userId)))
      .where(eq(projects.id, id));
    return row;
  }

  async findById(id: number): Promise<ProjectRow | undefined> {
    const [row] = await this.db.select().from(projects).where(eq(projects.id, id));
    return row;
  }

  /** The user's own projects and those shared with their teams, newest first. */
  async listForUser(userId: number, filter: { status?: ProjectStatus | undefined }, page: PageRequest): Promise<Page<ProjectSummaryRow>> {
    const rows = filter.status
      ? await (this.listWithStatus ??= this.prepareList(true)).execute({ userId, status: filter.status, skip: page.skip, limit: page.limit })
      : await (this.listAll ??= this.prepareList(false)).execute({ userId, skip: page.skip, limit: page.limit });
    return toPage(rows, page, async () => (await this.db.select({ n: count() }).from(projects).where(this.listCondition(userId, filter.status)))[0]!.n);
  }

  private listCondition(userId: number | Placeholder, status: ProjectStatus | Placeholder | undefined): SQL {
    return and(
      or(eq(projects.userId, userId), inArray(projects.teamId, sql`(SELECT ${teamMembers.teamId} FROM ${teamMembers} WHERE ${teamMembers.userId} = ${userId})`)),
      status === undefined ? undefined : eq(projects.status, status),
    )!;
  }

  // The most requested list: prepared once, so neither drizzle nor PostgreSQL builds and plans it per request.
  private prepareList(withStatus: boolean) {
    return this.db
      .select({ ...summaryColumns, total: totalCount })
      .from(projects)
      .where(this.listCondition(sql.placeholder('userId'), withStatus ? sql.placeholder('status') : undefined))
      .orderBy(desc(projects.createdAt), desc(projects.id))
      .offset(sql.placeholder('skip'))
      .limit(sql.placeholder('limit'))
      .prepare(withStatus ? 'projects_list_by_status' : 'projects_list');
  }

  /** Applies the changes only while the project is still pending; undefined otherwise. */
  async updateIfPending(id: number, changes: ProjectChanges, db: Db = this.db): Promise<ProjectRow | undefined> {
    const [row] = await db
      .update(projects)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(projects.id, id), eq(projects.status, 'pending')))
      .returning();
    return row;
  }

  async setTeam(id: number, teamId: number | null, db: Db = this.db): Promise<ProjectRow | undefined> {
    const [row] = await db.update(projects).set({ teamId, updatedAt: new Date() }).where(eq(projects.id, id)).returning();
    return row;
  }

  /** Deletes the project with its files, versions and activities; returns the content hashes it referenced. */
  async delete(id: number, db: Db = this.db): Promise<string[]> {
    return db.transaction(async (tx) => {
      const hashes = await tx
        .selectDistinct({ sha256: fileVersions.sha256 })
        .from(fileVersions)
        .innerJoin(projectFiles, eq(projectFiles.id, fileVersions.fileId))
        .where(eq(projectFiles.projectId, id));
      await tx.delete(projects).where(eq(projects.id, id));
      return hashes.map((h) => h.sha256);
    });
  }
}
