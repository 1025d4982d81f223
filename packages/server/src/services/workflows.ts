import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  describeCheckpoint, InProcessJobQueue, newWorkflowId, ProcessSandbox, ProjectBusyError, resolveWorkflowConfig, type StageName,
  type WorkflowCheckpoint, WorkflowConfigError, type WorkflowEventName, type WorkflowHooks, type WorkflowJob, WorkflowRunner,
} from '@resoftai/engine';
import type { LlmClient } from '@resoftai/llm';
import type { Db } from '../db/client.ts';
import type { ProjectRepository, ProjectRow } from '../db/repositories/projects.ts';
import type { WorkflowRepository, WorkflowRunRow } from '../db/repositories/workflow.ts';
import type { ProjectStatus, WorkflowRunStatus } from '../db/schema/index.ts';
import type { WorkflowSettings } from '../config.ts';
import { AppError, badRequest, fieldError } from '../errors.ts';
import { type AuditChain, auditActor } from '../governance/audit-chain.ts';
import type { LlmClientFactory } from './llm-clients.ts';
import type { Principal } from './principal.ts';
import { type ProjectAccess, projectNotFound } from './project-access.ts';
import { staticCodeAnalyzer } from './project-code-analysis.ts';
import { quotaExceeded } from './quotas.ts';
import { DatabaseWorkflowStore, type WorkflowStoreDeps } from './workflow-store.ts';
import type { TurnClaims } from '../jobs/cluster-schedule.ts';
import type { DispatchedJob, WorkflowDispatch } from '../jobs/workflow-dispatch.ts';

export interface ExecuteView {
  project_id: number;
  workflow_id: string;
  status: 'running';
  current_stage: StageName;
  started_at: string;
}

export interface ResumeView {
  project_id: number;
  workflow_id: string;
  status: 'running';
  current_stage: StageName;
  resumed_at: string;
  checkpoint_stage: StageName | null;
}

export interface StopView {
  project_id: number;
  status: ProjectStatus;
  stopped_at: string;
}

/** A project's latest run as clients see it: how it ended and, when it failed, where and why. */
export interface WorkflowRunView {
  workflow_id: string;
  mode: 'execute' | 'resume';
  status: WorkflowRunStatus;
  started_at: string;
  ended_at: string | null;
  error_code: string | null;
  error_message: string | null;
  failed_stage: StageName | null;
  failed_agent: string | null;
}

export interface WorkflowEventView {
  seq: number;
  event: WorkflowEventName;
  data: Record<string, unknown>;
  created_at: string;
}

const toRunView = (row: WorkflowRunRow): WorkflowRunView => ({
  workflow_id: row.workflowId,
  mode: row.mode,
  status: row.status,
  started_at: row.startedAt.toISOString(),
  ended_at: (row.completedAt ?? row.stoppedAt)?.toISOString() ?? null,
  error_code: row.errorCode,
  error_message: row.error,
  // Written only from the engine's stage names.
  failed_stage: row.failedStage as StageName | null,
  failed_agent: row.failedAgent,
});

export interface WorkflowServiceOptions extends WorkflowSettings {
  /** Jobs through pg-boss (PostgreSQL), so any process sends and worker processes run; in this process when absent. */
  dispatch?: WorkflowDispatch | undefined;
  onError?: (error: unknown, context: { projectId: number }) => void;
  /** Gives the sweep for runs of dead processes to one process per heartbeat across the cluster; every beat sweeps when absent. */
  turns?: TurnClaims | undefined;
  /** The hooks of one run (the project owner's active plugins); none when absent. */
  hooks?: (run: { userId: number; projectId: number; workflowId: string }) => WorkflowHooks;
}

/** The LLM token quota of the organisation a project counts against. */
export interface LlmTokenQuota {
  /** Why no more model calls may be made for the project, or null while they may. Raises threshold alerts as it measures. */
  llmTokensExhausted(projectId: number): Promise<string | null>;
}

/** The owner of a run sent to the job queue that no worker has taken yet. */
export const QUEUED_OWNER = 'queued';
// A worker looks this often for stops asked by other processes while it runs workflows; a stop waits this long for the run to end.
const STOP_POLL_MS = 250;
const STOP_WAIT_MS = 30_000;
// A run whose heartbeat is older than this many intervals belongs to a dead process.
const STALE_HEARTBEATS = 4;

