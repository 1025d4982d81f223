import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from '../languages.ts';
import { isConstantValue } from './constants.ts';
import { definitionCalled, returnedValues } from './functions.ts';
import { localAssignments, parameterValues } from './taint.ts';

/** Conversions to a number or boolean: no text of the input survives them, whatever the context. */
const NUMBER_CALLS = 'int|float|bool|len|round|abs|Number|Boolean|parseInt|parseFloat';
const safeCalls = (escapers: string) => new RegExp(`(^|\\.)(${escapers}|${NUMBER_CALLS})$`);
/** Calls whose result is safe in HTML whatever goes in: escapers, sanitisers, numbers, a character from a code point. */
const HTML_SAFE_CALL = safeCalls('\\w*[Ee]scape\\w*|\\w*[Ss]aniti[sz]e\\w*|purify|clean|encode|encodeURIComponent|chr|ord');
/** Calls whose result matches only itself in a regular expression: regex escapers and numbers. */
const REGEX_SAFE_CALL = safeCalls('escape|escapeRegExp|escapeRegex|escapeStringRegexp');
/** Calls whose result is one value in an LDAP filter or DN: LDAP escapers and numbers. */
const LDAP_SAFE_CALL = safeCalls('escape_filter_chars|escape_rdn|escape_dn_chars|filter_format|escapeFilter|escapeDN');
/** Django's `format_html` escapes its arguments, not its format string. */
const FORMAT_HTML = /(^|\.)format_html$/;
/** Functions whose result is the text of their argument. */
const TEXT_OF = /^(str|String)$/;
/** Array methods whose result is made of the callback's returns, not of the receiver's elements. */
const MAPPING_METHODS = /^(map|flatMap)$/;
const COMPREHENSIONS = /^(list_comprehension|generator_expression|set_comprehension)$/;
/** Operators whose result is a boolean: nothing of the operands' text gets through. */
const COMPARISON = /^(==|!=|===|!==|<|>|<=|>=|in|not in|is|is not|instanceof)$/;
const FUNCTION_VALUE = /^(arrow_function|function_expression|lambda)$/;
const MAX_STEPS = 6;

function argumentsOf(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  // `"".join(p for p in parts)`: a lone generator is the argument list itself.
  if (list?.type === 'generator_expression') return [list];
  return list?.namedChildren.filter((arg): arg is Node => arg !== null && !arg.type.endsWith('comment')) ?? [];
}

/** The iterable a comprehension binds a name from: `parts` for `p` in `[f(p) for p in parts]`. */
function comprehensionSource(identifier: Node): Node | null {
  for (let current = identifier.parent; current; current = current.parent) {
    if (!COMPREHENSIONS.test(current.type)) continue;
    const clause = current.namedChildren.find((child) => child?.type === 'for_in_clause' && child.childForFieldName('left')?.text === identifier.text);
    if (clause) return clause.childForFieldName('right');
  }
  return null;
}

