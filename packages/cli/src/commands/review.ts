import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import {
  AnalysisTimeoutError, CATEGORIES, SEVERITIES, analyze, detectLanguage, formatJson, formatSarif, formatText,
  type Category, type Issue, type Locale, type ReportedAnalysis, type Severity,
} from '@resoftai/analyzer';
import { ApiError, type CodeRevClient, type Schemas } from '@resoftai/sdk';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { codeRevClient } from '../client/connect.ts';
import { UsageError } from '../errors.ts';
import { collectSourceFiles, looksMinified } from './source-files.ts';

const EXIT_CLEAN = 0;
const EXIT_FINDINGS = 1;
const EXIT_ERROR = 2;
const DEFAULT_TIMEOUT_MS = 10_000;

const FORMATTERS = { text: formatText, json: formatJson, sarif: formatSarif } as const;

interface ReviewOptions {
  format: keyof typeof FORMATTERS;
  failOn: Severity;
  exitZero?: boolean;
  rules: Category[];
  locale: Locale;
  output?: string;
  timeout: number;
  /** Review on this server (its production profile), not locally. */
  server?: string;
  token?: string;
  ai?: boolean;
}

/** One file to review, as read from disk. */
interface SourceFile {
  code: string;
  filePath: string;
  language: string;
}

/** The server's refusals that concern one file (too large, too slow to analyse): it is skipped, the rest reviewed. */
const SKIPPED_STATUSES = new Set([413, 504]);

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

function readSources(paths: string[]): SourceFile[] {
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);
  const unsupported = paths.filter((path) => statSync(path).isFile() && !detectLanguage(path));
  if (unsupported.length > 0) throw new UsageError(`unsupported language: ${unsupported.join(', ')}`);
  const sources: SourceFile[] = [];
  for (const file of collectSourceFiles(paths, (path) => detectLanguage(path) !== null)) {
    const code = readFileSync(file, 'utf8');
    if (code.includes('\0') || looksMinified(file, code)) continue;
    sources.push({ code, filePath: relative(process.cwd(), file).split(sep).join('/'), language: detectLanguage(file)! });
  }
  return sources;
}

async function reviewLocally(sources: SourceFile[], options: ReviewOptions): Promise<ReportedAnalysis[]> {
  const results: ReportedAnalysis[] = [];
  for (const { code, filePath } of sources) {
    try {
      results.push(await analyze({ code, filePath, categories: options.rules, locale: options.locale, timeoutMs: options.timeout }));
    } catch (error) {
      if (!(error instanceof AnalysisTimeoutError)) throw error;
      console.error(`resoftai review: skipped ${filePath}: ${error.message}`);
    }
  }
  return results;
}

function oneOf<T extends string>(allowed: readonly T[], value: string, what: string): T {
  if (!allowed.includes(value as T)) throw new Error(`the server sent an unknown ${what} "${value}"`);
  return value as T;
}

/** A finding as the server reports it, checked to be one the formatters know. */
function issueFromServer(issue: Schemas['AnalysisIssue']): Issue {
  return {
    ...issue,
    type: oneOf([...CATEGORIES, 'syntax'], issue.type, 'issue type'),
    category: oneOf(CATEGORIES, issue.category, 'category'),
    severity: oneOf(SEVERITIES, issue.severity, 'severity'),
    confidence: oneOf(['high', 'medium', 'low'], issue.confidence, 'confidence'),
    source: oneOf(['static', 'ai'], issue.source, 'finding source'),
  };
}

/** The server's stored analysis in the shape the formatters read, with its id and the server's metrics. */
function analysisFromServer(analysis: Schemas['Analysis'], filePath: string): ReportedAnalysis & { analysis_id: string; language: string } {
  return {
    analysis_id: analysis.analysis_id,
    language: analysis.language,
    file_path: analysis.file_path ?? filePath,
    score: analysis.score,
    issues: analysis.issues.map(issueFromServer),
    metrics: { ...analysis.metrics, lines: { code: analysis.metrics.lines_of_code } },
  };
}

async function reviewOnServer(client: CodeRevClient, sources: SourceFile[], options: ReviewOptions): Promise<ReportedAnalysis[]> {
  const rules = options.ai ? [...options.rules, 'ai' as const] : options.rules;
  const results: ReportedAnalysis[] = [];
  for (const { code, filePath, language } of sources) {
    try {
      const analysis = await client.analyze({ code, language, rules, context: { file_path: filePath } }, { acceptLanguage: options.locale });
      results.push(analysisFromServer(analysis, filePath));
    } catch (error) {
      if (!(error instanceof ApiError && SKIPPED_STATUSES.has(error.status))) throw error;
      console.error(`resoftai review: skipped ${filePath}: ${error.message}`);
    }
  }
  return results;
}

async function review(paths: string[], options: ReviewOptions): Promise<number> {
  if (options.ai && !options.server) throw new UsageError('--ai reviews on a server: add --server URL');
  const sources = readSources(paths);
  const results = options.server
    ? await reviewOnServer(codeRevClient({ server: options.server, token: options.token }), sources, options)
    : await reviewLocally(sources, options);
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
    .option('--server <url>', "review on this ResoftAI server with its production review profile (log in first, or pass --token)")
    .option('--token <token>', 'access token or rsk_ API key for --server (default: RESOFTAI_TOKEN, then `resoftai login`)')
    .option('--ai', "add the server's AI review to the static rules (needs --server and an LLM config there)")
    .exitOverride((error) => {
      // Commander reports usage errors with exit code 1, which here means "findings".
      if (error.exitCode !== 0) process.exit(EXIT_ERROR);
    })
    .action(async (paths: string[], options: ReviewOptions) => {
      try {
        process.exitCode = await review(paths, options);
      } catch (error) {
        const requestId = error instanceof ApiError && error.requestId ? ` (request ${error.requestId})` : '';
      console.error(`resoftai review: ${error instanceof Error ? error.message : String(error)}${requestId}`);
        process.exitCode = EXIT_ERROR;
      }
    });
}