const alreadyRunning = (projectId: number): AppError => badRequest(`Project ${projectId} already has a running workflow`, 'PROJ_002');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Execute, stop and resume of projects' workflows through the in-process job queue; recovers runs of dead processes. */
export class WorkflowService {
  private readonly runner: WorkflowRunner;
  private readonly queue: InProcessJobQueue;
  /** This process's runs by project: the run row and the store its events go through. */
  private readonly active = new Map<number, { run: WorkflowRunRow; store: DatabaseWorkflowStore }>();
  /** `host:pid:boot`; the boot id tells this process from an earlier one that had the same pid. */
  private readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly heartbeatMs: number;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopPoll: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(
    private readonly projects: ProjectRepository,
    private readonly access: ProjectAccess,
    private readonly llmClients: LlmClientFactory,
    private readonly deps: WorkflowStoreDeps,
    private readonly tokenQuota: LlmTokenQuota,
    private readonly audit: AuditChain,
    private readonly options: WorkflowServiceOptions,
  ) {
    this.runner = new WorkflowRunner({ sandbox: options.runTests ? new ProcessSandbox() : undefined, analyzer: staticCodeAnalyzer, budget: options.budget });
    this.queue = new InProcessJobQueue((job, signal) => this.runJob(job, signal), {
      concurrency: options.concurrency,
      onError: (error, job) => options.onError?.(error, { projectId: job.projectId }),
    });
    this.heartbeatMs = options.heartbeatSeconds * 1000;
  }

  private get workflow(): WorkflowRepository {
    return this.deps.workflow;
  }

  async execute(principal: Principal, projectId: number): Promise<ExecuteView> {
    const project = await this.startable(principal, projectId);
    await this.llmFor(project);
    const workflowId = newWorkflowId();
    const job: WorkflowJob = { projectId, userId: project.userId, mode: 'execute', workflowId };
    const run = await this.workflow.transaction(async (tx) => {
      if (!(await this.workflow.claimProject(projectId, { progress: 0, currentStage: 'requirements_analysis', deliverables: {}, completedAt: null }, undefined, tx))) {
        throw alreadyRunning(projectId);
      }
      await this.workflow.deleteCheckpoint(projectId, tx);
      return this.createAuditedRun(principal, job, 'start', tx);
    });
    await this.enqueue(job, run);
    return { project_id: projectId, workflow_id: workflowId, status: 'running', current_stage: 'requirements_analysis', started_at: run.startedAt.toISOString() };
  }

  async resume(principal: Principal, projectId: number): Promise<ResumeView> {
    const project = await this.startable(principal, projectId);
    const checkpoint = await this.workflow.loadCheckpoint(projectId);
    if (!checkpoint) {
      throw badRequest('There is no checkpoint to resume from: the workflow never ran with checkpoints enabled, or it was never started', 'WORKFLOW_001');
    }
    const { workflowId, checkpointStage, nextStage } = describeCheckpoint(checkpoint as unknown as WorkflowCheckpoint);
    if (nextStage === null) throw badRequest('The workflow already finished every stage; execute it to start a new one', 'WORKFLOW_001');
    await this.llmFor(project);
    const job: WorkflowJob = { projectId, userId: project.userId, mode: 'resume', workflowId };
    const run = await this.workflow.transaction(async (tx) => {
      if (!(await this.workflow.claimProject(projectId, { currentStage: nextStage, completedAt: null }, undefined, tx))) throw alreadyRunning(projectId);
      return this.createAuditedRun(principal, job, 'resume', tx);
    });
    await this.enqueue(job, run);
    return { project_id: projectId, workflow_id: workflowId, status: 'running', current_stage: nextStage, resumed_at: run.startedAt.toISOString(), checkpoint_stage: checkpointStage };
  }

  /** The project's latest run; the caller has already been authorized to read the project. */
  async lastRun(projectId: number): Promise<WorkflowRunView | null> {
    const row = await this.workflow.latestRun(projectId);
    return row ? toRunView(row) : null;
  }

  /** The stored event history after `since`, the same events a socket subscription replays. */
  async events(principal: Principal, projectId: number, since: number, limit: number): Promise<WorkflowEventView[]> {
    await this.access.require(principal, projectId, 'read');
    const rows = await this.workflow.eventsSince(projectId, since, limit);
    // Stored only by the workflow store, from the engine's event names.
    return rows.map((row) => ({ seq: row.seq, event: row.type as WorkflowEventName, data: row.payload, created_at: row.createdAt.toISOString() }));
  }

