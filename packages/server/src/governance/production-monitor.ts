/** Periodically checks the production profile against its SLOs (the check opens a demotion request on a breach). */
export class ProductionMonitor {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly check: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check().catch(this.onError), this.intervalMs);
    // The monitor must never keep a process alive on its own.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
