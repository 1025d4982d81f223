import type { ExtractedFile } from './file-blocks.ts';

export type Selection<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The one file a reply was asked to write; the reason is fed back to the model on a re-ask. */
export function selectPlannedFile(files: ExtractedFile[], expected: string): Selection<string> {
  if (files.length === 0) return { ok: false, reason: `the reply contains no fenced code block for ${expected}` };
  const matches = (file: ExtractedFile) =>
    file.path !== undefined && (file.path === expected || expected.endsWith(`/${file.path}`) || file.path.endsWith(`/${expected}`));
  const unnamed = files.filter((file) => file.path === undefined);
  const chosen = files.find(matches) ?? (files.length === 1 && unnamed.length === 1 ? unnamed[0] : undefined);
  if (!chosen) {
    const named = files.map((file) => file.path).filter(Boolean);
    return {
      ok: false,
      reason: named.length > 0
        ? `the reply has files ${named.join(', ')} but none is ${expected}`
        : `the reply has ${files.length} code blocks without file paths; reply with exactly one block for ${expected}`,
    };
  }
  if (chosen.truncated) return { ok: false, reason: `the code block for ${expected} is not closed; the reply was probably cut off` };
  if (chosen.content.trim() === '') return { ok: false, reason: `the code block for ${expected} is empty` };
  return { ok: true, value: chosen.content };
}

/** Every named, complete, non-empty file of a reply that is meant to carry several. */
export function selectNamedFiles(files: ExtractedFile[], what: string): Selection<Array<{ path: string; content: string }>> {
  const usable = files.filter((file) => file.path !== undefined && !file.truncated && file.content.trim() !== '');
  if (usable.length > 0) {
    const byPath = new Map(usable.map((file) => [file.path as string, file.content]));
    return { ok: true, value: [...byPath].map(([path, content]) => ({ path, content })) };
  }
  if (files.length === 0) return { ok: false, reason: `the reply contains no fenced code blocks with ${what}` };
  if (files.some((file) => file.truncated)) return { ok: false, reason: `a code block in the reply is not closed; the reply was probably cut off` };
  return { ok: false, reason: `none of the reply's code blocks names its file path; put the path in the fence info string, e.g. \`\`\`python title="tests/test_app.py"` };
}
