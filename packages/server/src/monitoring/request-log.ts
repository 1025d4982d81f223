import type { MonitoringRepository, NewHttpRequest } from '../db/repositories/monitoring.ts';

export interface RequestLogOptions {
  /** How often buffered records are written. */
  flushIntervalMs: number;
  onError: (error: unknown) => void;
}

// Rows per INSERT: bounds how long one write holds the embedded database (about 15 ms for 1000 rows).
const BATCH_ROWS = 1000;

/**
 * Keeps one record per answered request and writes them in batches (every `flushIntervalMs`, at once when a
 * batch is full, and on close), so the request figures survive restarts without a write per request.
 */
export class RequestLog {
  private buffer: NewHttpRequest[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly repository: MonitoringRepository, private readonly options: RequestLogOptions) {}

  record(request: NewHttpRequest): void {
    this.buffer.push(request);
    if (this.buffer.length >= BATCH_ROWS) void this.flush();
  }

  /** Resolves once every record taken so far is stored. */
  flush(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    this.writing = this.writing.then(async () => {
      for (let start = 0; start < batch.length; start += BATCH_ROWS) {
        await this.repository.insertRequests(batch.slice(start, start + BATCH_ROWS)).catch(this.options.onError);
      }
    });
    return this.writing;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
