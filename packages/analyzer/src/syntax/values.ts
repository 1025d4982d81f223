import type { Node } from 'web-tree-sitter';
import type { NodeKinds } from '../languages.ts';

/** An ALL_CAPS name: by convention a constant of the module. */
export const CONSTANT_NAME = /^[A-Z][A-Z0-9_]+$/;

/** True when the expression's value is fixed in the source: literals, literal containers, ALL_CAPS names. */
export function isConstant(node: Node, kinds: NodeKinds): boolean {
  const type = node.type;
  if (kinds.literal.includes(type)) return true;
  if (kinds.string.includes(type)) return isPlainString(node, kinds);
  if (type === 'identifier' || type === 'name') return CONSTANT_NAME.test(node.text);
  if (kinds.container.includes(type)) {
    return node.namedChildren.every((child) => !child || child.type.endsWith('comment') || isConstant(child, kinds) || isTypeNode(node, child));
  }
  if (type === 'keyword_argument' || type === 'pair') {
    const value = node.childForFieldName('value');
    return value ? isConstant(value, kinds) : false;
  }
  if (type === 'unary_expression' || type === 'unary_operator') {
    const operand = node.lastNamedChild;
    return operand ? isConstant(operand, kinds) : false;
  }
  return false;
}

function isTypeNode(parent: Node, child: Node): boolean {
  return parent.childForFieldName('type')?.equals(child) ?? false;
}

/** A string literal without interpolation (f-string holes, `${}` substitutions, PHP variables). */
export function isPlainString(node: Node, kinds: NodeKinds): boolean {
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (kinds.stringPart.includes(child.type)) {
      if (kinds.string.includes(child.type) && !isPlainString(child, kinds)) return false;
      continue;
    }
    if (child.type.endsWith('comment')) continue;
    return false;
  }
  return true;
}

/** Text of a plain string literal without its quotes, or null when the node is not one. */
export function stringValue(node: Node, kinds: NodeKinds): string | null {
  if (!kinds.string.includes(node.type) || !isPlainString(node, kinds)) return null;
  const parts = node.namedChildren.filter((child) => child && /content|fragment|value|body/.test(child.type));
  if (parts.length > 0) return parts.map((child) => child?.text ?? '').join('');
  return node.text.replace(/^[a-zA-Z@$]*("""|'''|"|'|`)/, '').replace(/("""|'''|"|'|`)$/, '');
}

/** The nearest ancestor of one of the given types. */
export function enclosing(node: Node, types: readonly string[]): Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (types.includes(current.type)) return current;
  }
  return null;
}

// `field` names a Rust struct field in an initializer (`Config { password: "…" }`).
const BINDING_FIELDS = ['left', 'name', 'key', 'pattern', 'declarator', 'field'];
const STATEMENT_END = /statement$|^block$|^statement_block$|^module$|^program$|^source_file$|^translation_unit$|^compilation_unit$/;

const OPERATOR = /binary|comparison|boolean_operator/;
const VALUE_CONSUMER = /call|invocation|subscript|index_expression|element_access|^arguments$|argument_list|comparison|binary/;

/**
 * The name a value is bound to: assignment target, declared variable, keyword or object key; null if none.
 * With `direct`, the value must be bound as it is, not used inside a call, index or operation.
 */
export function bindingName(node: Node, maxUp = 4, direct = false): string | null {
  let child = node;
  for (let current = node.parent, steps = 0; current && steps < maxUp; current = current.parent, steps += 1) {
    if (STATEMENT_END.test(current.type) && current.type !== 'expression_statement') return null;
    if (direct && VALUE_CONSUMER.test(current.type)) return null;
    // An operator's `left` is an operand, not a name being bound.
    if (OPERATOR.test(current.type)) {
      child = current;
      continue;
    }
    for (const field of BINDING_FIELDS) {
      const target = current.childForFieldName(field);
      if (target && !target.equals(child) && target.startIndex <= child.startIndex) return target.text;
    }
    if (current.type === 'array_element_initializer' || current.type === 'keyed_element') {
      const key = current.firstNamedChild;
      if (key && !key.equals(child)) return key.text.replace(/^["']|["']$/g, '');
    }
    if (current.type === 'return_statement') {
      const fn = enclosing(current, ['function_definition', 'function_declaration', 'method_declaration', 'method_definition', 'function_item']);
      return fn?.childForFieldName('name')?.text ?? null;
    }
    child = current;
  }
  return null;
}

const EMPTY_CONTAINER = /^[[({]\s*[\])}]$/;

/**
 * Truth value of a literal as a condition would read it — `True`, `1`, `"yes"`, `[0]` are true; `0`, `""`, `None`
 * false — or null when the node is no literal.
 */
export function literalTruth(node: Node, kinds: NodeKinds): boolean | null {
  const { type, text } = node;
  if (type === 'true') return true;
  if (type === 'false' || type === 'none' || type === 'null' || type === 'undefined') return false;
  if (kinds.literal.includes(type)) return Number(text.replace(/_/g, '')) !== 0;
  const value = stringValue(node, kinds);
  if (value !== null) return value !== '';
  if (['list', 'tuple', 'set', 'dictionary', 'array'].includes(type)) return !EMPTY_CONTAINER.test(text);
  return null;
}

/** Value of an integer literal (`2048`, `0o777`, `0x1ff`, `1_024`), or null when the node is none. */
export function integerValue(node: Node): number | null {
  if (node.type !== 'integer' && node.type !== 'number' && node.type !== 'int_literal') return null;
  const value = Number(node.text.replace(/_/g, '').replace(/[lL]$/, ''));
  return Number.isInteger(value) ? value : null;
}

/** The class or constant a Python expression names, through one call: `ec.SECP192R1()`, `ec.SECP192R1` and `SECP192R1` give `SECP192R1`. */
export function referencedName(node: Node): Node | null {
  const reference = node.type === 'call' ? node.childForFieldName('function') : node;
  if (reference?.type === 'attribute') return reference.childForFieldName('attribute');
  return reference?.type === 'identifier' ? reference : null;
}
