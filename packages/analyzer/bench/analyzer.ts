import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/index.ts';
import { parserFor, resolveLanguage } from '../src/languages.ts';
import { generateCorpus } from './corpus-generator.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const bin = join(repoRoot, 'packages/cli/bin/resoftai.js');
const usageReporter = fileURLToPath(new URL('./report-usage.mjs', import.meta.url));
const GENERATED_LINES = Number(process.env.BENCH_LINES ?? 100_000);

interface Measurement {
  label: string;
  files: number;
  lines: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/** Runs `resoftai review` on `target` as its own process and measures wall time, CPU time and peak RSS. */
function measure(label: string, target: string, cwd: string): Measurement {
  const work = mkdtempSync(join(tmpdir(), 'resoftai-bench-'));
  const usageFile = join(work, 'usage.json');
  const reportFile = join(work, 'report.json');
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, 'review', target, '--format', 'json', '--exit-zero', '--output', reportFile], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: `--import=${usageReporter}`, RESOFTAI_BENCH_USAGE_FILE: usageFile },
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`review failed (${run.status}): ${run.stderr}`);
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { files: { metrics: { lines: { total: number } } }[] };
  const lines = report.files.reduce((sum, file) => sum + file.metrics.lines.total, 0);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssBytes: number; cpuMicros: number };
  rmSync(work, { recursive: true, force: true });
  return { label, files: report.files.length, lines, seconds, cpuSeconds: usage.cpuMicros / 1e6, peakRssMb: usage.maxRssBytes / 1024 / 1024 };
}

function print(m: Measurement): void {
  const perSecond = (seconds: number) => Math.round(m.lines / seconds);
  console.log(`| ${m.label} | ${m.files} | ${m.lines} | ${m.seconds.toFixed(2)} | ${perSecond(m.seconds)} | ${m.cpuSeconds.toFixed(2)} | ${perSecond(m.cpuSeconds)} | ${m.peakRssMb.toFixed(0)} |`);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]);
}

/** In this process, after grammars are loaded: CPU time of parsing alone against parsing plus every rule. */
async function parseCeiling(dir: string): Promise<void> {
  const sources = listFiles(dir).map((path) => ({ path, code: readFileSync(path, 'utf8') }));
  for (const { path } of sources) await parserFor(resolveLanguage(undefined, path));
  const lines = sources.reduce((sum, { code }) => sum + code.split('\n').length - 1, 0);
  const cpuSeconds = async (work: () => Promise<void>) => {
    const before = process.cpuUsage();
    await work();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1e6;
  };
  const parseOnly = await cpuSeconds(async () => {
    for (const { path, code } of sources) (await parserFor(resolveLanguage(undefined, path))).parse(code)?.delete();
  });
  const full = await cpuSeconds(async () => {
    for (const { path, code } of sources) await analyze({ code, filePath: path });
  });
  console.log(`in-process, grammars loaded: parse only ${Math.round(lines / parseOnly)} lines/CPU-s; parse + all rules + metrics ${Math.round(lines / full)} lines/CPU-s`);
}

const corpus = mkdtempSync(join(tmpdir(), 'resoftai-corpus-'));
try {
  const generated = generateCorpus(corpus, GENERATED_LINES);
  console.log(`generated ${generated.files} files, ${generated.lines} lines (py, js, ts, java, go, c) in ${corpus}`);
  console.log(`load average before the run: ${loadavg().map((load) => load.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);
  console.log('| tree | files | lines | wall s (whole process) | lines/s (wall) | CPU s | lines/CPU-s | peak RSS MB |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  print(measure(`generated mixed corpus`, corpus, corpus));
  print(measure('this repository', '.', repoRoot));
  await parseCeiling(corpus);
} finally {
  rmSync(corpus, { recursive: true, force: true });
}
