// Preloaded into the measured process: records its peak RSS and CPU time when it exits.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const target = process.env.RESOFTAI_BENCH_USAGE_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssBytes: usage.maxRSS * 1024, cpuMicros: usage.userCPUTime + usage.systemCPUTime }));
  });
}
