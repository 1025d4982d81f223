const DIRECTIVE = /(?:#|\/\/|\/\*|--)\s*(nosec|resoftai-ignore-next-line|resoftai-ignore)\b:?\s*((?:[A-Za-z]+\d+[\s,]*)*)/;

/** Per line, the rule ids silenced there, or `all` when the directive names none. */
export class Suppressions {
  private readonly byLine = new Map<number, Set<string> | 'all'>();

  /** Records the directive in a comment spanning lines `startLine`..`endLine` (1-based). */
  addComment(text: string, startLine: number, endLine: number): void {
    const match = DIRECTIVE.exec(text);
    if (!match) return;
    const line = match[1] === 'resoftai-ignore-next-line' ? endLine + 1 : startLine;
    const ids = (match[2] ?? '').split(/[\s,]+/).filter(Boolean).map((id) => id.toUpperCase());
    const current = this.byLine.get(line);
    if (ids.length === 0 || current === 'all') this.byLine.set(line, 'all');
    else this.byLine.set(line, new Set([...(current ?? []), ...ids]));
  }

  isSuppressed(ruleId: string, line: number): boolean {
    const entry = this.byLine.get(line);
    return entry === 'all' || (entry?.has(ruleId) ?? false);
  }
}
