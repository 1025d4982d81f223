import type { Node } from 'web-tree-sitter';

const PARAMETER_LIST_TYPES = ['parameters', 'formal_parameters', 'parameter_list', 'function_value_parameters'];
const IMPLICIT_PARAMETERS = new Set(['self', 'cls', '&self', '&mut self', 'self: Self']);

function declaratorOf(node: Node): Node | null {
  let declarator = node.childForFieldName('declarator');
  while (declarator && declarator.type !== 'function_declarator') declarator = declarator.childForFieldName('declarator');
  return declarator;
}

/** The declared name of a function, or of the variable or property an anonymous function is assigned to. */
export function functionName(node: Node): string {
  const name = node.childForFieldName('name') ?? declaratorOf(node)?.childForFieldName('declarator');
  if (name) return name.text;
  const parent = node.parent;
  const holder = parent?.childForFieldName('name') ?? parent?.childForFieldName('left') ?? parent?.childForFieldName('key');
  return holder && !holder.equals(node) ? holder.text.replace(/^['"]|['"]$/g, '') : '<anonymous>';
}

/** Declared parameters, without the implicit receiver (`self`, `cls`). */
export function functionParameters(node: Node): Node[] {
  const list = node.childForFieldName('parameters') ?? declaratorOf(node)?.childForFieldName('parameters')
    ?? node.namedChildren.find((child) => child !== null && PARAMETER_LIST_TYPES.includes(child.type)) ?? null;
  if (!list) return [];
  if (list.type === 'identifier') return [list];
  return list.namedChildren.filter((child): child is Node =>
    child !== null && !child.type.endsWith('comment') && !IMPLICIT_PARAMETERS.has(child.text) && child.type !== 'self_parameter');
}
