// Overhead of the LLM layer over a bare HTTP call, against the fake provider server with no latency.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createLlmClient, LlmCallError, type UsageRecord } from '../src/index.ts';
import { startFakeProviderServer } from '../src/testing/index.ts';

const CALLS = 1000;
const CONCURRENCY = 50;
const ROUNDS = 5;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `calls` calls of `one` with `concurrency` in flight; returns per-call latency and CPU time. */
async function run(calls: number, concurrency: number, one: () => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < calls) {
      next++;
      const t0 = performance.now();
      await one();
      latencies.push(performance.now() - t0);
    }
  }));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return { median: percentile(latencies, 50), p99: percentile(latencies, 99), cpuUsPerCall: (cpu.user + cpu.system) / calls, wallMs };
}

const fake = await startFakeProviderServer({ defaultReply: { text: 'Hello! How can I assist you today?', usage: { promptTokens: 12, completionTokens: 9 } } });
const baseUrl = fake.baseUrlFor('deepseek');
const records: UsageRecord[] = [];
const client = createLlmClient(
  { provider: 'deepseek', apiKey: 'sk-bench', apiBase: baseUrl, maxConcurrency: CONCURRENCY },
  { usage: { record: async (entry) => { records.push(entry); } } },
);
const messages = [{ role: 'user' as const, content: 'Say hello' }];
const body = JSON.stringify({ model: 'deepseek-chat', messages });

const rawCall = async () => {
  const response = await fetch(`${baseUrl}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer sk-bench', 'content-type': 'application/json' }, body });
  const parsed = (await response.json()) as { choices: Array<{ message: { content: string } }> };
  if (!parsed.choices[0]?.message.content) throw new Error('bad reply');
};
const layerCall = () => client.generate({ messages, context: { projectId: 1, stage: 'bench' } });
const keepOnlyRecentRecords = () => { records.length = 0; fake.requests.length = 0; };

// Memory: layer calls only, after one warm-up round so JIT and heap sizing have settled.
await run(CALLS, CONCURRENCY, layerCall);
keepOnlyRecentRecords();
gc();
const before = process.memoryUsage();
let peakRss = before.rss;
for (let round = 0; round < ROUNDS; round++) {
  await run(CALLS, CONCURRENCY, layerCall);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  keepOnlyRecentRecords();
  // Collect between rounds, so the reading shows what is retained rather than V8's garbage high-water.
  gc();
}
gc();
const afterRounds = process.memoryUsage();

// Overhead: alternating rounds of bare fetch and layer calls.
await run(CALLS, CONCURRENCY, rawCall);

const rounds: Array<{ raw: Awaited<ReturnType<typeof run>>; layer: Awaited<ReturnType<typeof run>> }> = [];
for (let round = 0; round < ROUNDS; round++) {
  const raw = await run(CALLS, CONCURRENCY, rawCall);
  const layer = await run(CALLS, CONCURRENCY, layerCall);
  if (records.length !== CALLS) throw new Error(`expected ${CALLS} usage records, got ${records.length}`);
  keepOnlyRecentRecords();
  rounds.push({ raw, layer });
}

const sequentialRaw = await run(300, 1, rawCall);
const sequentialLayer = await run(300, 1, layerCall);
keepOnlyRecentRecords();

// Cancel latency: abort() of a call whose provider never answers, until the promise rejects.
const cancelMs: number[] = [];
for (let i = 0; i < 20; i++) {
  fake.enqueue({ fault: 'hang' });
  const controller = new AbortController();
  const call = client.generate({ messages, signal: controller.signal });
  while (fake.requests.length <= i) await new Promise((resolve) => setTimeout(resolve, 1));
  const t0 = performance.now();
  controller.abort();
  await call.catch((error: unknown) => { if (!(error instanceof LlmCallError) || error.kind !== 'cancelled') throw error; });
  cancelMs.push(performance.now() - t0);
}
cancelMs.sort((a, b) => a - b);
await fake.close();

const fmt = (ms: number) => ms.toFixed(3);
const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const pick = (key: 'median' | 'p99' | 'cpuUsPerCall' | 'wallMs', side: 'raw' | 'layer') => median(rounds.map((round) => round[side][key]));

console.log(`LLM layer benchmark: ${ROUNDS} rounds of ${CALLS} calls, concurrency ${CONCURRENCY}, fake provider (deepseek wire), 0 ms latency`);
console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
console.log('');
console.log('| measure (median of rounds) | bare fetch | through the layer | layer overhead |');
console.log('|---|---|---|---|');
console.log(`| latency per call, median (ms) | ${fmt(pick('median', 'raw'))} | ${fmt(pick('median', 'layer'))} | ${fmt(pick('median', 'layer') - pick('median', 'raw'))} |`);
console.log(`| latency per call, p99 (ms) | ${fmt(pick('p99', 'raw'))} | ${fmt(pick('p99', 'layer'))} | ${fmt(pick('p99', 'layer') - pick('p99', 'raw'))} |`);
console.log(`| CPU per call (ms) | ${fmt(pick('cpuUsPerCall', 'raw') / 1000)} | ${fmt(pick('cpuUsPerCall', 'layer') / 1000)} | ${fmt((pick('cpuUsPerCall', 'layer') - pick('cpuUsPerCall', 'raw')) / 1000)} |`);
console.log(`| wall time for ${CALLS} calls (ms) | ${fmt(pick('wallMs', 'raw'))} | ${fmt(pick('wallMs', 'layer'))} | |`);
console.log(`| sequential latency, median (ms) | ${fmt(sequentialRaw.median)} | ${fmt(sequentialLayer.median)} | ${fmt(sequentialLayer.median - sequentialRaw.median)} |`);
console.log(`| sequential latency, p99 (ms) | ${fmt(sequentialRaw.p99)} | ${fmt(sequentialLayer.p99)} | ${fmt(sequentialLayer.p99 - sequentialRaw.p99)} |`);
console.log('');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
console.log(`RSS after warm-up ${mib(before.rss)}, after ${ROUNDS * CALLS} more calls ${mib(afterRounds.rss)}: ratio ${(afterRounds.rss / before.rss).toFixed(3)} (target <= 1.2)`);
console.log(`heap used after GC: ${mib(before.heapUsed)} -> ${mib(afterRounds.heapUsed)}; peak RSS before a collection ${mib(peakRss)}`);
console.log(`cancel: abort() to rejection, median ${fmt(percentile(cancelMs, 50))} ms, max ${fmt(cancelMs.at(-1)!)} ms over ${cancelMs.length} calls (target < 100 ms)`);
