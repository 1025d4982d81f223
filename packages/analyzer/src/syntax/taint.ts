import type { Node, Tree } from 'web-tree-sitter';
import type { LanguageId, LanguageSpec } from '../languages.ts';
import { definitionCalled, functionName, returnedValues } from './functions.ts';
import { guardOf } from './guards.ts';
import { CONSTANT_NAME, enclosing } from './values.ts';

/** Where tainted data may come from: anywhere outside the code, or only a network request (not argv, stdin, environment). */
export type TaintOrigin = 'any' | 'request';

const JS_REQUEST = /\b(req|request)\.(query|params|body|cookies|headers|url|originalUrl|path)\b|\bctx\.(query|params|request)\b|\blocation\.(search|hash|href)\b|\bdocument\.(URL|referrer|cookie)\b/g;
/** Expressions that carry data from a network request. */
const REQUEST_SOURCES: Record<LanguageId, RegExp | null> = {
  python: /\brequest\.(args|form|values|files|json|data|cookies|headers|GET|POST|FILES|COOKIES|body|query_params|path_params|get_json)\b/g,
  javascript: JS_REQUEST,
  typescript: JS_REQUEST,
  tsx: JS_REQUEST,
  java: /\.get(Parameter|ParameterValues|Header|QueryString|Cookies|InputStream|Reader|PathInfo)\(/g,
  go: /\br\.(URL\.Query\(\)|FormValue\b|PostFormValue\b|Form\b|PostForm\b|URL\.Path\b|Body\b|Header\.Get\b)|\bc\.(Query|Param|PostForm|DefaultQuery)\(/g,
  rust: /\bQuery\(|\bPath\(/g,
  c: null,
  cpp: null,
  csharp: /\bRequest\.(Query|Form|QueryString|Params|Cookies|Headers)\b/g,
  php: /\$_(GET|POST|REQUEST|COOKIE|FILES|SERVER)\b|\$request->(input|get|query|post)\(/g,
};
/** Expressions that carry what the person running the program typed: arguments, stdin. */
const LOCAL_SOURCES: Partial<Record<LanguageId, RegExp>> = {
  python: /\binput\(|\bsys\.argv\b/g,
  javascript: /\bprocess\.argv\b/g,
  typescript: /\bprocess\.argv\b/g,
  go: /\bos\.Args\b/g,
  rust: /\benv::args\(/g,
  c: /\bargv\b|\bgetenv\(/g,
  cpp: /\bargv\b|\bgetenv\(/g,
};
/**
 * Calls whose result no longer carries the input's danger: names reduced to a basename, values converted to numbers,
 * text escaped or quoted, redirect targets checked.
 */
const SANITIZER_CALLEE = /(^|\.)(\w*([Ee]scape|[Qq]uote|[Ss]aniti[sz]e)\w*|secure_filename|basename|Base|GetFileName|int|float|bool|len|parseInt|parseFloat|Number|Boolean|encodeURIComponent|url_has_allowed_host_and_scheme|is_safe_url|UUID|Atoi|ParseInt|ParseFloat|hexdigest|isoformat)$/;
/** Route converters and parameter types the framework checks before the handler runs. */
const TYPED_ROUTE_VALUE = /^(int|float|bool|UUID|uuid\.UUID|date|datetime|Decimal)$/;

const ROUTE_DECORATOR = /\.(route|get|post|put|patch|delete|api_route)\(/;
const IDENTIFIER_TYPES = new Set(['identifier', 'variable_name', 'shorthand_property_identifier']);
const MAX_DEPTH = 4;
const DESTRUCTURING = /^(object_pattern|array_pattern|pattern_list|tuple_pattern|list_pattern)$/;

/** Assigned values by variable name, per scope of each tree: taint rules ask about many names of one scope. */
const assignmentsByTree = new WeakMap<Tree, Map<number, Map<string, Node[]>>>();

/** Names an assignment target binds: the variable, or each name a destructuring pattern (`{ link }`, `a, b`) takes a part into. */
function boundNames(left: Node): string[] {
  if (!DESTRUCTURING.test(left.type)) return [left.text.replace(/^\$/, '')];
  return left.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])
    .filter((name): name is Node => name !== null && !(name.parent?.type === 'assignment_pattern' && name.parent.childForFieldName('right')?.equals(name)))
    .map((name) => name.text);
}

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
      for (const name of boundNames(left)) {
        const values = byName.get(name);
        if (values) values.push(right);
        else byName.set(name, [right]);
      }
    }
    scopes.set(scope.id, byName);
  }
  return byName;
}

/** The values assigned to `name` anywhere in `scope`, in source order. */
export function assignedValues(scope: Node, name: string, spec: LanguageSpec): Node[] {
  return assignmentsIn(scope, spec).get(name) ?? [];
}

/** A parameter of a web route handler: Flask/FastAPI path and query values, unless a converter or its type makes it a number. */
function isRouteParameter(identifier: Node, scope: Node | null, spec: LanguageSpec): boolean {
  if (spec.id !== 'python' || !scope || scope.parent?.type !== 'decorated_definition') return false;
  const routes = scope.parent.namedChildren.filter((child) => child?.type === 'decorator' && ROUTE_DECORATOR.test(child.text));
  if (routes.length === 0) return false;
  const parameter = scope.childForFieldName('parameters')?.namedChildren.find((param) => param !== null && parameterName(param) === identifier.text);
  if (!parameter) return false;
  const converted = new RegExp(`<(int|float|uuid):${identifier.text}>`);
  if (routes.some((route) => route && converted.test(route.text))) return false;
  return !TYPED_ROUTE_VALUE.test(parameter.childForFieldName('type')?.text ?? '');
}

/** The name a parameter binds: `url`, `url=None`, `url: str`, `url?: string`, `{ url }` gives null. */
function parameterName(parameter: Node): string | null {
  if (parameter.type === 'identifier') return parameter.text;
  const named = parameter.childForFieldName('name') ?? parameter.childForFieldName('pattern') ?? parameter.childForFieldName('left') ?? parameter.firstNamedChild;
  return named?.type === 'identifier' ? named.text : null;
}

/** Whether a parameter binds `name`: as its name, or inside a destructuring pattern (`{ url, timeout = 5 }`). */
function bindsParameter(parameter: Node, name: string): boolean {
  const single = parameterName(parameter);
  if (single !== null) return single === name;
  const pattern = DESTRUCTURING.test(parameter.type) ? parameter : parameter.childForFieldName('pattern') ?? parameter.childForFieldName('left');
  return pattern !== null && DESTRUCTURING.test(pattern.type) && boundNames(pattern).includes(name);
}

/** The call a callee name at `at` belongs to: `name(…)`, `obj.name(…)`, `self.name(…)`. */
function callAt(root: Node, at: number, name: string, spec: LanguageSpec): Node | null {
  const identifier = root.descendantForIndex(at, at + name.length);
  if (!identifier || identifier.text !== name) return null;
  const callee = /attribute|member_expression/.test(identifier.parent?.type ?? '') ? identifier.parent : identifier;
  const call = callee?.parent;
  return call && spec.kinds.call.includes(call.type) && call.childForFieldName('function')?.equals(callee!) ? call : null;
}

const SUMMARISED_LANGUAGES = new Set(['python', 'javascript', 'typescript', 'tsx']);

function parametersOf(definition: Node): Node[] {
  return (definition.childForFieldName('parameters') ?? definition.childForFieldName('parameter'))?.namedChildren
    .filter((child): child is Node => child !== null && !child.type.endsWith('comment')) ?? [];
}

/**
 * The argument a call passes for the parameter `name` of `definition` (by position, or by keyword in Python); null
 * when it passes none, undefined when `name` is no parameter.
 */
function passedArgument(call: Node, definition: Node, name: string, spec: LanguageSpec): Node | null | undefined {
  const parameters = parametersOf(definition);
  const names = parameters.map(parameterName);
  // A name destructured from a parameter (`{ trackingUrl }`) is part of the argument in that place.
  const index = parameters.findIndex((parameter) => bindsParameter(parameter, name));
  if (index < 0) return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((child): child is Node => child !== null && !child.type.endsWith('comment')) ?? [];
  const keyword = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name)?.childForFieldName('value');
  // Python methods are called without their `self`.
  const bound = spec.id === 'python' && (names[0] === 'self' || names[0] === 'cls') && call.childForFieldName('function')?.type === 'attribute' ? 1 : 0;
  return keyword ?? args.filter((arg) => arg.type !== 'keyword_argument')[index - bound] ?? null;
}

/**
 * One level of summary across functions of a file: a parameter carries input when a call of its function in the
 * same file passes input in its place.
 */
function parameterFedByInput(identifier: Node, scope: Node, spec: LanguageSpec, depth: number, origin: TaintOrigin): boolean {
  if (!SUMMARISED_LANGUAGES.has(spec.id)) return false;
  const name = parametersOf(scope).some((parameter) => bindsParameter(parameter, identifier.text)) ? functionName(scope) : null;
  if (!name) return false;
  const root = scope.tree.rootNode;
  const text = root.text;
  for (let at = text.indexOf(`${name}(`); at >= 0; at = text.indexOf(`${name}(`, at + name.length)) {
    const call = callAt(root, root.startIndex + at, name, spec);
    if (!call || (call.startIndex >= scope.startIndex && call.endIndex <= scope.endIndex)) continue;
    const passed = passedArgument(call, scope, identifier.text, spec);
    if (passed && isTainted(passed, spec, depth + 1, origin)) return true;
  }
  return false;
}

/**
 * What a parameter can hold, as far as the file shows: its default and the argument each call of its function in
 * the file passes; null when `identifier` is no parameter of the function around it.
 */
export function parameterValues(identifier: Node, spec: LanguageSpec): Node[] | null {
  const scope = enclosing(identifier, spec.kinds.function);
  const parameter = scope ? parametersOf(scope).find((candidate) => bindsParameter(candidate, identifier.text)) : undefined;
  const name = scope && parameter ? functionName(scope) : null;
  if (!scope || !parameter || !name) return null;
  const values: Node[] = [];
  const fallback = parameter.childForFieldName('value');
  if (fallback) values.push(fallback);
  const root = scope.tree.rootNode;
  const text = root.text;
  for (let at = text.indexOf(`${name}(`); at >= 0; at = text.indexOf(`${name}(`, at + name.length)) {
    const call = callAt(root, root.startIndex + at, name, spec);
    const passed = call ? passedArgument(call, scope, identifier.text, spec) : null;
    if (passed) values.push(passed);
  }
  return values;
}

const COMPARISON = /^(==|!=|===|!==|<|>|<=|>=|in|not in|is|is not|instanceof)$/;

/**
 * Whether the identifier's value stops short of `top`: used only as the key into a constant mapping
 * (`ALLOWED[name]` picks one of the code's own values), inside a comparison, which gives a boolean, or past a test
 * that lets only allowed values through.
 */
function screened(identifier: Node, top: Node, spec: LanguageSpec): boolean {
  for (let child = identifier, current = identifier.parent; current && !child.equals(top); child = current, current = current.parent) {
    if (/^(subscript|subscript_expression)$/.test(current.type)) {
      const container = current.childForFieldName('value') ?? current.childForFieldName('object');
      if (container && !container.equals(child) && CONSTANT_NAME.test(container.text)) return true;
    }
    if (current.type === 'comparison_operator') return true;
    if (current.type === 'binary_expression' && COMPARISON.test(current.childForFieldName('operator')?.text ?? '')) return true;
  }
  return guardOf(identifier, spec) !== null;
}

/**
 * Parts of `node` whose inputs do not pass on as they are: sanitizer calls, and the arguments of calls to the
 * file's own functions (their returns are summarised instead).
 */
function opaqueParts(node: Node, spec: LanguageSpec): { ranges: [number, number][]; localCalls: Node[] } {
  const ranges: [number, number][] = [];
  const localCalls: Node[] = [];
  const inside = (at: number) => ranges.some(([start, end]) => at >= start && at < end);
  // A conditional's test decides which branch is the value; none of its own text gets through.
  for (const conditional of [node, ...node.descendantsOfType(['conditional_expression', 'ternary_expression'])]) {
    const test = conditional?.type === 'ternary_expression' ? conditional.childForFieldName('condition')
      : conditional?.type === 'conditional_expression' ? conditional.namedChildren[1] : null;
    if (test && !inside(test.startIndex)) ranges.push([test.startIndex, test.endIndex]);
  }
  const calls = spec.kinds.call.includes(node.type) ? [node, ...node.descendantsOfType(spec.kinds.call as string[])] : node.descendantsOfType(spec.kinds.call as string[]);
  for (const call of calls) {
    if (!call || inside(call.startIndex)) continue;
    const callee = call.childForFieldName('function')?.text ?? '';
    if (SANITIZER_CALLEE.test(callee)) {
      ranges.push([call.startIndex, call.endIndex]);
      continue;
    }
    const args = call.childForFieldName('arguments');
    if (args && SUMMARISED_LANGUAGES.has(spec.id) && definitionCalled(call, spec)) {
      ranges.push([args.startIndex, args.endIndex]);
      localCalls.push(call);
    }
  }
  return { ranges, localCalls };
}

function matchesOutside(pattern: RegExp | null | undefined, node: Node, ranges: readonly [number, number][]): boolean {
  if (!pattern) return false;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(node.text); match; match = pattern.exec(node.text)) {
    const at = node.startIndex + match.index;
    if (!ranges.some(([start, end]) => at >= start && at < end)) return true;
  }
  return false;
}

/**
 * The function a name belongs to: the innermost one around its use that assigns it or takes it as a parameter (a
 * callback reads its parents' variables), or null for the file.
 */
function homeScope(name: string, scope: Node | null, spec: LanguageSpec): Node | null {
  for (let current = scope; current; current = enclosing(current, spec.kinds.function)) {
    if (assignmentsIn(current, spec).has(name) || parametersOf(current).some((parameter) => bindsParameter(parameter, name))) return current;
  }
  return null;
}

/** A call of one of the file's functions whose return is being followed: its parameters stand for this call's arguments. */
interface Binding {
  call: Node;
  definition: Node;
}

/**
 * True when outside data (only a network request's, for `origin` `request`) can reach `node`, following local
 * assignments, parameters fed by the file's calls and the file's functions' returns a few steps, and stopping at
 * sanitizers and allow-list tests.
 */
export function isTainted(node: Node, spec: LanguageSpec, depth = 0, origin: TaintOrigin = 'any', binding?: Binding): boolean {
  // The same question comes back along many paths of one file; each is answered once per tree.
  let answers = answersByTree.get(node.tree);
  if (!answers) {
    answers = new Map();
    answersByTree.set(node.tree, answers);
  }
  const key = `${node.id}|${depth}|${origin}|${binding?.call.id ?? ''}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = taintReaches(node, spec, depth, origin, binding);
    answers.set(key, answer);
  }
  return answer;
}

const answersByTree = new WeakMap<Tree, Map<string, boolean>>();

function taintReaches(node: Node, spec: LanguageSpec, depth: number, origin: TaintOrigin, binding: Binding | undefined): boolean {
  const sources = [REQUEST_SOURCES[spec.id], origin === 'any' ? LOCAL_SOURCES[spec.id] : null];
  const mentionsSource = sources.some((pattern) => matchesOutside(pattern, node, []));
  if (!mentionsSource && depth >= MAX_DEPTH) return false;
  const { ranges, localCalls } = opaqueParts(node, spec);
  if (mentionsSource && sources.some((pattern) => matchesOutside(pattern, node, ranges))) return true;
  if (depth >= MAX_DEPTH) return false;
  for (const call of localCalls) {
    const definition = definitionCalled(call, spec);
    if (definition && returnedValues(definition, spec).some((value) => isTainted(value, spec, depth + 1, origin, { call, definition }))) return true;
  }
  const scope = enclosing(node, spec.kinds.function);
  const identifiers = IDENTIFIER_TYPES.has(node.type) ? [node] : node.descendantsOfType([...IDENTIFIER_TYPES]);
  for (const identifier of identifiers) {
    if (!identifier || ranges.some(([start, end]) => identifier.startIndex >= start && identifier.startIndex < end)) continue;
    if (screened(identifier, node, spec)) continue;
    const passed = binding && scope?.equals(binding.definition) ? passedArgument(binding.call, scope, identifier.text, spec) : undefined;
    if (passed !== undefined) {
      if (passed && isTainted(passed, spec, depth + 1, origin)) return true;
      continue;
    }
    const name = identifier.text.replace(/^\$/, '');
    const home = homeScope(name, scope, spec);
    if (isRouteParameter(identifier, home, spec)) return true;
    if (home && parameterFedByInput(identifier, home, spec, depth, origin)) return true;
    const values = assignedValues(home ?? identifier.tree.rootNode, name, spec);
    if (values.some((value) => value.startIndex < node.startIndex && isTainted(value, spec, depth + 1, origin, binding))) return true;
  }
  return false;
}

/** The expressions assigned to a plain variable in the enclosing function (or file), in source order. */
export function localAssignments(identifier: Node, spec: LanguageSpec): Node[] {
  const scope = enclosing(identifier, spec.kinds.function) ?? identifier.tree.rootNode;
  return assignedValues(scope, identifier.text.replace(/^\$/, ''), spec).filter((value) => value.startIndex < identifier.startIndex);
}

/** The values a name is given in its function or, when the function assigns it none, at module level. */
export function visibleAssignments(identifier: Node, spec: LanguageSpec): Node[] {
  const local = localAssignments(identifier, spec);
  return local.length > 0 ? local : assignedValues(identifier.tree.rootNode, identifier.text, spec);
}

const CONFIGURATION = /^(os\.environ(\.get)?\b|os\.getenv\(|settings\.|(current_app|app)\.config\b)/;

/**
 * A value the operator sets: read from the environment or settings, directly or through names bound only to such
 * reads (in the function, else at module level).
 */
export function configuredValue(node: Node, spec: LanguageSpec): boolean {
  if (CONFIGURATION.test(node.text)) return true;
  if (node.type !== 'identifier') return false;
  const values = visibleAssignments(node, spec);
  return values.length > 0 && values.every((value) => CONFIGURATION.test(value.text));
}
