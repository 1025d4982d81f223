import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from '../languages.ts';
import { localAssignments } from './taint.ts';
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
    if (!FORMAT_CALL.test(calleeText(node))) return false;
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    return containsString(node, spec) && args.some((arg) => arg !== null && !isConstant(arg, kinds));
  }
  if ((node.type === 'identifier' || node.type === 'variable_name') && depth < 2) {
    return localAssignments(node, spec).some((value) => isDynamicString(value, spec, depth + 1));
  }
  return false;
}

/** The text of the expression plus what local variables in it were assigned, for keyword checks. */
export function resolvedText(node: Node, spec: LanguageSpec): string {
  if (node.type !== 'identifier' && node.type !== 'variable_name') return node.text;
  return [node.text, ...localAssignments(node, spec).map((value) => value.text)].join('\n');
}
