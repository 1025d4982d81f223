import { jsonrepair } from 'jsonrepair';
import { looksLikePath, sanitizeProjectPath } from './paths.ts';

/** A file found in a model reply. `path` is already sanitized into the project. */
export interface ExtractedFile {
  path: string | undefined;
  /** The path as the model wrote it. */
  rawPath: string | undefined;
  content: string;
  language: string | undefined;
  /** The fence was never closed: the reply was probably cut off. */
  truncated: boolean;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})\s*([^`]*?)\s*$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})\s*$/;
const MARKDOWN_INFO = /^(markdown|md|mdx)$/i;
const PATH_ATTRIBUTE = /\b(?:title|file|filename|filepath|path|name)\s*=\s*["']?([^"'\s]+)["']?/i;
const PATH_LABEL = /^(?:file\s*path|file\s*name|filename|filepath|file|path|文件路径|文件名|文件)\s*[:：]\s*/i;
const COMMENT_PATH = /^\s*(?:#|\/\/|--|;|\/\*|<!--|%)\s*(?:(?:file\s*name|filename|file|path|文件名?|文件路径)\s*[:：]\s*)?(\S+?)\s*(?:\*\/|-->)?\s*$/i;

/** The path named in a fence's info string: `title="a.py"`, `python:a.py`, `a.py`, `python a.py`. */
function pathFromInfo(info: string): { path: string | undefined; language: string | undefined } {
  const attribute = PATH_ATTRIBUTE.exec(info);
  const tokens = info.split(/\s+/).filter(Boolean);
  const first = tokens[0];
  const colon = first ? /^([\w+#.-]+):(.+)$/.exec(first) : null;
  if (colon && looksLikePath(colon[2] ?? '')) return { path: colon[2], language: colon[1] };
  const language = first && !looksLikePath(first) && !first.includes('=') ? first : undefined;
  if (attribute) return { path: attribute[1], language };
  return { path: tokens.find((token) => !token.includes('=') && looksLikePath(token)), language };
}

/** The path named by a line just before a fence: `File: a.py`, `### a.py`, `**a.py**`, `` `a.py`: ``. */
export function pathFromLabelLine(line: string): string | undefined {
  let text = line.trim()
    .replace(/^(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/^#{1,6}\s*/, '')
    .replace(/^[*_]+|[*_]+$/g, '')
    .replace(/[:：]\s*$/, '')
    .replace(/^[*_]+|[*_]+$/g, '')
    .trim();
  const labelled = PATH_LABEL.test(text);
  text = text.replace(PATH_LABEL, '').replace(/^[*_]+|[*_]+$/g, '').trim();
  const quoted = /`([^`]+)`/.exec(text);
  if (quoted) return looksLikePath(quoted[1] ?? '') ? quoted[1] : undefined;
  const [head, ...rest] = text.split(/\s+/);
  if (head === undefined || !looksLikePath(head)) return undefined;
  // A lone path, or a labelled one, or a path followed by an aside like "(entry point)" or "- main module".
  if (rest.length === 0 || labelled || /^[(\-—–]/.test(rest[0] ?? '')) return head;
  return undefined;
}

/** Index of the line that closes the fence opened at `start`, or -1. */
function closingLine(lines: string[], start: number, fence: string, info: string): number {
  const nests = MARKDOWN_INFO.test(info.split(/\s+/)[0] ?? '');
  let depth = 0;
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const close = FENCE_CLOSE.exec(line);
    if (close && close[1]?.[0] === fence[0] && (close[1]?.length ?? 0) >= fence.length) {
      if (depth === 0) return index;
      depth--;
      continue;
    }
    // Inside a Markdown file, a fence with a language opens a nested block rather than closing ours.
    const open = FENCE_OPEN.exec(line);
    if (nests && open && open[1]?.[0] === fence[0] && (open[2] ?? '') !== '') depth++;
  }
  return -1;
}

/** The nearest non-blank line before `index` (at most two back), not crossing another fence. */
function labelBefore(lines: string[], index: number): string | undefined {
  let seen = 0;
  for (let back = index - 1; back >= 0 && seen < 2; back--) {
    const line = lines[back] ?? '';
    if (line.trim() === '') continue;
    if (FENCE_OPEN.test(line) || FENCE_CLOSE.test(line)) return undefined;
    seen++;
    const path = pathFromLabelLine(line);
    if (path) return path;
  }
  return undefined;
}

function fencedFiles(text: string): ExtractedFile[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const files: ExtractedFile[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE_OPEN.exec(lines[index] ?? '');
    if (!open) continue;
    const fence = open[1] ?? '```';
    const info = open[2] ?? '';
    const end = closingLine(lines, index, fence, info);
    const body = lines.slice(index + 1, end < 0 ? lines.length : end);
    const fromInfo = pathFromInfo(info);
    let rawPath = fromInfo.path ?? labelBefore(lines, index);
    const comment = COMMENT_PATH.exec(body[0] ?? '');
    const commentPath = comment && looksLikePath(comment[1] ?? '') ? comment[1] : undefined;
    if (commentPath && (rawPath === undefined || sanitizeProjectPath(rawPath) === sanitizeProjectPath(commentPath))) {
      rawPath = commentPath;
      body.shift();
    }
    const content = body.join('\n');
    files.push({
      path: rawPath === undefined ? undefined : sanitizeProjectPath(rawPath),
      rawPath,
      content: content.endsWith('\n') || content === '' ? content : `${content}\n`,
      language: fromInfo.language,
      truncated: end < 0,
    });
    if (end < 0) break;
    index = end;
  }
  return files;
}

function asFileRecord(value: unknown): { path: string; content: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const path = record.path ?? record.file_path ?? record.filename ?? record.file;
  const content = record.content ?? record.code;
  return typeof path === 'string' && typeof content === 'string' ? { path, content } : undefined;
}

/** Files given as JSON: `{path, content}`, a list of them, or `{files: [...]}`. */
function jsonFiles(text: string): ExtractedFile[] | undefined {
  const trimmed = text.trim();
  const whole = /^```(?:json)?\s*\n([\s\S]*?)\n```$/i.exec(trimmed)?.[1] ?? trimmed;
  if (!/^[[{]/.test(whole)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(whole);
  } catch {
    try {
      value = JSON.parse(jsonrepair(whole));
    } catch {
      return undefined;
    }
  }
  const list = Array.isArray(value) ? value : Array.isArray((value as { files?: unknown }).files) ? (value as { files: unknown[] }).files : [value];
  const records = list.map(asFileRecord);
  if (records.length === 0 || records.some((record) => record === undefined)) return undefined;
  return (records as Array<{ path: string; content: string }>).map((record) => ({
    path: sanitizeProjectPath(record.path),
    rawPath: record.path,
    content: record.content,
    language: undefined,
    truncated: false,
  }));
}

/** Every file in a model reply, in any of the common forms (JSON, fences with a path nearby). */
export function extractFiles(text: string): ExtractedFile[] {
  return jsonFiles(text) ?? fencedFiles(text);
}
