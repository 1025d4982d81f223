import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, type EvaluationCounts, listRules, loadEvaluationSet, scoreSampleByRule, summariseEvaluation } from '../src/index.ts';
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

/** Precision and recall of every rule on the labelled evaluation set (corpus snippets and rule fixtures), default rules. */
async function labelledAccuracy(): Promise<void> {
  const byRule = new Map<string, EvaluationCounts[]>();
  const samples = loadEvaluationSet();
  for (const sample of samples) {
    const { issues } = await analyze({ code: sample.code, filePath: sample.filePath });
    for (const [ruleId, counts] of scoreSampleByRule(sample, issues)) byRule.set(ruleId, [...(byRule.get(ruleId) ?? []), counts]);
  }
  const names = new Map(listRules().map((rule) => [rule.id, rule.name]));
  const ratio = (value: number, defined: boolean) => (defined ? value.toFixed(2) : '–');
  console.log(`labelled evaluation set: ${samples.length} samples`);
  console.log('| rule | labels | TP | FP | FN | precision | recall |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [ruleId, counts] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    const score = summariseEvaluation(counts);
    const labels = score.true_positives + score.false_negatives;
    console.log(`| ${ruleId} ${names.get(ruleId) ?? ''} | ${labels} | ${score.true_positives} | ${score.false_positives} | ${score.false_negatives} | ${ratio(score.precision, score.true_positives + score.false_positives > 0)} | ${ratio(score.recall, labels > 0)} |`);
  }
  const all = summariseEvaluation([...byRule.values()].flat());
  console.log(`overall: precision ${all.precision.toFixed(3)}, recall ${all.recall.toFixed(3)}, F1 ${all.f1.toFixed(3)} (${all.true_positives} TP, ${all.false_positives} FP, ${all.false_negatives} FN)`);
}

interface BanditResult {
  results: { filename: string; line_number: number; issue_severity: string; test_id: string }[];
}

/**
 * With BANDIT_EXAMPLES set to a directory (Bandit's own `examples/`) and `bandit` on the PATH: the share of Bandit's
 * HIGH/MEDIUM findings that a security finding of the analyzer matches in the same file within one line, and the
 * whole-process time of both tools on that directory.
 */
function banditComparison(): void {
  const dir = process.env.BANDIT_EXAMPLES;
  if (!dir) {
    console.log('Bandit comparison skipped: set BANDIT_EXAMPLES to a directory of Bandit examples (bandit must be on the PATH)');
    return;
  }
  const started = performance.now();
  const bandit = spawnSync('bandit', ['-r', dir, '-f', 'json', '-q'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const banditSeconds = (performance.now() - started) / 1000;
  if (bandit.error) throw new Error(`bandit could not run: ${bandit.error.message}`);
  const expected = (JSON.parse(bandit.stdout) as BanditResult).results.filter((result) => result.issue_severity !== 'LOW');
  const work = mkdtempSync(join(tmpdir(), 'resoftai-bandit-'));
  const reportFile = join(work, 'report.json');
  const ours = performance.now();
  const run = spawnSync(process.execPath, [bin, 'review', dir, '--format', 'json', '--exit-zero', '--output', reportFile], { encoding: 'utf8' });
  const oursSeconds = (performance.now() - ours) / 1000;
  if (run.status !== 0) throw new Error(`review failed (${run.status}): ${run.stderr}`);
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { files: { file_path: string | null; issues: { line: number; category: string }[] }[] };
  rmSync(work, { recursive: true, force: true });
  const lines = new Map(report.files.map((file) => [resolve(file.file_path ?? ''), file.issues.filter((issue) => issue.category === 'security').map((issue) => issue.line)]));
  const matched = expected.filter((result) => (lines.get(resolve(result.filename)) ?? []).some((line) => Math.abs(line - result.line_number) <= 1));
  console.log(`Bandit examples (${dir}): ${expected.length} HIGH/MEDIUM Bandit findings, ${matched.length} matched within ±1 line: recall ${(matched.length / Math.max(expected.length, 1)).toFixed(2)}`);
  console.log(`whole-process time on that directory: bandit ${banditSeconds.toFixed(2)} s, resoftai review ${oursSeconds.toFixed(2)} s`);
}

await labelledAccuracy();
banditComparison();

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
