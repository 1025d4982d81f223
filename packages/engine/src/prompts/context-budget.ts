/** A part of a prompt; when the whole is over budget, the lowest `priority` is trimmed first. */
export interface PromptSection {
  title: string;
  body: string;
  priority: number;
}

const TRIM_MARK = '\n…[trimmed to fit the context budget]';

/** A rough token count: ~4 characters per token for Latin text, ~1 per character for CJK. */
export function estimateTokens(text: string): number {
  let wide = 0;
  for (const char of text) if (char.charCodeAt(0) > 0x2e7f) wide++;
  return Math.ceil((text.length - wide) / 4) + wide;
}

function cut(text: string, tokens: number): string {
  if (tokens <= 0) return '';
  if (estimateTokens(text) <= tokens) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (estimateTokens(text.slice(0, middle)) + estimateTokens(TRIM_MARK) <= tokens) low = middle;
    else high = middle - 1;
  }
  return low === 0 ? '' : text.slice(0, low) + TRIM_MARK;
}

/**
 * Joins sections as Markdown under `budgetTokens`, trimming the least important ones first;
 * a section trimmed to nothing is left out.
 */
export function fitSections(sections: PromptSection[], budgetTokens: number): string {
  const render = (title: string, body: string) => `## ${title}\n${body.trim()}\n`;
  const cost = sections.map((section) => estimateTokens(render(section.title, section.body)));
  let over = cost.reduce((sum, tokens) => sum + tokens, 0) - budgetTokens;
  const bodies = sections.map((section) => section.body);
  const order = sections.map((_, index) => index).sort((a, b) => (sections[a]?.priority ?? 0) - (sections[b]?.priority ?? 0));
  for (const index of order) {
    if (over <= 0) break;
    const section = sections[index] as PromptSection;
    const overhead = estimateTokens(render(section.title, ''));
    const available = (cost[index] ?? 0) - overhead - over;
    const trimmed = cut(section.body, available);
    const newCost = trimmed === '' ? 0 : estimateTokens(render(section.title, trimmed));
    over -= (cost[index] ?? 0) - newCost;
    bodies[index] = trimmed;
  }
  return sections
    .map((section, index) => (bodies[index] === '' ? '' : render(section.title, bodies[index] ?? '')))
    .filter(Boolean)
    .join('\n');
}

/** Files as Markdown: a heading with the path, then the content in a fence. */
export function filesAsMarkdown(files: ReadonlyArray<{ path: string; content: string }>): string {
  return files.map((file) => `### ${file.path}\n\`\`\`\n${file.content.endsWith('\n') ? file.content : `${file.content}\n`}\`\`\``).join('\n\n');
}
