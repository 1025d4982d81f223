// bench:workflow — engine overhead, sequential vs adaptive, and 100 concurrent workflows,
// all against the fake provider server (DeepSeek wire format) with a scripted 20-file project.
import { availableParallelism, loadavg } from 'node:os';
import { createLlmClient } from '@resoftai/llm';
import { startFakeProviderServer, type FakeProviderServer } from '@resoftai/llm/testing';
import { InProcessJobQueue } from '../src/jobs/job-queue.ts';
import { ProcessSandbox } from '../src/sandbox/process-sandbox.ts';
import type { Sandbox } from '../src/sandbox/types.ts';
import { MemoryWorkflowStore, scriptedProject } from '../src/testing/index.ts';
import { WorkflowRunner, type WorkflowOutcome } from '../src/workflow/runner.ts';

const FILES = 20;
const REQUIREMENT = 'Build a calculation library with one module per computation, each with a test.';

function client(fake: FakeProviderServer) {
  return createLlmClient({ provider: 'deepseek', apiKey: 'sk-bench', apiBase: fake.baseUrlFor('deepseek'), maxConcurrency: 32, retryBaseDelayMs: 10 });
}

async function runOnce(fake: FakeProviderServer, projectId: number, config: Record<string, unknown>, sandbox?: Sandbox): Promise<{ outcome: WorkflowOutcome; ms: number; store: MemoryWorkflowStore }> {
  const store = new MemoryWorkflowStore();
  const started = performance.now();
  const outcome = await new WorkflowRunner().run({
    projectId, userId: 1, requirements: REQUIREMENT, config: { enable_cache: false, ...config }, llm: client(fake), store, sandbox,
  });
  if (outcome.status !== 'completed') throw new Error(`workflow ${projectId} ended ${outcome.status}: ${outcome.errorMessage}`);
  return { outcome, ms: performance.now() - started, store };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const fmt = (ms: number) => ms.toFixed(0);

async function overhead(fake: FakeProviderServer): Promise<void> {
  fake.respondWith(scriptedProject({ modules: FILES, stack: 'python' }));
  await runOnce(fake, 0, {});
  const engineOnly: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let round = 0; round < 5; round++) engineOnly.push((await runOnce(fake, round, {})).ms);
  const cpu = process.cpuUsage(cpuBefore);
  const sandbox = new ProcessSandbox();
  const withTests = await runOnce(fake, 99, {}, sandbox);
  const testMs = withTests.store.activities.filter((activity) => activity.agent_name === 'TestEngineerAgent' && activity.input_data.stack !== undefined)
    .reduce((sum, activity) => sum + activity.execution_time_seconds * 1000, 0);
  console.log('\n(a) 0 ms latency, one workflow with a 20-file plan (adaptive)');
  console.log(`| measure | ms |\n|---|---|`);
  console.log(`| end to end, no sandbox (median of 5) | ${fmt(median(engineOnly))} |`);
  console.log(`| CPU per workflow, no sandbox (engine + LLM layer + fake server, mean of 5) | ${fmt((cpu.user + cpu.system) / 1000 / 5)} |`);
  console.log(`| end to end, tests run in the sandbox | ${fmt(withTests.ms)} |`);
  console.log(`| of which the sandbox's pytest run | ${fmt(testMs)} |`);
  console.log(`model calls per workflow: ${fake.requests.length / 7}`);
}

async function strategies(fake: FakeProviderServer): Promise<void> {
  fake.respondWith(scriptedProject({ modules: FILES, stack: 'python', delayMs: 200 }));
  const sequential = await runOnce(fake, 1, { execution_strategy: 'sequential' });
  const parallel = await runOnce(fake, 2, { execution_strategy: 'parallel' });
  const adaptive = await runOnce(fake, 3, { execution_strategy: 'adaptive' });
  console.log('\n(b) 200 ms latency per call, 20-file plan, no sandbox');
  console.log('| strategy | wall time (ms) | peak files at once | speed-up over sequential |\n|---|---|---|---|');
  for (const [name, run] of [['sequential', sequential], ['parallel', parallel], ['adaptive', adaptive]] as const) {
    console.log(`| ${name} | ${fmt(run.ms)} | ${run.outcome.peakFileConcurrency} | ${(sequential.ms / run.ms).toFixed(2)}× |`);
  }
}

async function concurrent(fake: FakeProviderServer, count: number): Promise<void> {
  fake.respondWith(scriptedProject({ modules: FILES, stack: 'python' }));
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);
  const outcomes: WorkflowOutcome[] = [];
  const failures: unknown[] = [];
  const queue = new InProcessJobQueue(async (job) => {
    outcomes.push((await runOnce(fake, job.projectId, {})).outcome);
  }, { concurrency: count, onError: (error) => failures.push(error) });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let id = 1; id <= count; id++) await queue.enqueue({ projectId: id, userId: 1, mode: 'execute', workflowId: `wf_bench_${id}` });
  await Promise.all(Array.from({ length: count }, (_, index) => queue.settled(index + 1)));
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.log(`\n(c) ${count} workflows at once in one process (0 ms latency, 20-file plan, no sandbox)`);
  console.log(`completed ${outcomes.filter((outcome) => outcome.status === 'completed').length} of ${count}, failures ${failures.length}`);
  console.log(`wall time ${fmt(wall)} ms; CPU time ${fmt((cpu.user + cpu.system) / 1000)} ms; RSS before ${(rssBefore / 2 ** 20).toFixed(1)} MiB, peak ${(peakRss / 2 ** 20).toFixed(1)} MiB; max RSS (getrusage) ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB`);
  if (failures.length > 0) throw failures[0];
}

const fake = await startFakeProviderServer();
console.log(`Workflow engine benchmark — node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} CPUs, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
try {
  await overhead(fake);
  fake.reset();
  await strategies(fake);
  fake.reset();
  await concurrent(fake, 100);
} finally {
  await fake.close();
}
