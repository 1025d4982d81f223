import type { StageName } from '@resoftai/engine';
import { and, asc, desc, eq, gt, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type ProjectStatus, projects, workflowArtifacts, workflowCheckpoints, workflowEvents, workflowRuns, type WorkflowRunStatus } from '../schema/index.ts';

export type WorkflowRunRow = typeof workflowRuns.$inferSelect;
export type NewWorkflowRun = Pick<typeof workflowRuns.$inferInsert, 'workflowId' | 'projectId' | 'userId' | 'mode' | 'owner'>;
export type WorkflowEventRow = typeof workflowEvents.$inferSelect;

export interface RunFailure {
  errorCode?: string | null;
  stage?: string | null;
  agent?: string | null;
}

export interface ProjectWorkflowState {
  status?: ProjectStatus;
  progress?: number;
  currentStage?: StageName | null;
  deliverables?: Record<string, unknown>;
  completedAt?: Date | null;
}

/** Workflow runs, checkpoints, artifacts, numbered events and the project columns a workflow keeps current. */
export class WorkflowRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Marks the project running unless it already is (or, with `from`, only when it has that status); false otherwise. */
  async claimProject(projectId: number, state: ProjectWorkflowState, from?: ProjectStatus, db: Db = this.db): Promise<boolean> {
    const rows = await db
      .update(projects)
      .set({ ...state, status: 'running', updatedAt: new Date() })
      .where(and(eq(projects.id, projectId), from === undefined ? ne(projects.status, 'running') : eq(projects.status, from)))
      .returning({ id: projects.id });
    return rows.length === 1;
  }

  async updateProject(projectId: number, state: ProjectWorkflowState, db: Db = this.db): Promise<void> {
    await db.update(projects).set({ ...state, updatedAt: new Date() }).where(eq(projects.id, projectId));
  }

  async createRun(run: NewWorkflowRun, db: Db = this.db): Promise<WorkflowRunRow> {
    const [row] = await db.insert(workflowRuns).values(run).returning();
    return row!;
  }

  async finishRun(id: number, status: WorkflowRunStatus, error: string | null, failure: RunFailure = {}): Promise<void> {
    const now = new Date();
    await this.db
      .update(workflowRuns)
      .set({
        status, error, errorCode: failure.errorCode ?? null, failedStage: failure.stage ?? null, failedAgent: failure.agent ?? null,
        ...(status === 'completed' ? { completedAt: now } : { stoppedAt: now }),
      })
      .where(eq(workflowRuns.id, id));
  }

  /** The project's most recent run, if it ever ran. */
  async latestRun(projectId: number): Promise<WorkflowRunRow | undefined> {
    const [row] = await this.db.select().from(workflowRuns).where(eq(workflowRuns.projectId, projectId)).orderBy(desc(workflowRuns.id)).limit(1);
    return row;
  }

  async findRunning(): Promise<WorkflowRunRow[]> {
    return this.db.select().from(workflowRuns).where(eq(workflowRuns.status, 'running')).orderBy(asc(workflowRuns.id));
  }

  /** The last run of each project that is still `interrupted` (stopped by a shutdown or a dead process). */
  async findInterrupted(): Promise<WorkflowRunRow[]> {
    const rows = await this.db
      .select({ run: workflowRuns })
      .from(workflowRuns)
      .innerJoin(projects, eq(projects.id, workflowRuns.projectId))
      .where(and(eq(workflowRuns.status, 'interrupted'), eq(projects.status, 'interrupted')))
      .orderBy(desc(workflowRuns.id));
    const latest = new Map<number, WorkflowRunRow>();
    for (const { run } of rows) if (!latest.has(run.projectId)) latest.set(run.projectId, run);
    return [...latest.values()];
  }

  async touchRuns(ids: number[]): Promise<void> {
    if (ids.length > 0) await this.db.update(workflowRuns).set({ heartbeatAt: new Date() }).where(inArray(workflowRuns.id, ids));
  }

  /** Makes a queued run this process's; false when it is gone, finished or already taken (a duplicate delivery). */
  async claimRun(id: number, queuedOwner: string, owner: string): Promise<WorkflowRunRow | undefined> {
    const [row] = await this.db
      .update(workflowRuns)
      .set({ owner, heartbeatAt: new Date() })
      .where(and(eq(workflowRuns.id, id), eq(workflowRuns.status, 'running'), eq(workflowRuns.owner, queuedOwner)))
      .returning();
    return row;
  }

  /** Cancels a run no worker has taken yet; false when one has (it must be asked to stop instead). */
  async cancelQueuedRun(id: number, queuedOwner: string): Promise<boolean> {
    const rows = await this.db
      .update(workflowRuns)
      .set({ status: 'cancelled', stoppedAt: new Date() })
      .where(and(eq(workflowRuns.id, id), eq(workflowRuns.status, 'running'), eq(workflowRuns.owner, queuedOwner)))
      .returning({ id: workflowRuns.id });
    return rows.length === 1;
  }

  async requestStop(id: number): Promise<void> {
    await this.db.update(workflowRuns).set({ stopRequestedAt: new Date() }).where(and(eq(workflowRuns.id, id), eq(workflowRuns.status, 'running')));
  }

  /** The projects of this owner's running runs that another process asked to stop. */
  async stopRequestsFor(owner: string): Promise<number[]> {
    const rows = await this.db
      .select({ projectId: workflowRuns.projectId })
      .from(workflowRuns)
      .where(and(eq(workflowRuns.owner, owner), eq(workflowRuns.status, 'running'), isNotNull(workflowRuns.stopRequestedAt)));
    return rows.map((row) => row.projectId);
  }

  async findRun(id: number): Promise<WorkflowRunRow | undefined> {
    const [row] = await this.db.select().from(workflowRuns).where(eq(workflowRuns.id, id));
    return row;
  }

  /** Marks a running run interrupted; false when it is no longer running (another process took it). */
  async interruptRun(id: number): Promise<boolean> {
    const rows = await this.db
      .update(workflowRuns)
      .set({ status: 'interrupted', stoppedAt: new Date(), error: 'the process running the workflow stopped' })
      .where(and(eq(workflowRuns.id, id), eq(workflowRuns.status, 'running')))
      .returning({ id: workflowRuns.id });
    return rows.length === 1;
  }

  async saveCheckpoint(projectId: number, workflowId: string, data: Record<string, unknown>): Promise<void> {
    const updatedAt = new Date();
    await this.db
      .insert(workflowCheckpoints)
      .values({ projectId, workflowId, data, updatedAt })
      .onConflictDoUpdate({ target: workflowCheckpoints.projectId, set: { workflowId, data, updatedAt } });
  }

  async loadCheckpoint(projectId: number): Promise<Record<string, unknown> | undefined> {
    const [row] = await this.db.select({ data: workflowCheckpoints.data }).from(workflowCheckpoints).where(eq(workflowCheckpoints.projectId, projectId));
    return row?.data;
  }

  async deleteCheckpoint(projectId: number, db: Db = this.db): Promise<void> {
    await db.delete(workflowCheckpoints).where(eq(workflowCheckpoints.projectId, projectId));
  }

  async saveArtifact(projectId: number, stage: string, name: string, content: string): Promise<void> {
    const updatedAt = new Date();
    await this.db
      .insert(workflowArtifacts)
      .values({ projectId, stage, name, content, updatedAt })
      .onConflictDoUpdate({ target: [workflowArtifacts.projectId, workflowArtifacts.stage, workflowArtifacts.name], set: { content, updatedAt } });
  }

  async listArtifacts(projectId: number): Promise<Array<typeof workflowArtifacts.$inferSelect>> {
    return this.db.select().from(workflowArtifacts).where(eq(workflowArtifacts.projectId, projectId)).orderBy(asc(workflowArtifacts.stage), asc(workflowArtifacts.name));
  }

  /** Stores an event under the project's next sequence number (callers append one at a time per project). */
  async appendEvent(projectId: number, type: string, payload: Record<string, unknown>): Promise<WorkflowEventRow> {
    const next = sql<number>`(select coalesce(max(${workflowEvents.seq}), 0) + 1 from ${workflowEvents} where ${workflowEvents.projectId} = ${projectId})`;
    const [row] = await this.db.insert(workflowEvents).values({ projectId, seq: next, type, payload }).returning();
    return row!;
  }

  /** The project's latest sequence number; 0 before its first event. */
  async lastEventSeq(projectId: number): Promise<number> {
    const [row] = await this.db.select({ seq: sql<number>`coalesce(max(${workflowEvents.seq}), 0)::int` }).from(workflowEvents).where(eq(workflowEvents.projectId, projectId));
    return row?.seq ?? 0;
  }

  /** The project's events after `since`, oldest first; at most `limit` of them when given. */
  async eventsSince(projectId: number, since: number, limit?: number): Promise<WorkflowEventRow[]> {
    const query = this.db
      .select()
      .from(workflowEvents)
      .where(and(eq(workflowEvents.projectId, projectId), gt(workflowEvents.seq, since)))
      .orderBy(asc(workflowEvents.seq));
    return limit === undefined ? query : query.limit(limit);
  }
}