  /** Aborts the running workflow (in-flight model calls included) and waits for it to end. */
  async stop(principal: Principal, projectId: number): Promise<StopView> {
    await this.access.require(principal, projectId, 'write');
    const entry = { ...auditActor(principal), entity: 'workflow', action: 'stop', resourceId: projectId };
    if (this.queue.isActive(projectId)) {
      // Written before the abort: an aborted run ends by itself, so a stop whose entry fails must not have begun.
      await this.audit.append({ ...entry, payload: { from_status: 'running' } });
      await this.queue.cancel(projectId);
      await this.queue.settled(projectId);
    } else if (this.options.dispatch && (await this.workflow.latestRun(projectId))?.status === 'running') {
      await this.audit.append({ ...entry, payload: { from_status: 'running' } });
      await this.stopElsewhere(projectId);
    } else {
      const project = await this.projects.findRef(projectId);
      if (project?.status !== 'interrupted') throw badRequest(`Project ${projectId} has no running workflow`);
      // An interrupted run is not resumed after a stop.
      await this.workflow.transaction(async (tx) => {
        await this.workflow.updateProject(projectId, { status: 'cancelled' }, tx);
        await this.audit.append({ ...entry, payload: { from_status: 'interrupted' } }, tx);
      });
      await this.announceStatus(projectId, 'cancelled');
    }
    const project = await this.projects.findRef(projectId);
    if (!project) throw projectNotFound();
    return { project_id: projectId, status: project.status, stopped_at: new Date().toISOString() };
  }

  /** Ends this process's run of a project that is being deleted (authorized by the caller). */
  async abandon(projectId: number): Promise<void> {
    if (await this.queue.cancel(projectId)) return this.queue.settled(projectId);
    if (this.options.dispatch && (await this.workflow.latestRun(projectId))?.status === 'running') await this.stopElsewhere(projectId);
  }

  /** Marks runs of dead processes interrupted and (when configured) resumes every interrupted run; then keeps checking. */
  async recover(): Promise<void> {
    await this.sweep();
    this.heartbeat = setInterval(() => {
      this.beat().catch((error: unknown) => this.options.onError?.(error, { projectId: 0 }));
    }, this.heartbeatMs);
    this.heartbeat.unref();
    const dispatch = this.options.dispatch;
    if (!dispatch || !this.options.worker) return;
    await dispatch.work(this.options.concurrency, (job) => this.runDispatched(job));
    this.stopPoll = setInterval(() => {
      this.stopRequested().catch((error: unknown) => this.options.onError?.(error, { projectId: 0 }));
    }, STOP_POLL_MS);
    this.stopPoll.unref();
  }

  /** Stops taking work; running workflows end `interrupted`, to be resumed by the next start. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    await this.options.dispatch?.stopTaking();
    clearInterval(this.stopPoll);
    await this.queue.close();
    await this.options.dispatch?.close();
  }

  /** Whether this process is running the project's workflow. */
  isRunning(projectId: number): boolean {
    return this.queue.isActive(projectId);
  }

  /** This process's workflows running and waiting for a slot. */
  queueDepth(): { running: number; queued: number } {
    return this.queue.depth();
  }

  /** Resolves when this process's run of the project has ended. */
  settled(projectId: number): Promise<void> {
    return this.queue.settled(projectId);
  }

  private async beat(): Promise<void> {
    await this.workflow.touchRuns([...this.active.values()].map((entry) => entry.run.id));
    if (!this.options.turns || (await this.options.turns.claim('workflow_sweep', this.heartbeatMs))) await this.sweep();
  }

  private isOrphan(run: WorkflowRunRow): boolean {
    if (run.owner === this.owner || run.owner === QUEUED_OWNER) return false;
    const [host, pid] = run.owner.split(':');
    if (host === hostname()) return Number(pid) === process.pid || !isAlive(Number(pid));
    return Date.now() - run.heartbeatAt.getTime() > STALE_HEARTBEATS * this.heartbeatMs;
  }

  private async sweep(): Promise<void> {
    for (const run of await this.workflow.findRunning()) {
      if (this.closing || !this.isOrphan(run) || !(await this.workflow.interruptRun(run.id))) continue;
      await this.setStatus(run.projectId, 'interrupted');
    }
    if (!this.options.autoResume) return;
    for (const run of await this.workflow.findInterrupted()) {
      if (this.closing) return;
      await this.restart(run).catch((error: unknown) => this.options.onError?.(error, { projectId: run.projectId }));
    }
  }

