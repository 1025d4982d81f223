import type { Node } from 'web-tree-sitter';
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

function assignedValues(scope: Node, name: string, spec: LanguageSpec): Node[] {
  const values: Node[] = [];
  for (const assignment of scope.descendantsOfType(spec.kinds.assignment as string[])) {
    if (!assignment) continue;
    const left = assignment.childForFieldName('left') ?? assignment.childForFieldName('name')
      ?? assignment.childForFieldName('pattern') ?? assignment.childForFieldName('declarator');
    const right = assignment.childForFieldName('right') ?? assignment.childForFieldName('value');
    if (left && right && left.text.replace(/^\$/, '') === name) values.push(right);
  }
  return values;
}

function isRouteParameter(identifier: Node, scope: Node | null, spec: LanguageSpec): boolean {
  if (spec.id !== 'python' || !scope || scope.parent?.type !== 'decorated_definition') return false;
  const decorated = scope.parent.namedChildren.some((child) => child?.type === 'decorator' && ROUTE_DECORATOR.test(child.text));
  if (!decorated) return false;
  const parameters = scope.childForFieldName('parameters');
  return parameters?.namedChildren.some((param) => param?.text.split(/[:=]/)[0]?.trim() === identifier.text) ?? false;
}

/** True when request data (or argv/stdin) can reach `node`, following local assignments a few steps. */
export function isTainted(node: Node, spec: LanguageSpec, depth = 0): boolean {
  if (SOURCES[spec.id].test(node.text)) return true;
  if (depth >= MAX_DEPTH) return false;
  const scope = enclosing(node, spec.kinds.function);
  const identifiers = IDENTIFIER_TYPES.has(node.type) ? [node] : node.descendantsOfType([...IDENTIFIER_TYPES]);
  for (const identifier of identifiers) {
    if (!identifier) continue;
    if (isRouteParameter(identifier, scope, spec)) return true;
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
