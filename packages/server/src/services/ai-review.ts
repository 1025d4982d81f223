import { createHash } from 'node:crypto';
import { CATEGORIES, type Issue, type Locale, SEVERITIES } from '@resoftai/analyzer';
import { LlmCallError, type LlmClient } from '@resoftai/llm';
import { z } from 'zod';
import { AppError } from '../errors.ts';

/** Rule id given to every AI finding; the title says what kind it is. */
export const AI_RULE_ID = 'AI';

const aiFindingSchema = z.object({
  line: z.number().int().describe('1-based line number as numbered in the code'),
  severity: z.enum(SEVERITIES as [string, ...string[]]),
  category: z.enum(CATEGORIES as [string, ...string[]]),
  confidence: z.enum(['high', 'medium', 'low']),
  cwe: z.string().nullable().describe('CWE id such as "CWE-89" for security findings, else null'),
  title: z.string().min(1).max(200),
  message: z.string().min(1).max(2000),
  suggestion: z.string().max(2000),
});

export const aiReviewSchema = z.object({ findings: z.array(aiFindingSchema).max(100) });
export type AiReview = z.infer<typeof aiReviewSchema>;
type AiFinding = AiReview['findings'][number];

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', zh: 'Simplified Chinese' };

function systemPrompt(locale: Locale, instructions: string | undefined): string {
  return [
    'You are a senior security and code-quality reviewer.',
    'Report only real problems in the given code: security vulnerabilities, correctness or maintainability defects, and performance problems.',
    'Do not report style preferences or problems you are not reasonably sure of; an empty list is a good answer for clean code.',
    'Each finding names the 1-based line where the problem is, as numbered in the code.',
    `Write title, message and suggestion in ${LANGUAGE_NAMES[locale]}.`,
    ...(instructions ? [`Additional instructions of the review profile: ${instructions}`] : []),
  ].join(' ');
}

function numbered(code: string): string {
  return code.split('\n').map((text, index) => `${String(index + 1).padStart(5)} | ${text}`).join('\n');
}

const CWE_PATTERN = /^CWE-\d+$/i;

function toIssue(finding: AiFinding, lines: string[]): Issue | null {
  if (finding.line < 1 || finding.line > lines.length) return null;
  const lineText = lines[finding.line - 1]!;
  const column = lineText.length - lineText.trimStart().length + 1;
  const cwe = finding.cwe && CWE_PATTERN.test(finding.cwe.trim()) ? finding.cwe.trim().toUpperCase() : null;
  const category = finding.category as Issue['category'];
  return {
    id: `${AI_RULE_ID}:${finding.line}:${column}`,
    rule_id: AI_RULE_ID,
    title: finding.title,
    type: category,
    category,
    severity: finding.severity as Issue['severity'],
    confidence: finding.confidence,
    cwe,
    message: finding.message,
    suggestion: finding.suggestion,
    line: finding.line,
    column,
    end_line: finding.line,
    end_column: lineText.length + 1,
    fixable: false,
    source: 'ai',
    fingerprint: createHash('sha256').update(`${AI_RULE_ID}|${finding.title}|${lineText.trim()}`).digest('hex').slice(0, 32),
  };
}

/** What a review profile sets for the AI review call. */
export interface AiReviewSettings {
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  prompt?: string | undefined;
}

export interface AiReviewInput {
  code: string;
  language: string;
  filePath: string | null;
  locale: Locale;
  userId: number;
  signal: AbortSignal;
}

/**
 * Asks the LLM for findings bound to `aiReviewSchema` and turns them into analyzer issues (`source: 'ai'`,
 * the model's confidence kept). Findings on lines outside the code are dropped.
 */
export async function reviewWithLlm(client: LlmClient, input: AiReviewInput, timeoutMs: number, settings: AiReviewSettings = {}): Promise<Issue[]> {
  const header = `Language: ${input.language}${input.filePath ? `\nFile: ${input.filePath}` : ''}`;
  try {
    const result = await client.generate({
      system: systemPrompt(input.locale, settings.prompt),
      messages: [{ role: 'user', content: `${header}\n\n${numbered(input.code)}` }],
      schema: aiReviewSchema,
      temperature: settings.temperature ?? 0,
      maxTokens: settings.maxTokens,
      signal: input.signal,
      useCache: true,
      context: { userId: input.userId, agent: 'CodeReviewer' },
    });
    const lines = input.code.split('\n');
    return result.object.findings.map((finding) => toIssue(finding, lines)).filter((issue): issue is Issue => issue !== null);
  } catch (error) {
    if (input.signal.aborted) throw analysisTimedOut(timeoutMs);
    if (error instanceof LlmCallError) throw new AppError(502, `AI review failed: ${error.message}`, { errorCode: 'LLM_001' });
    throw error;
  }
}

/** 504: the analysis did not finish within `ANALYSIS_TIMEOUT_MS`. */
export function analysisTimedOut(timeoutMs: number): AppError {
  return new AppError(504, `Analysis exceeded the time limit of ${timeoutMs} ms; analyse less code at once`);
}
