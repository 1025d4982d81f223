import type { Point } from 'web-tree-sitter';
import type { FunctionMetrics, Metrics } from './types.ts';

const BOOLEAN_OPERATORS = new Set(['&&', '||', '??', 'and', 'or']);
const QUOTE_TOKEN = /^["'`]|^string_(start|end)$|^"""$|^'''$/;

interface FunctionFrame {
  name: string;
  line: number;
  endLine: number;
  decisions: number;
}

/** Accumulates line counts, McCabe complexity and Halstead counts while the engine walks the tree. */
export class MetricsCollector {
  /** Spans of comments as [startRow, startColumn, endRow, endColumn], 0-based. */
  private readonly comments: [number, number, number, number][] = [];
  private readonly frames: FunctionFrame[] = [];
  private readonly functions: FunctionMetrics[] = [];
  private moduleDecisions = 0;
  private readonly operators = new Map<string, number>();
  private readonly operands = new Map<string, number>();

  enterFunction(name: string, line: number, endLine: number): void {
    this.frames.push({ name, line, endLine, decisions: 0 });
  }

  exitFunction(): void {
    const frame = this.frames.pop();
    if (frame) this.functions.push({ name: frame.name, line: frame.line, complexity: frame.decisions + 1, lines: frame.endLine - frame.line + 1 });
  }

  decision(): void {
    const frame = this.frames.at(-1);
    if (frame) frame.decisions += 1;
    else this.moduleDecisions += 1;
  }

  /** Complexity so far of the function being walked. */
  currentComplexity(): number {
    return (this.frames.at(-1)?.decisions ?? 0) + 1;
  }

  comment(start: Point, end: Point): void {
    this.comments.push([start.row, start.column, end.row, end.column]);
  }

  operand(text: string): void {
    if (text.length > 0) this.operands.set(text, (this.operands.get(text) ?? 0) + 1);
  }

  /** How often a named token (identifier, literal) with this text occurs in the file so far. */
  operandCount(text: string): number {
    return this.operands.get(text) ?? 0;
  }

  operator(type: string): void {
    if (BOOLEAN_OPERATORS.has(type)) this.decision();
    if (!QUOTE_TOKEN.test(type)) this.operators.set(type, (this.operators.get(type) ?? 0) + 1);
  }

  /** Lines whose only non-blank content is comment text. */
  private commentOnlyLines(rows: readonly string[]): Set<number> {
    const remaining = new Map<number, string>();
    for (const [startRow, startColumn, endRow, endColumn] of this.comments) {
      for (let row = startRow; row <= endRow; row += 1) {
        const text = remaining.get(row) ?? rows[row] ?? '';
        const from = row === startRow ? startColumn : 0;
        const to = row === endRow ? endColumn : text.length;
        remaining.set(row, text.slice(0, from) + ' '.repeat(Math.max(0, to - from)) + text.slice(to));
      }
    }
    const commentOnly = new Set<number>();
    for (const [row, text] of remaining) if (text.trim() === '' && (rows[row] ?? '').trim() !== '') commentOnly.add(row);
    return commentOnly;
  }

  finish(code: string, issueCount: number): Omit<Metrics, 'counts' | 'analysis_time_ms'> {
    const rows = code.split('\n');
    const total = code.length === 0 ? 0 : code.endsWith('\n') ? rows.length - 1 : rows.length;
    const commentOnly = this.commentOnlyLines(rows);
    let blank = 0;
    for (let row = 0; row < total; row += 1) if ((rows[row] ?? '').trim() === '') blank += 1;
    const comment = commentOnly.size;
    const codeCount = total - blank - comment;
    const complexities = this.functions.map((fn) => fn.complexity);
    const totalComplexity = complexities.reduce((sum, value) => sum + value, 0) + this.moduleDecisions;
    const halstead = halsteadCounts(this.operators, this.operands);
    return {
      lines: { total, code: codeCount, comment, blank },
      complexity: {
        total: Math.max(totalComplexity, 1),
        max: Math.max(1, ...complexities),
        average: complexities.length ? round(totalComplexity / complexities.length) : 1,
        functions: [...this.functions].sort((a, b) => a.line - b.line),
      },
      halstead,
      maintainability_index: maintainabilityIndex(halstead.volume, Math.max(totalComplexity, 1), codeCount),
      issue_density_per_kloc: codeCount > 0 ? round((issueCount * 1000) / codeCount) : 0,
    };
  }
}

function halsteadCounts(operators: Map<string, number>, operands: Map<string, number>): Metrics['halstead'] {
  const sum = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);
  const length = sum(operators) + sum(operands);
  const vocabulary = operators.size + operands.size;
  return {
    distinct_operators: operators.size,
    distinct_operands: operands.size,
    operators: sum(operators),
    operands: sum(operands),
    volume: vocabulary > 1 ? round(length * Math.log2(vocabulary)) : 0,
  };
}

/** Visual Studio / radon: max(0, (171 − 5.2·ln V − 0.23·G − 16.2·ln LOC) · 100 / 171). */
export function maintainabilityIndex(volume: number, complexity: number, codeLines: number): number {
  if (codeLines === 0) return 100;
  const raw = 171 - 5.2 * Math.log(Math.max(volume, 1)) - 0.23 * complexity - 16.2 * Math.log(codeLines);
  return round(Math.min(100, Math.max(0, (raw * 100) / 171)));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
