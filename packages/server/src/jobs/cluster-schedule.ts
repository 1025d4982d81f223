/** Decides which process takes a periodic job's turn (PeriodicRunRepository). */
export interface TurnClaims {
  claim(name: string, intervalMs: number): Promise<boolean>;
}

/**
 * A periodic job that runs once per turn across the cluster: every process keeps a timer, and at each tick the one
 * that claims the turn in the database runs the task (the others skip it). One process alone takes every turn.
 */
export class ClusterSchedule {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly claims: TurnClaims,
    private readonly task: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runIfDue().catch(this.onError), this.intervalMs);
    // A schedule must never keep a process alive on its own.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Runs the task when no process ran it within the interval; whether it ran here. */
  async runIfDue(): Promise<boolean> {
    if (!(await this.claims.claim(this.name, this.intervalMs))) return false;
    await this.task();
    return true;
  }
}
