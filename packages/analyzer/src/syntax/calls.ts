import type { Node } from 'web-tree-sitter';
import { resolveImported, type ImportTable } from './imports.ts';

/** A call or constructor invocation, with the same shape in every language. */
export interface CallSite {
  node: Node;
  /**
   * Callee normalised to dots, `subprocess.run`, `Runtime.getRuntime().exec`, `new URL`, with Python import
   * aliases resolved (`h.md5` after `import hashlib as h` is `hashlib.md5`).
   */
  name: string;
  /** Last segment of the callee: `run`, `exec`, `URL`. */
  method: string;
  /** Receiver text before the last segment, `''` for a plain function. */
  receiver: string;
  isConstructor: boolean;
  args: Node[];
  /** Named arguments (`shell=True`, `name: value`), by name. */
  kwargs: Map<string, Node>;
}

const calleeField: Record<string, readonly string[]> = {
  new_expression: ['constructor'],
  object_creation_expression: ['type', 'class'],
};

const constructorTypes = new Set(['new_expression', 'object_creation_expression']);

const RECEIVER_CALL_TYPES = new Set(['method_invocation', 'member_call_expression', 'scoped_call_expression']);

function calleeText(node: Node): string {
  if (RECEIVER_CALL_TYPES.has(node.type)) {
    const nameNode = node.childForFieldName('name');
    const objectNode = node.childForFieldName('object') ?? node.childForFieldName('scope');
    if (nameNode) return objectNode ? `${objectNode.text}.${nameNode.text}` : nameNode.text;
  }
  for (const field of calleeField[node.type] ?? ['function', 'macro']) {
    const callee = node.childForFieldName(field);
    if (callee) return callee.text;
  }
  if (node.type === 'object_creation_expression') {
    const named = node.namedChildren.find((child) => child && child.type !== 'arguments');
    if (named) return named.text;
  }
  return node.firstNamedChild?.text ?? '';
}

function normaliseCallee(text: string): string {
  return text.replace(/\s+/g, '').replace(/->|::|\?\./g, '.').replace(/\$/g, '');
}

function argumentList(node: Node): Node | null {
  return node.childForFieldName('arguments') ?? node.namedChildren.find((child) => child?.type === 'token_tree') ?? null;
}

const ignoredArgumentTypes = new Set(['comment', 'line_comment', 'block_comment', '(', ')', ',']);

function splitArguments(node: Node): { args: Node[]; kwargs: Map<string, Node> } {
  const args: Node[] = [];
  const kwargs = new Map<string, Node>();
  for (const child of argumentList(node)?.namedChildren ?? []) {
    if (!child || ignoredArgumentTypes.has(child.type)) continue;
    if (child.type === 'keyword_argument' || child.type === 'argument') {
      const argName = child.childForFieldName('name');
      const value = child.childForFieldName('value') ?? child.lastNamedChild;
      if (!value) continue;
      if (argName && argName !== value) kwargs.set(argName.text.replace(/[:$]/g, ''), value);
      else args.push(value);
      continue;
    }
    args.push(child);
  }
  return { args, kwargs };
}

/** Describes a call node; arguments are split on first use, as most calls match no rule by name. */
export function callSite(node: Node, imports?: ImportTable): CallSite {
  const written = normaliseCallee(calleeText(node));
  const name = imports ? resolveImported(written, imports) : written;
  const dot = name.lastIndexOf('.', name.endsWith(')') ? name.lastIndexOf('(') : undefined);
  const isConstructor = constructorTypes.has(node.type);
  let split: ReturnType<typeof splitArguments> | undefined;
  return {
    node,
    name: isConstructor ? `new ${name}` : name,
    method: (dot >= 0 ? name.slice(dot + 1) : name).replace(/[!<].*$/, ''),
    receiver: dot >= 0 ? name.slice(0, dot) : '',
    isConstructor,
    get args() {
      split ??= splitArguments(node);
      return split.args;
    },
    get kwargs() {
      split ??= splitArguments(node);
      return split.kwargs;
    },
  };
}