  /** Continues an interrupted run from its checkpoint, or from the start when it never saved one. */
  private async restart(run: WorkflowRunRow): Promise<void> {
    const checkpoint = await this.workflow.loadCheckpoint(run.projectId);
    const workflowId = checkpoint ? describeCheckpoint(checkpoint as unknown as WorkflowCheckpoint).workflowId : run.workflowId;
    const job: WorkflowJob = { projectId: run.projectId, userId: run.userId, mode: checkpoint ? 'resume' : 'execute', workflowId };
    const restarted = await this.workflow.transaction(async (tx) => {
      if (!(await this.workflow.claimProject(run.projectId, {}, 'interrupted', tx))) return undefined;
      return this.createAuditedRun(null, job, checkpoint ? 'resume' : 'start', tx);
    });
    if (restarted) await this.enqueue(job, restarted);
  }

  /** The project when it exists for the caller, is not running, has a valid config and LLM tokens left (403 PROJ_003). */
  private async startable(principal: Principal, projectId: number): Promise<ProjectRow> {
    await this.access.require(principal, projectId, 'write');
    const project = await this.projects.findById(projectId);
    if (!project) throw projectNotFound();
    if (project.status === 'running' || this.queue.isActive(projectId)) throw alreadyRunning(projectId);
    const exhausted = await this.tokenQuota.llmTokensExhausted(projectId);
    if (exhausted) throw quotaExceeded(exhausted);
    try {
      resolveWorkflowConfig(project.config, this.options.budget);
    } catch (error) {
      if (error instanceof WorkflowConfigError) throw fieldError(422, ['body', 'config', ...error.field.split('.')], error.message);
      throw error;
    }
    return project;
  }

  /** The project's LLM config, else the owner's default; a missing or unusable one is LLM_002 (422). */
  private async llmFor(project: ProjectRow): Promise<LlmClient> {
    try {
      return await this.llmClients.forOwner(project.userId, project.llmConfigId ?? 'default');
    } catch (error) {
      if (error instanceof AppError && error.statusCode === 404) {
        throw new AppError(422, `The project's LLM config ${project.llmConfigId} no longer exists`, { errorCode: 'LLM_002' });
      }
      throw error;
    }
  }

  /** Sets a status the runner did not (it was not running) and tells subscribers with a `project_update`. */
  private async setStatus(projectId: number, status: 'interrupted' | 'cancelled' | 'failed', store = new DatabaseWorkflowStore(projectId, this.deps)): Promise<void> {
    await this.workflow.updateProject(projectId, { status });
    await this.announceStatus(projectId, status, store);
  }

  private async announceStatus(projectId: number, status: 'interrupted' | 'cancelled' | 'failed', store = new DatabaseWorkflowStore(projectId, this.deps)): Promise<void> {
    const project = await this.projects.findById(projectId);
    if (!project) return;
    await store.emit({ event: 'project_update', data: { project_id: projectId, status, progress: project.progress, current_stage: project.currentStage as StageName | null } });
  }

  /** The run row and its audit entry, in the transaction that claimed the project; no principal when the server restarts a run itself. */
  private async createAuditedRun(principal: Principal | null, job: WorkflowJob, action: 'start' | 'resume', tx: Db): Promise<WorkflowRunRow> {
    const run = await this.workflow.createRun({ ...job, owner: this.options.dispatch ? QUEUED_OWNER : this.owner }, tx);
    await this.audit.append({
      ...(principal ? auditActor(principal) : { actorId: null }), entity: 'workflow', action, resourceId: job.projectId,
      payload: { workflow_id: job.workflowId, ...(principal ? {} : { automatic: true }) },
    }, tx);
    return run;
  }

