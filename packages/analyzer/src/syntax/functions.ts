import type { Node, Tree } from 'web-tree-sitter';
import type { LanguageSpec } from '../languages.ts';
import { enclosing } from './values.ts';

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

/** Functions of a file by the name they are called by. */
const functionsByTree = new WeakMap<Tree, Map<string, Node>>();

/** The function the file declares under the name a call uses: `render_results(…)`, `self.render(…)`, `this.load(…)`. */
export function definitionCalled(call: Node, spec: LanguageSpec): Node | null {
  const callee = call.childForFieldName('function');
  if (!callee) return null;
  const receiver = callee.childForFieldName('object');
  const name = callee.type === 'identifier' ? callee.text
    : receiver && /^(self|cls|this)$/.test(receiver.text) ? (callee.childForFieldName('attribute') ?? callee.childForFieldName('property'))?.text : null;
  if (!name) return null;
  let functions = functionsByTree.get(call.tree);
  if (!functions) {
    functions = new Map();
    for (const definition of call.tree.rootNode.descendantsOfType(spec.kinds.function as string[])) {
      const defined = definition ? functionName(definition) : null;
      if (definition && defined && !functions.has(defined)) functions.set(defined, definition);
    }
    functionsByTree.set(call.tree, functions);
  }
  return functions.get(name) ?? null;
}

/** The values a function returns: its own `return` expressions (not those of functions inside it), or an arrow's expression body. */
export function returnedValues(definition: Node, spec: LanguageSpec): Node[] {
  const body = definition.childForFieldName('body');
  if (body && body.type !== 'statement_block' && body.type !== 'block') return [body];
  return definition.descendantsOfType('return_statement')
    .filter((statement): statement is Node => statement !== null && enclosing(statement, spec.kinds.function)?.equals(definition) === true)
    .map((statement) => statement.firstNamedChild)
    .filter((value): value is Node => value !== null);
}
