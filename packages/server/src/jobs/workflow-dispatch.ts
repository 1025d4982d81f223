import PgBoss from 'pg-boss';
import type { WorkflowJob } from '@resoftai/engine';

/** A workflow job as it travels between processes: the run row it belongs to comes with it. */
export interface DispatchedJob extends WorkflowJob {
  runId: number;
}

const QUEUE = 'workflow-run';
// Recovery from a dead worker is the run rows' heartbeat (the sweep resumes the run from its checkpoint), so the queue
// itself never retries, and a job stays active for as long as a workflow may run.
const JOB_OPTIONS = { retryLimit: 0, expireInHours: 23 } as const;
const POLLING_INTERVAL_SECONDS = 0.5;

/**
 * Workflow jobs through pg-boss on the PostgreSQL database: any process sends, worker processes take them, each at
 * most `concurrency` at a time. pg-boss keeps its tables in its own `pgboss` schema.
 */
export class WorkflowDispatch {
  private readonly boss: PgBoss;
  private readonly workers: string[] = [];
  private started: Promise<void> | undefined;

  constructor(connectionString: string, options: { migrate: boolean; onError: (error: unknown) => void }) {
    this.boss = new PgBoss({
      connectionString, application_name: 'resoftai-jobs', max: 3, migrate: options.migrate, schedule: false,
    });
    this.boss.on('error', options.onError);
  }

  /** Connects (and, when allowed, installs or upgrades pg-boss's schema) and makes sure the queue exists. */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.boss.start();
      if (!(await this.boss.getQueue(QUEUE))) await this.boss.createQueue(QUEUE, { name: QUEUE, policy: 'standard', ...JOB_OPTIONS });
    })();
    return this.started;
  }

  async send(job: DispatchedJob): Promise<void> {
    await this.start();
    await this.boss.send(QUEUE, job, JOB_OPTIONS);
    // A worker in this process need not wait for its next poll.
    for (const worker of this.workers) this.boss.notifyWorker(worker);
  }

  /** Takes jobs with `concurrency` polling workers; each job stays active until its handler resolves. */
  async work(concurrency: number, handler: (job: DispatchedJob) => Promise<void>): Promise<void> {
    await this.start();
    for (let i = 0; i < concurrency; i += 1) {
      this.workers.push(await this.boss.work<DispatchedJob>(QUEUE, { batchSize: 1, pollingIntervalSeconds: POLLING_INTERVAL_SECONDS }, async ([job]) => {
        if (job) await handler(job.data);
      }));
    }
  }

  /** Stops taking jobs; the handlers still running finish on their own (the caller ends or checkpoints them). */
  async stopTaking(): Promise<void> {
    if (this.workers.length === 0) return;
    this.workers.length = 0;
    await this.boss.offWork(QUEUE);
  }

  /** Whether the queue answers, for readiness checks. */
  async check(): Promise<void> {
    await this.start();
    await this.boss.getQueueSize(QUEUE);
  }

  async close(): Promise<void> {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    await this.boss.stop({ graceful: false, wait: true, close: true });
  }
}