  private async enqueue(job: WorkflowJob, run: WorkflowRunRow): Promise<void> {
    if (this.options.dispatch) {
      try {
        return await this.options.dispatch.send({ ...job, runId: run.id });
      } catch (error) {
        await this.workflow.finishRun(run.id, 'failed', `the job queue refused the workflow: ${(error as Error).message}`);
        await this.setStatus(job.projectId, 'failed');
        throw error;
      }
    }
    this.active.set(job.projectId, { run, store: new DatabaseWorkflowStore(job.projectId, this.deps) });
    try {
      await this.queue.enqueue(job);
    } catch (error) {
      this.active.delete(job.projectId);
      await this.workflow.finishRun(run.id, 'failed', (error as Error).message);
      await this.setStatus(job.projectId, 'failed');
      throw error instanceof ProjectBusyError ? alreadyRunning(job.projectId) : error;
    }
  }

  /** A job a worker took from the queue: runs it here unless it was cancelled, finished or taken meanwhile. */
  private async runDispatched(job: DispatchedJob): Promise<void> {
    if (this.closing) return;
    const run = await this.workflow.claimRun(job.runId, QUEUED_OWNER, this.owner);
    if (!run) return;
    const { runId: _runId, ...workflowJob } = job;
    this.active.set(job.projectId, { run, store: new DatabaseWorkflowStore(job.projectId, this.deps) });
    try {
      await this.queue.enqueue(workflowJob);
    } catch (error) {
      this.active.delete(job.projectId);
      await this.workflow.finishRun(run.id, 'failed', (error as Error).message);
      await this.setStatus(job.projectId, 'failed');
      return;
    }
    await this.queue.settled(job.projectId);
  }

  /** Aborts this worker's runs that another process was asked to stop. */
  private async stopRequested(): Promise<void> {
    if (this.active.size === 0) return;
    for (const projectId of await this.workflow.stopRequestsFor(this.owner)) await this.queue.cancel(projectId);
  }

  /** Stops a run another process owns: a queued one is cancelled here, a running one is asked to stop and awaited. */
  private async stopElsewhere(projectId: number): Promise<void> {
    const run = await this.workflow.latestRun(projectId);
    if (!run || run.status !== 'running') return;
    if (await this.workflow.cancelQueuedRun(run.id, QUEUED_OWNER)) return this.setStatus(projectId, 'cancelled');
    await this.workflow.requestStop(run.id);
    for (const deadline = Date.now() + STOP_WAIT_MS; Date.now() < deadline;) {
      if ((await this.workflow.findRun(run.id))?.status !== 'running') return;
      await new Promise((resolve) => setTimeout(resolve, STOP_POLL_MS / 2));
    }
  }

  private async runJob(job: WorkflowJob, signal: AbortSignal): Promise<void> {
    const entry = this.active.get(job.projectId);
    if (!entry) return;
    const { run, store } = entry;
    const hooks = this.options.hooks?.({ userId: job.userId, projectId: job.projectId, workflowId: job.workflowId });
    try {
      const project = await this.projects.findById(job.projectId);
      if (!project) return;
      const outcome = await this.runner.run({
        projectId: job.projectId,
        userId: project.userId,
        requirements: project.requirements,
        config: project.config,
        llm: await this.llmFor(project),
        store,
        hooks,
        signal,
        resume: job.mode === 'resume',
        workflowId: job.workflowId,
        allowance: { exhausted: () => this.tokenQuota.llmTokensExhausted(job.projectId) },
      });
      if (outcome.status === 'cancelled' && this.closing) {
        await this.setStatus(job.projectId, 'interrupted', store);
        await this.workflow.finishRun(run.id, 'interrupted', 'the server shut down');
      } else {
        await this.workflow.finishRun(run.id, outcome.status, outcome.errorMessage, { errorCode: outcome.errorCode, stage: outcome.failedStage, agent: outcome.failedAgent });
      }
    } catch (error) {
      // Failed before the runner could report it (the LLM config went away, the config became invalid).
      const message = (error as Error).message;
      const errorCode = (error as { errorCode?: string }).errorCode ?? 'WORKFLOW_001';
      await this.workflow.finishRun(run.id, 'failed', message, { errorCode });
      await this.setStatus(job.projectId, 'failed', store);
      const failed = { project_id: job.projectId, workflow_id: job.workflowId, stage: null, agent: null, error_code: errorCode, error_message: message };
      await store.emit({ event: 'workflow_failed', data: failed });
      await hooks?.workflowFailed(failed);
    } finally {
      this.active.delete(job.projectId);
      // Measures the run's last calls too, so a threshold they crossed is alerted now.
      await this.tokenQuota.llmTokensExhausted(job.projectId).catch((error: unknown) => this.options.onError?.(error, { projectId: job.projectId }));
    }
  }
}
