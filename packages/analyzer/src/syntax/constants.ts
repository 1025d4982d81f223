import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from '../languages.ts';
import { definitionCalled, returnedValues } from './functions.ts';
import { guardOf } from './guards.ts';
import { enclosing, isConstant, stringValue } from './values.ts';

const NAME_TYPES = ['identifier', 'variable_name', 'shorthand_property_identifier_pattern'];
/** Parents through which a name is bound other than by a plain assignment: parameters, loop targets, `as`, destructuring, imports, definitions. */
const OTHER_BINDING = /parameter|pattern|for|catch|except|named_expression|import|dotted_name|global|nonlocal|definition|declaration|lambda/;
const BINDING_FIELDS = ['left', 'name', 'pattern'];
const TYPE_NODE = /^(type_annotation|object_type|function_type|type_arguments|interface_body)$/;
const VALUE_FIELDS = ['right', 'value'];
/** Parts of an interpolation that are not the interpolated expression. */
const FORMAT_PARTS = new Set(['format_specifier', 'type_conversion']);
const MAX_DEPTH = 3;

function fieldOf(node: Node, fields: readonly string[]): Node | null {
  for (const field of fields) {
    const child = node.childForFieldName(field);
    if (child) return child;
  }
  return null;
}

/**
 * The name's identifier nodes in `scope`. The text is searched and each hit confirmed in the tree, as visiting every
 * identifier of a function from here costs more than the rest of a sink check.
 */
function occurrencesOf(scope: Node, name: string): Node[] {
  const text = scope.text;
  const found: Node[] = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    const node = scope.descendantForIndex(scope.startIndex + at, scope.startIndex + at + name.length);
    if (node && NAME_TYPES.includes(node.type) && node.startIndex === scope.startIndex + at && node.text === name) found.push(node);
  }
  return found;
}

/** TypeScript types name parameters that bind nothing: `db: { query(sql: string): void }`. */
function inTypeAnnotation(occurrence: Node, scope: Node): boolean {
  for (let current = occurrence.parent; current && !current.equals(scope); current = current.parent) {
    if (TYPE_NODE.test(current.type)) return true;
  }
  return false;
}

/**
 * Whether every binding of `name` in `scope` assigns a value fixed by the code; null when `scope` does not bind it.
 * Any binding other than a plain assignment (a parameter, a loop target) means the value comes from elsewhere.
 */
function bindingsConstant(scope: Node, name: string, spec: LanguageSpec, depth: number): boolean | null {
  let bound = false;
  for (const occurrence of occurrencesOf(scope, name)) {
    const parent = occurrence.parent;
    if (!parent || inTypeAnnotation(occurrence, scope)) continue;
    if (spec.kinds.assignment.includes(parent.type) && fieldOf(parent, BINDING_FIELDS)?.equals(occurrence)) {
      const value = fieldOf(parent, VALUE_FIELDS);
      // A declaration without a value (`let cmd;`) binds nothing yet.
      if (!value) continue;
      if (!isConstantValue(value, spec, depth + 1)) return false;
      bound = true;
    } else if (OTHER_BINDING.test(parent.type)) {
      return false;
    }
  }
  return bound ? true : null;
}

function interpolationsConstant(node: Node, spec: LanguageSpec, depth: number): boolean {
  return node.namedChildren.every((child) => {
    if (!child || child.type.endsWith('comment')) return true;
    if (spec.kinds.string.includes(child.type)) return interpolationsConstant(child, spec, depth);
    if (spec.kinds.stringPart.includes(child.type)) return true;
    const parts = child.namedChildren.filter((part): part is Node => part !== null && !FORMAT_PARTS.has(part.type));
    return parts.length > 0 && parts.every((part) => isConstantValue(part, spec, depth));
  });
}

/** `"ls {}".format(DIR)`: a format method called on a constant string with constant arguments. */
function isConstantFormat(node: Node, spec: LanguageSpec, depth: number): boolean {
  const callee = node.childForFieldName('function');
  const receiver = callee?.childForFieldName('object');
  if (!receiver || callee?.childForFieldName('attribute')?.text !== 'format' || stringValue(receiver, spec.kinds) === null) return false;
  const args = node.childForFieldName('arguments')?.namedChildren ?? [];
  return args.every((arg) => arg !== null && isConstantValue(arg, spec, depth));
}

const COUNT = /^([\w$.]+\.(length|size)|len\([\w.]+\))$/;
const FALLBACK_OPERATOR = /^(or|and|\|\||&&|\?\?)$/;

