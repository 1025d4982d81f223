import type { Node } from 'web-tree-sitter';
import type { LanguageId, LanguageSpec } from '../languages.ts';
import type { CallSite } from '../syntax/calls.ts';
import type { TaintOrigin } from '../syntax/taint.ts';
import type { Category, Confidence, Severity, TextEdit } from '../types.ts';

export interface LocalisedText {
  en: string;
  zh: string;
}

export interface RuleMeta {
  id: string;
  name: string;
  title: string;
  category: Category;
  severity: Severity;
  confidence: Confidence;
  cwe: string | null;
  languages: readonly LanguageId[] | 'all';
  /** Message template; `{placeholder}` is filled from the report's data. */
  messages: LocalisedText;
  suggestion: LocalisedText;
  /** Suggestions for code in one language (key `js` for the JavaScript family), where the general one would name another language's API. */
  suggestionByLanguage?: Partial<Record<LanguageId | 'js', LocalisedText>>;
  /** What the mechanical fix does, when the rule offers one. */
  fix?: LocalisedText;
  /** Parse errors are reported as `syntax` issues whatever categories are selected. */
  issueType?: 'syntax';
}

export interface Fix {
  edits: TextEdit[];
}

export interface Report {
  node: Node;
  data?: Record<string, string | number>;
  fix?: Fix;
  severity?: Severity;
  confidence?: Confidence;
}

export interface RuleContext {
  readonly spec: LanguageSpec;
  readonly code: string;
  readonly filePath: string | null;
  report(report: Report): void;
  call(node: Node): CallSite;
  /** Whether the value is fixed by the code itself: literals, and variables and strings built only from them. */
  isConstant(node: Node): boolean;
  /** Whether outside data reaches the value; with `request`, only a network request's (argv and stdin are the operator's own). */
  isTainted(node: Node, origin?: TaintOrigin): boolean;
  /** Loops around the node being visited, inside the current function. */
  loopDepth(): number;
  /** The innermost function around the node being visited. */
  currentFunction(): Node | null;
  /** McCabe complexity of the function being visited, counted so far (complete in `function:exit`). */
  functionComplexity(): number;
  /** Occurrences in the file of identifiers and literal tokens with this text (complete in `program:exit`). */
  tokenCount(text: string): number;
}

/**
 * Handlers by grammar node type, or by the shared kinds `call`, `function`, `loop`, `comment`, `string`;
 * `<key>:exit` runs when the node is left, `program:exit` once at the end.
 */
export type Visitors = Record<string, (node: Node) => void>;

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): Visitors;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

export function appliesTo(rule: Rule, language: LanguageId): boolean {
  return rule.meta.languages === 'all' || rule.meta.languages.includes(language);
}
