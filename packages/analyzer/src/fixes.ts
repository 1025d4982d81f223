import { createPatch } from 'diff';
import { runAnalysis } from './engine.ts';
import { parserFor, resolveLanguage } from './languages.ts';
import type { TextEdit } from './types.ts';

/** The finding to fix: an `Issue` from `analyze`, or its rule id and position. */
export interface FixTarget {
  rule_id: string;
  line: number;
  column?: number;
}

export type FixFailure = 'issue_not_found' | 'not_fixable' | 'breaks_syntax';

export interface FixResult {
  success: boolean;
  fixed_code: string;
  /** Unified diff from the original to the fixed code; empty when nothing changed. */
  diff: string;
  reason?: string;
  error?: FixFailure;
}

export interface FixOptions {
  language?: string;
  filePath?: string;
}

function applyEdits(code: string, edits: readonly TextEdit[]): string {
  let result = code;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

async function syntaxErrorRegions(code: string, language: string | undefined, filePath: string | undefined): Promise<number> {
  const parser = await parserFor(resolveLanguage(language, filePath));
  const tree = parser.parse(code);
  if (!tree) return Number.POSITIVE_INFINITY;
  try {
    return tree.rootNode.hasError ? tree.rootNode.descendantsOfType('ERROR').length + 1 : 0;
  } finally {
    tree.delete();
  }
}

function failure(code: string, error: FixFailure, reason: string): FixResult {
  return { success: false, fixed_code: code, diff: '', reason, error };
}

/**
 * Re-analyses `code`, finds the targeted finding and applies its mechanical fix. The result is refused
 * when the fixed code has more syntax errors than the original. The third argument is a language name or options.
 */
export async function applyFix(code: string, target: FixTarget, languageOrOptions: string | FixOptions = {}): Promise<FixResult> {
  const options: FixOptions = typeof languageOrOptions === 'string' ? { language: languageOrOptions } : languageOrOptions;
  const { result, fixes } = await runAnalysis({ code, language: options.language, filePath: options.filePath });
  const issue = result.issues.find((candidate) => candidate.rule_id === target.rule_id && candidate.line === target.line
    && (target.column === undefined || candidate.column === target.column));
  if (!issue) return failure(code, 'issue_not_found', `No ${target.rule_id} finding at line ${target.line} in this code.`);
  const fix = fixes.get(issue.id);
  if (!fix) return failure(code, 'not_fixable', `${issue.rule_id} (${issue.title}) has no safe mechanical fix here; apply the suggestion by hand: ${issue.suggestion}`);
  const fixed = applyEdits(code, fix.edits);
  const [before, after] = await Promise.all([
    syntaxErrorRegions(code, options.language, options.filePath),
    syntaxErrorRegions(fixed, options.language, options.filePath),
  ]);
  if (after > before) return failure(code, 'breaks_syntax', 'The fixed code no longer parses; the fix was not applied.');
  const name = options.filePath ?? `code.${result.language}`;
  return { success: true, fixed_code: fixed, diff: createPatch(name, code, fixed, 'original', 'fixed') };
}
