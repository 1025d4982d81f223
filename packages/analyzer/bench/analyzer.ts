import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, type EvaluationCounts, type EvaluationSample, listRules, loadBlindCorpus, loadEvaluationSet, scoreSampleByRule, summariseEvaluation } from '../src/index.ts';
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

/** Precision and recall of every rule on labelled samples, default rules; with `listWrong`, each sample that is not right. */
async function labelledAccuracy(title: string, samples: EvaluationSample[], listWrong = false): Promise<void> {
  const byRule = new Map<string, EvaluationCounts[]>();
  const wrong: string[] = [];
  for (const sample of samples) {
    const { issues } = await analyze({ code: sample.code, filePath: sample.filePath });
    const scored = scoreSampleByRule(sample, issues);
    for (const [ruleId, counts] of scored) byRule.set(ruleId, [...(byRule.get(ruleId) ?? []), counts]);
    const errors = [...scored].flatMap(([ruleId, counts]) => [
      ...(counts.false_positives > 0 ? [`${counts.false_positives} FP ${ruleId}`] : []),
      ...(counts.false_negatives > 0 ? [`FN ${ruleId}`] : []),
    ]);
    if (errors.length > 0) wrong.push(`${sample.id}: ${errors.join(', ')}`);
  }
  const names = new Map(listRules().map((rule) => [rule.id, rule.name]));
  const ratio = (value: number, defined: boolean) => (defined ? value.toFixed(2) : '–');
  console.log(`${title}: ${samples.length} samples`);
  console.log('| rule | labels | TP | FP | FN | precision | recall |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [ruleId, counts] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    const score = summariseEvaluation(counts);
    const labels = score.true_positives + score.false_negatives;
    console.log(`| ${ruleId} ${names.get(ruleId) ?? ''} | ${labels} | ${score.true_positives} | ${score.false_positives} | ${score.false_negatives} | ${ratio(score.precision, score.true_positives + score.false_positives > 0)} | ${ratio(score.recall, labels > 0)} |`);
  }
  const all = summariseEvaluation([...byRule.values()].flat());
  console.log(`overall: precision ${all.precision.toFixed(3)}, recall ${all.recall.toFixed(3)}, F1 ${all.f1.toFixed(3)} (${all.true_positives} TP, ${all.false_positives} FP, ${all.false_negatives} FN)`);
  if (listWrong && wrong.length > 0) console.log(`samples not right:\n${wrong.map((line) => `  ${line}`).join('\n')}`);
}

interface BanditResult {
  results: { filename: string; line_number: number; issue_severity: string; test_id: string }[];
}

/** Runs a command to its end and measures its wall time; it must exit with one of `okStatuses`. */
function timed(command: string, args: string[], okStatuses: number[]): { stdout: string; seconds: number } {
  const started = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (run.error) throw new Error(`${command} could not run: ${run.error.message}`);
  if (!okStatuses.includes(run.status ?? -1)) throw new Error(`${command} failed (${run.status}): ${run.stderr}`);
  return { stdout: run.stdout, seconds };
}

function runBandit(dir: string): { results: BanditResult['results']; seconds: number } {
  // Bandit exits 1 when it reports findings.
  const { stdout, seconds } = timed('bandit', ['-r', dir, '-f', 'json', '-q'], [0, 1]);
  return { results: (JSON.parse(stdout) as BanditResult).results, seconds };
}

interface ReviewReport {
  files: { file_path: string | null; issues: { line: number; category: string }[]; metrics: { lines: { total: number } } }[];
}

function runReview(dir: string, extraArgs: string[] = []): { report: ReviewReport; seconds: number } {
  const work = mkdtempSync(join(tmpdir(), 'resoftai-bandit-'));
  const reportFile = join(work, 'report.json');
  try {
    const { seconds } = timed(process.execPath, [bin, 'review', dir, '--format', 'json', '--exit-zero', '--output', reportFile, ...extraArgs], [0]);
    return { report: JSON.parse(readFileSync(reportFile, 'utf8')) as ReviewReport, seconds };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function banditAvailable(): boolean {
  return !spawnSync('bandit', ['--version'], { encoding: 'utf8' }).error;
}

/**
 * With BANDIT_EXAMPLES set to a directory (Bandit's own `examples/`) and `bandit` on the PATH: the share of Bandit's
 * HIGH/MEDIUM findings that a security finding of the analyzer matches in the same file within one line, by Bandit test.
 */
function banditRecall(): void {
  const dir = process.env.BANDIT_EXAMPLES;
  if (!dir || !banditAvailable()) {
    console.log('Bandit recall skipped: set BANDIT_EXAMPLES to a copy of Bandit\'s examples/ directory, with bandit on the PATH');
    return;
  }
  const expected = runBandit(dir).results.filter((result) => result.issue_severity !== 'LOW');
  const { report } = runReview(dir);
  const lines = new Map(report.files.map((file) => [resolve(file.file_path ?? ''), file.issues.filter((issue) => issue.category === 'security').map((issue) => issue.line)]));
  const byTest = new Map<string, { matched: number; missed: number }>();
  for (const result of expected) {
    const matched = (lines.get(resolve(result.filename)) ?? []).some((line) => Math.abs(line - result.line_number) <= 1);
    const counts = byTest.get(result.test_id) ?? { matched: 0, missed: 0 };
    counts[matched ? 'matched' : 'missed'] += 1;
    byTest.set(result.test_id, counts);
  }
  const matched = [...byTest.values()].reduce((sum, counts) => sum + counts.matched, 0);
  console.log(`Bandit examples (${dir}): ${expected.length} HIGH/MEDIUM Bandit findings, ${matched} matched within ±1 line: recall ${(matched / Math.max(expected.length, 1)).toFixed(3)}`);
  const missed = [...byTest].filter(([, counts]) => counts.missed > 0).sort(([a], [b]) => a.localeCompare(b));
  if (missed.length > 0) console.log(`missed, by Bandit test: ${missed.map(([test, counts]) => `${test} ${counts.missed}/${counts.matched + counts.missed}`).join(', ')}`);
}

const PYTHON_PACKAGE = process.env.BENCH_PYTHON_PACKAGE ?? '/usr/lib/python3/dist-packages/setuptools';

/** Whole-process time of Bandit and of `resoftai review --rules security` on one real Python package, best of three each. */
function speedAgainstBandit(): void {
  if (!banditAvailable() || !existsSync(PYTHON_PACKAGE)) {
    console.log(`speed against Bandit skipped: needs bandit on the PATH and ${PYTHON_PACKAGE} (BENCH_PYTHON_PACKAGE)`);
    return;
  }
  const best = (run: () => number) => Math.min(run(), run(), run());
  const banditSeconds = best(() => runBandit(PYTHON_PACKAGE).seconds);
  let lines = 0;
  const oursSeconds = best(() => {
    const { report, seconds } = runReview(PYTHON_PACKAGE, ['--rules', 'security']);
    lines = report.files.reduce((sum, file) => sum + file.metrics.lines.total, 0);
    return seconds;
  });
  console.log(`${PYTHON_PACKAGE} (${lines} lines): bandit ${banditSeconds.toFixed(2)} s, resoftai review --rules security ${oursSeconds.toFixed(2)} s, ${(banditSeconds / oursSeconds).toFixed(2)}× Bandit's speed (best of 3, whole process)`);
}

await labelledAccuracy('labelled evaluation set (corpus and rule fixtures)', loadEvaluationSet());
await labelledAccuracy('blind corpus (written without reading the rules)', loadBlindCorpus(), true);
banditRecall();
speedAgainstBandit();

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
