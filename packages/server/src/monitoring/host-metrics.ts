import { statfs } from 'node:fs/promises';
import { cpus, freemem, totalmem } from 'node:os';

interface CpuSample {
  at: number;
  busy: number;
  total: number;
}

// Shorter intervals between CPU samples say more about scheduling noise than about load.
const MIN_SAMPLE_MS = 1000;

function sampleCpu(): CpuSample {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { at: Date.now(), busy, total };
}

const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((10_000 * part) / whole) / 100 : 0);

/** CPU, memory and disk use of the host, as the operating system reports them. */
export class HostMetrics {
  private previous = sampleCpu();
  private lastCpuPercent: number | undefined;

  /** `diskPath` is a directory on the volume whose use is reported. */
  constructor(private readonly diskPath: () => string) {}

  /** Busy share of all cores between the previous sample (at least a second old) and now. */
  cpuUsagePercent(): number {
    const now = sampleCpu();
    if (this.lastCpuPercent !== undefined && now.at - this.previous.at < MIN_SAMPLE_MS) return this.lastCpuPercent;
    this.lastCpuPercent = percent(now.busy - this.previous.busy, now.total - this.previous.total);
    this.previous = now;
    return this.lastCpuPercent;
  }

  /** Memory not available to new processes (the kernel's MemAvailable counts as free). */
  memoryUsagePercent(): number {
    const total = totalmem();
    return percent(total - freemem(), total);
  }

  /** Used share of the space ordinary users may fill, as `df` computes it. */
  async diskUsagePercent(): Promise<number> {
    const stats = await statfs(this.diskPath());
    const used = stats.blocks - stats.bfree;
    return percent(used, used + stats.bavail);
  }
}
