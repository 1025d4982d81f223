import type { Node, Tree } from 'web-tree-sitter';
import type { LanguageId, LanguageSpec } from '../languages.ts';
import { enclosing } from './values.ts';

/** Expressions that carry data from the outside world (HTTP requests, argv, stdin). */
const SOURCES: Record<LanguageId, RegExp> = {
  python: /\brequest\.(args|form|values|files|json|data|cookies|headers|GET|POST|FILES|COOKIES|body|query_params|path_params|get_json)\b|\binput\(|\bsys\.argv\b/,
  javascript: /\b(req|request)\.(query|params|body|cookies|headers|url|originalUrl|path)\b|\bctx\.(query|params|request)\b|\blocation\.(search|hash|href)\b|\bdocument\.(URL|referrer|cookie)\b|\bprocess\.argv\b/,
  typescript: /\b(req|request)\.(query|params|body|cookies|headers|url|originalUrl|path)\b|\bctx\.(query|params|request)\b|\blocation\.(search|hash|href)\b|\bdocument\.(URL|referrer|cookie)\b|\bprocess\.argv\b/,
  tsx: /\b(req|request)\.(query|params|body|cookies|headers|url|originalUrl|path)\b|\blocation\.(search|hash|href)\b|\bdocument\.(URL|referrer|cookie)\b/,
  java: /\.get(Parameter|ParameterValues|Header|QueryString|Cookies|InputStream|Reader|PathInfo)\(/,
  go: /\br\.(URL\.Query\(\)|FormValue\b|PostFormValue\b|Form\b|PostForm\b|URL\.Path\b|Body\b|Header\.Get\b)|\bc\.(Query|Param|PostForm|DefaultQuery)\(|\bos\.Args\b/,
  rust: /\benv::args\(|\bQuery\(|\bPath\(/,
  c: /\bargv\b|\bgetenv\(/,
  cpp: /\bargv\b|\bgetenv\(/,
  csharp: /\bRequest\.(Query|Form|QueryString|Params|Cookies|Headers)\b/,
  php: /\$_(GET|POST|REQUEST|COOKIE|FILES|SERVER)\b|\$request->(input|get|query|post)\(/,
};

const ROUTE_DECORATOR = /\.(route|get|post|put|patch|delete|api_route)\(/;
const IDENTIFIER_TYPES = new Set(['identifier', 'variable_name', 'shorthand_property_identifier']);
const MAX_DEPTH = 3;

/** Assigned values by variable name, per scope of each tree: taint rules ask about many names of one scope. */
const assignmentsByTree = new WeakMap<Tree, Map<number, Map<string, Node[]>>>();

function assignmentsIn(scope: Node, spec: LanguageSpec): Map<string, Node[]> {
  let scopes = assignmentsByTree.get(scope.tree);
  if (!scopes) {
    scopes = new Map();
    assignmentsByTree.set(scope.tree, scopes);
  }
  let byName = scopes.get(scope.id);
  if (!byName) {
    byName = new Map();
    for (const assignment of scope.descendantsOfType(spec.kinds.assignment as string[])) {
      if (!assignment) continue;
      const left = assignment.childForFieldName('left') ?? assignment.childForFieldName('name')
        ?? assignment.childForFieldName('pattern') ?? assignment.childForFieldName('declarator');
      const right = assignment.childForFieldName('right') ?? assignment.childForFieldName('value');
      if (!left || !right) continue;
      const name = left.text.replace(/^\$/, '');
      const values = byName.get(name);
      if (values) values.push(right);
      else byName.set(name, [right]);
    }
    scopes.set(scope.id, byName);
  }
  return byName;
}

/** The values assigned to `name` anywhere in `scope`, in source order. */
export function assignedValues(scope: Node, name: string, spec: LanguageSpec): Node[] {
  return assignmentsIn(scope, spec).get(name) ?? [];
}

function isRouteParameter(identifier: Node, scope: Node | null, spec: LanguageSpec): boolean {
  if (spec.id !== 'python' || !scope || scope.parent?.type !== 'decorated_definition') return false;
  const decorated = scope.parent.namedChildren.some((child) => child?.type === 'decorator' && ROUTE_DECORATOR.test(child.text));
  if (!decorated) return false;
  const parameters = scope.childForFieldName('parameters');
  return parameters?.namedChildren.some((param) => param?.text.split(/[:=]/)[0]?.trim() === identifier.text) ?? false;
}

/** The name a parameter binds: `url`, `url=None`, `url: str`, `url?: string`, `{ url }` gives null. */
function parameterName(parameter: Node): string | null {
  if (parameter.type === 'identifier') return parameter.text;
  const named = parameter.childForFieldName('name') ?? parameter.childForFieldName('pattern') ?? parameter.childForFieldName('left') ?? parameter.firstNamedChild;
  return named?.type === 'identifier' ? named.text : null;
}

/** The name a function is called by: its own, or the variable an arrow function or function expression is assigned to. */
function functionName(scope: Node): string | null {
  const own = scope.childForFieldName('name');
  if (own) return own.text;
  const holder = scope.parent;
  return holder?.type === 'variable_declarator' ? holder.childForFieldName('name')?.text ?? null : null;
}

/** The call a callee name at `at` belongs to: `name(…)`, `obj.name(…)`, `self.name(…)`. */
function callAt(root: Node, at: number, name: string, spec: LanguageSpec): Node | null {
  const identifier = root.descendantForIndex(at, at + name.length);
  if (!identifier || identifier.text !== name) return null;
  const callee = /attribute|member_expression/.test(identifier.parent?.type ?? '') ? identifier.parent : identifier;
  const call = callee?.parent;
  return call && spec.kinds.call.includes(call.type) && call.childForFieldName('function')?.equals(callee!) ? call : null;
}

/**
 * One level of summary across functions of a file: a parameter carries request data when a call of its function in
 * the same file passes request data in its place (by position, or by keyword in Python).
 */
function parameterFedByInput(identifier: Node, scope: Node, spec: LanguageSpec, depth: number): boolean {
  if (spec.id !== 'python' && !['javascript', 'typescript', 'tsx'].includes(spec.id)) return false;
  const parameters = (scope.childForFieldName('parameters') ?? scope.childForFieldName('parameter'))?.namedChildren
    .filter((child): child is Node => child !== null && !child.type.endsWith('comment')) ?? [];
  const names = parameters.map(parameterName);
  const index = names.indexOf(identifier.text);
  const name = index >= 0 ? functionName(scope) : null;
  if (!name) return false;
  const root = scope.tree.rootNode;
  const text = root.text;
  // Python methods are called without their `self`.
  const bound = spec.id === 'python' && (names[0] === 'self' || names[0] === 'cls') ? 1 : 0;
  for (let at = text.indexOf(`${name}(`); at >= 0; at = text.indexOf(`${name}(`, at + name.length)) {
    const call = callAt(root, root.startIndex + at, name, spec);
    if (!call || (call.startIndex >= scope.startIndex && call.endIndex <= scope.endIndex)) continue;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((child): child is Node => child !== null && !child.type.endsWith('comment')) ?? [];
    const keyword = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === identifier.text)?.childForFieldName('value');
    const isMethodCall = call.childForFieldName('function')?.type === 'attribute';
    const positional = args.filter((arg) => arg.type !== 'keyword_argument')[index - (isMethodCall ? bound : 0)];
    const passed = keyword ?? positional;
    if (passed && isTainted(passed, spec, depth + 1)) return true;
  }
  return false;
}

const CONSTANT_NAME = /^[A-Z][A-Z0-9_]+$/;
const COMPARISON = /^(==|!=|===|!==|<|>|<=|>=|in|not in|is|is not|instanceof)$/;

/**
 * Whether the identifier's value stops short of `top`: used only as the key into a constant mapping
 * (`ALLOWED[name]` picks one of the code's own values) or inside a comparison, which gives a boolean.
 */
function screened(identifier: Node, top: Node): boolean {
  for (let child = identifier, current = identifier.parent; current && !child.equals(top); child = current, current = current.parent) {
    if (/^(subscript|subscript_expression)$/.test(current.type)) {
      const container = current.childForFieldName('value') ?? current.childForFieldName('object');
      if (container && !container.equals(child) && CONSTANT_NAME.test(container.text)) return true;
    }
    if (current.type === 'comparison_operator') return true;
    if (current.type === 'binary_expression' && COMPARISON.test(current.childForFieldName('operator')?.text ?? '')) return true;
  }
  return false;
}

/** True when request data (or argv/stdin) can reach `node`, following local assignments a few steps. */
export function isTainted(node: Node, spec: LanguageSpec, depth = 0): boolean {
  if (SOURCES[spec.id].test(node.text)) return true;
  if (depth >= MAX_DEPTH) return false;
  const scope = enclosing(node, spec.kinds.function);
  const identifiers = IDENTIFIER_TYPES.has(node.type) ? [node] : node.descendantsOfType([...IDENTIFIER_TYPES]);
  for (const identifier of identifiers) {
    if (!identifier || screened(identifier, node)) continue;
    if (isRouteParameter(identifier, scope, spec)) return true;
    if (scope && parameterFedByInput(identifier, scope, spec, depth)) return true;
    const name = identifier.text.replace(/^\$/, '');
    const values = assignedValues(scope ?? identifier.tree.rootNode, name, spec);
    if (values.some((value) => value.startIndex < node.startIndex && isTainted(value, spec, depth + 1))) return true;
  }
  return false;
}

/** The expressions assigned to a plain variable in the enclosing function (or file), in source order. */
export function localAssignments(identifier: Node, spec: LanguageSpec): Node[] {
  const scope = enclosing(identifier, spec.kinds.function) ?? identifier.tree.rootNode;
  return assignedValues(scope, identifier.text.replace(/^\$/, ''), spec).filter((value) => value.startIndex < identifier.startIndex);
}
