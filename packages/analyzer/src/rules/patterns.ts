import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../languages.ts';
import type { CallSite } from '../syntax/calls.ts';
import type { TaintOrigin } from '../syntax/taint.ts';
import type { Fix, RuleContext } from './rule.ts';

export const JS_FAMILY: readonly LanguageId[] = ['javascript', 'typescript', 'tsx'];

/** Per-language patterns; the key `js` stands for JavaScript, TypeScript and TSX. */
export type PatternTable = LanguageTable<RegExp>;

/** Per-language values; the key `js` stands for JavaScript, TypeScript and TSX. */
export type LanguageTable<T> = Partial<Record<LanguageId | 'js', T>>;

export function patternFor<T = RegExp>(table: LanguageTable<T>, language: LanguageId): T | undefined {
  return table[language] ?? (JS_FAMILY.includes(language) ? table.js : undefined);
}

export function tableLanguages(table: PatternTable): LanguageId[] {
  return Object.keys(table).flatMap((key) => (key === 'js' ? [...JS_FAMILY] : [key as LanguageId]));
}

/** Fix that replaces one node's text. */
export function replaceNode(node: Node, text: string, extra: Fix['edits'] = []): Fix {
  return { edits: [{ start: node.startIndex, end: node.endIndex, text }, ...extra] };
}

/** Edit that adds `import <module>` to a Python module after its docstring and `__future__` imports. */
export function pythonImportEdit(root: Node, module: string): Fix['edits'] {
  const alreadyImported = root.namedChildren.some((child) =>
    child?.type === 'import_statement' && child.namedChildren.some((name) => name?.text === module));
  if (alreadyImported) return [];
  const anchor = root.namedChildren.find((child) => child !== null && child.type !== 'comment'
    && !(child.type === 'expression_statement' && child.firstNamedChild?.type === 'string')
    && child.type !== 'future_import_statement');
  const start = anchor ? anchor.startIndex - anchor.startPosition.column : root.endIndex;
  const prefix = anchor || root.text.endsWith('\n') || root.text === '' ? '' : '\n';
  return [{ start, end: start, text: `${prefix}import ${module}\n` }];
}

/** A sink: callee pattern and which arguments must not carry outside data (`all` = any of them). */
export interface TaintSink {
  callee: RegExp;
  args: number[] | 'all';
}

/** Whether outside data (only a request's, for `request`) reaches the expression past no sanitizer. */
export function carriesInput(node: Node, context: RuleContext, origin: TaintOrigin = 'any'): boolean {
  return !context.isConstant(node) && context.isTainted(node, origin);
}

/** Returns the callee when a call's watched arguments carry outside data past no sanitizer. */
export function taintedSink(call: CallSite, sinks: readonly TaintSink[] | undefined, context: RuleContext, origin: TaintOrigin = 'any'): string | null {
  const sink = sinks?.find((candidate) => candidate.callee.test(call.name));
  if (!sink) return null;
  const watched = sink.args === 'all' ? call.args : sink.args.map((index) => (index < 0 ? call.args.at(index) : call.args[index]));
  const hit = watched.some((arg) => arg !== undefined && carriesInput(arg, context, origin));
  return hit ? call.name.replace(/^new /, '') : null;
}

/** Fix that appends `text` (say `secure=True`) as the last argument of a Python call's argument list. */
export function appendArguments(argumentList: Node, text: string): Fix {
  const close = argumentList.lastChild;
  const end = close?.type === ')' ? close.startIndex : argumentList.endIndex;
  const empty = !argumentList.namedChildren.some((child) => child !== null && child.type !== 'comment');
  const separator = empty ? '' : close?.previousSibling?.type === ',' ? ' ' : ', ';
  return { edits: [{ start: end, end, text: `${separator}${text}` }] };
}
