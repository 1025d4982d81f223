const EXCERPT_CHARS = 500;

/** The start of a long text, for activity summaries. */
export function excerpt(text: string, length = EXCERPT_CHARS): string {
  return text.length <= length ? text : `${text.slice(0, length)}…`;
}
