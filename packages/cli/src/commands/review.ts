import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import {
  AnalysisTimeoutError, CATEGORIES, SEVERITIES, analyze, detectLanguage, formatJson, formatSarif, formatText,
  type AnalysisResult, type Category, type Locale, type Severity,
} from '@resoftai/analyzer';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { collectSourceFiles, looksMinified } from './source-files.ts';

const EXIT_CLEAN = 0;
const EXIT_FINDINGS = 1;
const EXIT_ERROR = 2;
const DEFAULT_TIMEOUT_MS = 10_000;
class UsageError extends Error {}

const FORMATTERS = { text: formatText, json: formatJson, sarif: formatSarif } as const;

interface ReviewOptions {
  format: keyof typeof FORMATTERS;
  failOn: Severity;
  exitZero?: boolean;
  rules: Category[];
  locale: Locale;
  output?: string;
  timeout: number;
}

function parseCategories(value: string): Category[] {
  const categories = value.split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = categories.filter((category) => !CATEGORIES.includes(category as Category));
  if (unknown.length > 0 || categories.length === 0) {
    throw new InvalidArgumentError(`expected a comma-separated list of ${CATEGORIES.join(', ')}; got "${value}"`);
  }
  return categories as Category[];
}

function parseTimeout(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0) throw new InvalidArgumentError(`expected a positive number of milliseconds; got "${value}"`);
  return ms;
}

function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

async function review(paths: string[], options: ReviewOptions): Promise<number> {
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);
  const unsupported = paths.filter((path) => statSync(path).isFile() && !detectLanguage(path));
  if (unsupported.length > 0) throw new UsageError(`unsupported language: ${unsupported.join(', ')}`);
  const files = collectSourceFiles(paths, (path) => detectLanguage(path) !== null);
  const results: AnalysisResult[] = [];
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    if (code.includes('\0') || looksMinified(file, code)) continue;
    const filePath = relative(process.cwd(), file).split(sep).join('/');
    try {
      results.push(await analyze({ code, filePath, categories: options.rules, locale: options.locale, timeoutMs: options.timeout }));
    } catch (error) {
      if (!(error instanceof AnalysisTimeoutError)) throw error;
      console.error(`resoftai review: skipped ${filePath}: ${error.message}`);
    }
  }
  const report = FORMATTERS[options.format](results);
  if (options.output) writeFileSync(options.output, report);
  else process.stdout.write(report);
  const failing = results.some((result) => result.issues.some((issue) => atOrAbove(issue.severity, options.failOn)));
  return failing && !options.exitZero ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** `resoftai review PATH…`: static analysis of files and directories, for people and CI. */
export function registerReviewCommand(program: Command): void {
  program
    .command('review')
    .description('Review source files for security, quality and performance issues')
    .argument('<paths...>', 'files or directories to review')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATTERS)).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([...SEVERITIES]).default('low'))
    .option('--exit-zero', 'exit 0 even when findings are reported')
    .option('--rules <categories>', `categories to check: ${CATEGORIES.join(',')}`, parseCategories, [...CATEGORIES])
    .addOption(new Option('--locale <locale>', 'language of messages').choices(['en', 'zh']).default('en'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--timeout <ms>', 'time limit per file; slower files are skipped with a warning', parseTimeout, DEFAULT_TIMEOUT_MS)
    .exitOverride((error) => {
      // Commander reports usage errors with exit code 1, which here means "findings".
      if (error.exitCode !== 0) process.exit(EXIT_ERROR);
    })
    .action(async (paths: string[], options: ReviewOptions) => {
      try {
        process.exitCode = await review(paths, options);
      } catch (error) {
        console.error(`resoftai review: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = EXIT_ERROR;
      }
    });
}
