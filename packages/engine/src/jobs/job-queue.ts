/** A workflow to execute or resume; plain data so a distributed queue can carry it. */
export interface WorkflowJob {
  projectId: number;
  userId: number;
  mode: 'execute' | 'resume';
  workflowId: string;
}

export type WorkflowJobHandler = (job: WorkflowJob, signal: AbortSignal) => Promise<void>;

/** Thrown by `enqueue` when the project already has a job queued or running (`PROJ_002`). */
export class ProjectBusyError extends Error {
  readonly code = 'PROJ_002';

  constructor(readonly projectId: number) {
    super(`project ${projectId} already has a workflow queued or running`);
    this.name = 'ProjectBusyError';
  }
}

/** Where `execute` and `resume` put their work; one job per project at a time. */
export interface JobQueue {
  enqueue(job: WorkflowJob): Promise<void>;
  /** Aborts the project's running job or drops its queued one; false when it has none. */
  cancel(projectId: number): Promise<boolean>;
  isActive(projectId: number): boolean;
  /** Resolves when the project's job has finished (at once when it has none). */
  settled(projectId: number): Promise<void>;
  /** Cancels everything and waits for running jobs to end. */
  close(): Promise<void>;
}

interface Entry {
  job: WorkflowJob;
  controller: AbortController;
  done: Promise<void>;
  finish: () => void;
  running: boolean;
}

/** The in-process queue: at most `concurrency` workflows run at once, the rest wait in order. */
export class InProcessJobQueue implements JobQueue {
  private readonly entries = new Map<number, Entry>();
  private readonly waiting: Entry[] = [];
  private runningCount = 0;
  private closed = false;

  constructor(private readonly handler: WorkflowJobHandler, private readonly options: { concurrency: number; onError?: (error: unknown, job: WorkflowJob) => void }) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new Error('concurrency must be a positive integer');
  }

  async enqueue(job: WorkflowJob): Promise<void> {
    if (this.closed) throw new Error('the job queue is closed');
    if (this.entries.has(job.projectId)) throw new ProjectBusyError(job.projectId);
    let finish = () => {};
    const done = new Promise<void>((resolve) => { finish = resolve; });
    const entry: Entry = { job, controller: new AbortController(), done, finish, running: false };
    this.entries.set(job.projectId, entry);
    this.waiting.push(entry);
    this.pump();
  }

  async cancel(projectId: number): Promise<boolean> {
    const entry = this.entries.get(projectId);
    if (!entry) return false;
    entry.controller.abort(new Error('the workflow was stopped'));
    if (!entry.running) {
      this.waiting.splice(this.waiting.indexOf(entry), 1);
      this.release(entry);
    }
    return true;
  }

  isActive(projectId: number): boolean {
    return this.entries.has(projectId);
  }

  /** Jobs running now and jobs waiting for a slot. */
  depth(): { running: number; queued: number } {
    return { running: this.runningCount, queued: this.waiting.length };
  }

  settled(projectId: number): Promise<void> {
    return this.entries.get(projectId)?.done ?? Promise.resolve();
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.entries.values()];
    await Promise.all(all.map((entry) => this.cancel(entry.job.projectId)));
    await Promise.all(all.map((entry) => entry.done));
  }

  private pump(): void {
    while (this.runningCount < this.options.concurrency && this.waiting.length > 0) {
      const entry = this.waiting.shift() as Entry;
      entry.running = true;
      this.runningCount++;
      this.handler(entry.job, entry.controller.signal)
        .catch((error: unknown) => this.options.onError?.(error, entry.job))
        .finally(() => {
          this.runningCount--;
          this.release(entry);
          this.pump();
        });
    }
  }

  private release(entry: Entry): void {
    if (this.entries.get(entry.job.projectId) === entry) this.entries.delete(entry.job.projectId);
    entry.finish();
  }
}