/** The value a local object literal gives a key: `{ bodyHtml: … }` for `review.bodyHtml` after `const review = { bodyHtml: … }`. */
export function fieldValue(object: Node, key: string, spec: LanguageSpec): Node | null {
  const values = object.type === 'identifier' || object.type === 'shorthand_property_identifier' ? localAssignments(object, spec) : [object];
  const literal = values.length === 1 ? values[0]! : null;
  if (literal?.type !== 'object' && literal?.type !== 'dictionary') return null;
  for (const entry of literal.namedChildren) {
    if (entry?.type === 'shorthand_property_identifier' && entry.text === key) return entry;
    if (entry?.type === 'pair' && entry.childForFieldName('key')?.text.replace(/^["'`]|["'`]$/g, '') === key) return entry.childForFieldName('value');
  }
  return null;
}

/**
 * Whether every part of a value's text that the code does not fix went through an HTML escaper: followed through
 * string building, local variables and objects, comprehensions, callbacks and the file's own functions. A parameter
 * or an unknown call is not escaped.
 */
export function escapedHtml(node: Node, spec: LanguageSpec): boolean {
  return escapedBy(HTML_SAFE_CALL, node, spec, 0);
}

/** Whether every part of a pattern's text that the code does not fix went through a regex escaper (`re.escape`, `escapeRegExp`), followed as for HTML. */
export function escapedRegex(node: Node, spec: LanguageSpec): boolean {
  return escapedBy(REGEX_SAFE_CALL, node, spec, 0);
}

/** Whether every part of an LDAP filter or DN that the code does not fix went through an LDAP escaper, followed as for HTML. */
export function escapedLdap(node: Node, spec: LanguageSpec): boolean {
  return escapedBy(LDAP_SAFE_CALL, node, spec, 0);
}

/** `escapedHtml`, `escapedRegex` and `escapedLdap` with the calls whose result is safe as given. */
function escapedBy(safeCall: RegExp, node: Node, spec: LanguageSpec, steps: number): boolean {
  const next = (child: Node | null | undefined, cost = 0): boolean => child !== null && child !== undefined && escapedBy(safeCall, child, spec, steps + cost);
  if (isConstantValue(node, spec)) return true;
  if (steps >= MAX_STEPS) return false;
  const { kinds } = spec;
  const operator = node.childForFieldName('operator')?.text ?? node.childrenForFieldName('operators').map((part) => part?.text).join(' ');
  if (COMPARISON.test(operator)) return true;
  if (kinds.string.includes(node.type)) {
    return node.namedChildren.every((part) => {
      if (!part || part.type.endsWith('comment')) return true;
      // Python's concatenated strings hold strings; the other parts are text or interpolations.
      if (kinds.string.includes(part.type)) return next(part);
      if (kinds.stringPart.includes(part.type)) return true;
      return part.namedChildren.filter((inner) => inner !== null && !/^(format_specifier|type_conversion)$/.test(inner.type)).every((inner) => next(inner));
    });
  }
  if (node.type === 'identifier' || node.type === 'shorthand_property_identifier') {
    const source = comprehensionSource(node);
    if (source) return next(source, 1);
    // A parameter holds whatever a caller passes, whatever the function later assigns it.
    if (parameterValues(node, spec) !== null) return false;
    const values = localAssignments(node, spec);
    return values.length > 0 && values.every((value) => next(value, 1));
  }
  if (node.type === 'member_expression') {
    const object = node.childForFieldName('object');
    const property = node.childForFieldName('property')?.text;
    return object !== null && property !== undefined && next(fieldValue(object, property, spec), 1);
  }
  if (FUNCTION_VALUE.test(node.type)) return returnedValues(node, spec).every((value) => next(value));
  if (kinds.call.includes(node.type)) {
    const callee = node.childForFieldName('function');
    const args = argumentsOf(node);
    if (!callee) return false;
    if (safeCall.test(callee.text)) return true;
    // `format_html` escapes for HTML only.
    if (safeCall === HTML_SAFE_CALL && FORMAT_HTML.test(callee.text)) return next(args[0]);
    const receiver = callee.childForFieldName('object');
    const method = (callee.childForFieldName('property') ?? callee.childForFieldName('attribute'))?.text ?? '';
    if (receiver && MAPPING_METHODS.test(method)) return args.every((arg) => next(arg));
    // A method's result is made of its receiver and arguments: `"".join(parts)`, `text.replace(a, b)`, `s.strip()`.
    if (receiver) return next(receiver) && args.every((arg) => next(arg));
    if (TEXT_OF.test(callee.text)) return args.every((arg) => next(arg));
    const definition = definitionCalled(node, spec);
    return definition !== null && returnedValues(definition, spec).every((value) => next(value, 1));
  }
  if (COMPREHENSIONS.test(node.type)) return next(node.childForFieldName('body') ?? node.firstNamedChild);
  if (node.type === 'ternary_expression' || node.type === 'conditional_expression') {
    const condition = node.childForFieldName('condition') ?? node.namedChildren[1];
    return node.namedChildren.every((branch) => !branch || branch.equals(condition!) || next(branch));
  }
  if (/^(binary_expression|binary_operator|boolean_operator|parenthesized_expression|await_expression|tuple|list|array|expression_list|template_substitution|interpolation)$/.test(node.type)) {
    return node.namedChildren.every((part) => !part || part.type.endsWith('comment') || next(part));
  }
  return false;
}
