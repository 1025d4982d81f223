import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from '../languages.ts';
import { definitionCalled, returnedValues } from './functions.ts';
import { localAssignments, visibleAssignments } from './taint.ts';
import { isConstant, isPlainString } from './values.ts';

const FORMAT_CALL = /(^|\.)(format|Sprintf|sprintf|Format|concat|join|printf|vsprintf)$/;
const CALLEE_FIELDS = ['function', 'name'];

function calleeText(node: Node): string {
  for (const field of CALLEE_FIELDS) {
    const callee = node.childForFieldName(field);
    if (callee) return callee.text;
  }
  return '';
}

function containsString(node: Node, spec: LanguageSpec): boolean {
  return spec.kinds.string.includes(node.type) || node.descendantsOfType(spec.kinds.string as string[]).length > 0;
}

/**
 * True when the expression builds a string from non-constant parts: interpolation, concatenation,
 * `%`/format calls, or a local variable assigned such a value.
 */
export function isDynamicString(node: Node, spec: LanguageSpec, depth = 0): boolean {
  const { kinds } = spec;
  if (kinds.string.includes(node.type)) return !isPlainString(node, kinds);
  if (node.type === 'parenthesized_expression' && node.firstNamedChild) return isDynamicString(node.firstNamedChild, spec, depth);
  if (node.type === 'binary_expression' || node.type === 'binary_operator') {
    return containsString(node, spec) && !isConstant(node, kinds);
  }
  if (kinds.call.includes(node.type)) {
    // A query built by one of the file's own functions: `text(availability_query(building, day))`.
    const definition = depth < 2 ? definitionCalled(node, spec) : null;
    if (definition) return returnedValues(definition, spec).some((value) => isDynamicString(value, spec, depth + 1));
    if (!FORMAT_CALL.test(calleeText(node))) return false;
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    return containsString(node, spec) && args.some((arg) => arg !== null && !isConstant(arg, kinds));
  }
  if ((node.type === 'identifier' || node.type === 'variable_name') && depth < 2) {
    return localAssignments(node, spec).some((value) => isDynamicString(value, spec, depth + 1));
  }
  return false;
}

/** The text of the expression plus what local variables in it were assigned (or a file function returns), for keyword checks. */
export function resolvedText(node: Node, spec: LanguageSpec): string {
  const definition = spec.kinds.call.includes(node.type) ? definitionCalled(node, spec) : null;
  if (definition) return [node.text, ...returnedValues(definition, spec).map((value) => value.text)].join('\n');
  if (node.type !== 'identifier' && node.type !== 'variable_name') return node.text;
  return [node.text, ...localAssignments(node, spec).map((value) => value.text)].join('\n');
}

/**
 * The one value a name is assigned, in its function or else in the file (`const ALGORITHM = "des-ede3-cbc"`), or
 * null when it has none or several; any other expression is its own value.
 */
export function soleValue(node: Node, spec: LanguageSpec): Node | null {
  if (node.type !== 'identifier') return node;
  const values = visibleAssignments(node, spec);
  return values.length === 1 ? values[0] ?? null : null;
}