/** A read from a mapping named by a variable: `M[key]`, `M.get(key, default)`, and in JS `M.key`. */
function lookedUpIn(node: Node): { container: Node; fallback: Node | null } | null {
  if (node.type === 'subscript' || node.type === 'subscript_expression') {
    const container = node.childForFieldName('value') ?? node.childForFieldName('object');
    return container && NAME_TYPES.includes(container.type) ? { container, fallback: null } : null;
  }
  if (node.type === 'member_expression') {
    const container = node.childForFieldName('object');
    return container && NAME_TYPES.includes(container.type) ? { container, fallback: null } : null;
  }
  const callee = node.type === 'call' ? node.childForFieldName('function') : null;
  const container = callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'get' ? callee.childForFieldName('object') : null;
  const args = node.childForFieldName('arguments')?.namedChildren.filter((arg): arg is Node => arg !== null && !arg.type.endsWith('comment')) ?? [];
  return container && NAME_TYPES.includes(container.type) && args.length === 2 ? { container, fallback: args[1]! } : null;
}

/**
 * True when the expression's value is fixed by the code itself: a constant, a string or container built only from
 * constants, or a variable every assignment of which (in its function, else in the file) is such a value.
 */
export function isConstantValue(node: Node, spec: LanguageSpec, depth = 0): boolean {
  const { kinds } = spec;
  // A name's bindings come first: an ALL_CAPS name imported or read from the environment is no constant of this code.
  // Past `if name not in ALLOWED: return`, or in `name if name in ALLOWED else …`, the value is one of the code's own.
  if (NAME_TYPES.includes(node.type) && guardOf(node, spec) === 'constant') return true;
  if (NAME_TYPES.includes(node.type) && depth < MAX_DEPTH) {
    const name = node.text;
    const scope = enclosing(node, kinds.function);
    return (scope && bindingsConstant(scope, name, spec, depth)) ?? bindingsConstant(node.tree.rootNode, name, spec, depth) ?? isConstant(node, kinds);
  }
  if (isConstant(node, kinds)) return true;
  // Only steps from a name to its bindings count against the depth: the parts of one expression are finite.
  if (node.type === 'conditional_expression' || node.type === 'ternary_expression') {
    const condition = node.childForFieldName('condition') ?? node.namedChildren[1];
    return node.namedChildren.every((branch) => !branch || branch.equals(condition!) || branch.type.endsWith('comment') || isConstantValue(branch, spec, depth));
  }
  if (kinds.string.includes(node.type)) return interpolationsConstant(node, spec, depth);
  // A count carries none of its input's text: `$${params.length}` placeholders, `"LIMIT %d" % len(ids)`.
  if (COUNT.test(node.text) && /^(member_expression|call)$/.test(node.type)) return true;
  const lookup = lookedUpIn(node);
  // `SORT_COLUMNS[key]` and `SORT_COLUMNS.get(key, "name")` pick one of a constant mapping's values, whatever the key.
  if (lookup) return isConstantValue(lookup.container, spec, depth) && (lookup.fallback === null || isConstantValue(lookup.fallback, spec, depth));
  if (/^(boolean_operator|binary_expression)$/.test(node.type) && FALLBACK_OPERATOR.test(node.childForFieldName('operator')?.text ?? '')) {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    return left !== null && right !== null && isConstantValue(left, spec, depth) && isConstantValue(right, spec, depth);
  }
  if (node.type === 'parenthesized_expression' && node.namedChildCount === 1) return isConstantValue(node.firstNamedChild!, spec, depth);
  if (node.type === 'keyword_argument' || node.type === 'pair') {
    const value = node.childForFieldName('value');
    return value !== null && isConstantValue(value, spec, depth);
  }
  if (kinds.container.includes(node.type) || node.type === 'dictionary' || node.type === 'object') {
    return node.namedChildren.every((child) => !child || child.type.endsWith('comment') || isConstantValue(child, spec, depth));
  }
  if (kinds.call.includes(node.type)) {
    // One of the file's functions that returns only constants (`def base_query(): return "SELECT …"`).
    const definition = depth < MAX_DEPTH ? definitionCalled(node, spec) : null;
    if (definition) {
      const returned = returnedValues(definition, spec);
      return returned.length > 0 && returned.every((value) => isConstantValue(value, spec, depth + 1));
    }
    return isConstantFormat(node, spec, depth);
  }
  return false;
}
