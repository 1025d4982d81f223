import type { Node } from 'web-tree-sitter';
import type { NodeKinds } from '../languages.ts';

const CONSTANT_NAME = /^[A-Z][A-Z0-9_]+$/;

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

const BINDING_FIELDS = ['left', 'name', 'key', 'pattern', 'declarator'];
const STATEMENT_END = /statement$|^block$|^module$|^program$|^source_file$|^translation_unit$|^compilation_unit$/;

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
