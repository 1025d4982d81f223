import type { Node, Tree } from 'web-tree-sitter';
import type { LanguageSpec } from '../languages.ts';
import { CONSTANT_NAME } from './values.ts';

/**
 * What a passed test proves of a name: `constant` when it must be one of the code's own values (membership in a
 * constant collection, equality with a literal), `checked` when a validator accepted it.
 */
export type Narrowing = 'constant' | 'checked';

const GUARDED_LANGUAGES = new Set(['python', 'javascript', 'typescript', 'tsx']);
const LITERAL = /^(string|integer|float|number|true|false|none|null)$/;
const COLLECTION = /^(set|list|tuple|array|dictionary|object|frozenset)$/;
/** Validators by name (`url_has_allowed_host_and_scheme`, `is_safe_path`, `str.isdigit`). */
const VALIDATOR = /(allowed|valid|safe|whitelist|allowlist)|^(isdigit|isdecimal|isnumeric|isalnum|isidentifier|isUUID|isInt|isNumeric)$/i;
/** Regular-expression tests; they check a value only when the pattern spans all of it (see `wholeValuePattern`). */
const REGEX_METHODS = /^(fullmatch|match|test)$/;
const MEMBERSHIP_METHODS = /^(has|includes|__contains__)$/;
const EXIT_CALL = /^(abort|exit|sys\.exit|os\._exit|next)$|\.(status|sendStatus|redirect|end)\b/;
const BLOCKS = new Set(['block', 'module', 'statement_block', 'program']);
const FUNCTIONS = /^(function_definition|lambda|function_declaration|function_expression|arrow_function|method_definition|generator_function_declaration|function)$/;

/** `name`, or `name.attribute…` when a test looks at one of its parts (then only `checked`). */
function subject(node: Node, name: string): Narrowing | null {
  if (node.text === name) return 'constant';
  return partOf(node, name) ? 'checked' : null;
}

/** Parsers whose result describes a URL: a test of `urlsplit(url).scheme` checks `url`. */
const URL_PARSER = /^((urllib\.parse\.)?(urlparse|urlsplit)|new URL|URL)$/;

/** Whether the expression reads a part of `name`: `name.host`, `name.lower()`, `urlsplit(name).scheme.lower()`. */
function partOf(node: Node, name: string): boolean {
  let current: Node | null = node;
  for (let steps = 0; current && steps < 6; steps += 1) {
    if (current.type === 'attribute' || current.type === 'member_expression') current = current.childForFieldName('object');
    else if (/^(call|call_expression|new_expression)$/.test(current.type)) {
      const callee: Node | null = current.childForFieldName('function') ?? current.childForFieldName('constructor');
      const args = current.childForFieldName('arguments')?.namedChildren ?? [];
      if (callee && URL_PARSER.test(`${current.type === 'new_expression' ? 'new ' : ''}${callee.text}`)) return args[0]?.text === name;
      current = callee;
    } else return current !== node && current.text === name;
  }
  return false;
}

/** A literal container, or an ALL_CAPS name: a set of values the code fixed. */
function constantCollection(node: Node): boolean {
  if (CONSTANT_NAME.test(node.text)) return true;
  return COLLECTION.test(node.type) && node.namedChildren.every((child) => !child || LITERAL.test(child.type) || child.type === 'pair' || child.type.endsWith('comment'));
}

/** A literal, or a value the code holds under a constant name. */
const isLiteral = (node: Node) => LITERAL.test(node.type) || FIXED_BY_NAME.test(node.text);
/** `APP_ORIGIN`, `APP_ORIGIN.origin`, `new URL(STORE_ORIGIN).origin`: a value derived from one constant name only. */
const FIXED_BY_NAME = /^(new\s+\w+\(\s*)?[A-Z][A-Z0-9_]+(\s*\))?(\.\w+)*$/;

function weaker(a: Narrowing | null, b: Narrowing | null): Narrowing | null {
  if (!a || !b) return null;
  return a === 'checked' || b === 'checked' ? 'checked' : 'constant';
}

/** What `test` proves of `name` when it evaluates to `outcome`. */
export function narrowedBy(test: Node, name: string, outcome: boolean): Narrowing | null {
  switch (test.type) {
    case 'parenthesized_expression': {
      const inner = test.namedChildren.find((child) => child && !child.type.endsWith('comment'));
      return inner ? narrowedBy(inner, name, outcome) : null;
    }
    case 'not_operator':
    case 'unary_expression': {
      const argument = test.childForFieldName('argument');
      const negation = test.type === 'not_operator' || test.childForFieldName('operator')?.text === '!';
      return argument && negation ? narrowedBy(argument, name, !outcome) : null;
    }
    case 'boolean_operator':
    case 'binary_expression': {
      const operator = test.childForFieldName('operator')?.text ?? '';
      const left = test.childForFieldName('left');
      const right = test.childForFieldName('right');
      if (!left || !right) return null;
      const conjunction = operator === 'and' || operator === '&&';
      if (conjunction || operator === 'or' || operator === '||') {
        const sides = [narrowedBy(left, name, outcome), narrowedBy(right, name, outcome)];
        // `a and b` is true only when both are; `a or b` is false only when both are.
        return conjunction === outcome ? sides[0] ?? sides[1] ?? null : weaker(sides[0] ?? null, sides[1] ?? null);
      }
      return comparison(left, operator, right, name, outcome);
    }
    case 'comparison_operator': {
      const [left, right] = test.namedChildren.filter((child): child is Node => child !== null);
      const operator = test.childrenForFieldName('operators').map((child) => child?.text ?? '').join(' ').replace(/\s+/g, ' ');
      return left && right && test.namedChildren.length === 2 ? comparison(left, operator, right, name, outcome) : null;
    }
    case 'call':
    case 'call_expression':
      return outcome ? acceptedByCall(test, name) : null;
    default:
      return null;
  }
}

/** `os.path.commonpath([path, root]) == root`: the path lies inside the root. */
const CONTAINMENT_CALL = /(^|\.)(commonpath|commonprefix)$/;
/** `path.startsWith(root + sep)` or `path.is_relative_to(root)` against a directory the code holds (a literal prefix like `"/"` checks nothing). */
const PREFIX_METHOD = /^(startsWith|startswith|is_relative_to)$/;

function containment(side: Node, name: string): boolean {
  const callee = side.childForFieldName('function')?.text ?? '';
  return CONTAINMENT_CALL.test(callee) && new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`).test(side.childForFieldName('arguments')?.text ?? '');
}

function comparison(left: Node, operator: string, right: Node, name: string, outcome: boolean): Narrowing | null {
  if (/^(==|===|!=|!==)$/.test(operator) && outcome === operator.startsWith('=') && (containment(left, name) || containment(right, name))) return 'checked';
  if (operator === 'in' || operator === 'not in') {
    const member = subject(left, name);
    return member && constantCollection(right) && outcome === (operator === 'in') ? member : null;
  }
  if (/^(==|===|!=|!==)$/.test(operator) && outcome === operator.startsWith('=')) {
    if (isLiteral(right)) return subject(left, name);
    if (isLiteral(left)) return subject(right, name);
  }
  return null;
}

/** A directory the code holds, not a literal prefix: `root + os.sep`, `ROOT`, `os.path.join(root, "")`. */
const PREFIX_ROOT = /^(identifier|attribute|member_expression|binary_operator|binary_expression|call|call_expression)$/;

/** The text of a pattern: a string or regex literal, or a name bound once to one (through `re.compile`). */
function patternSource(node: Node, depth = 0): string | null {
  if (node.type === 'regex') return node.childForFieldName('pattern')?.text ?? null;
  if (node.type === 'string') {
    const parts = node.namedChildren.filter((part) => part?.type === 'string_content' || part?.type === 'string_fragment');
    return parts.length === node.namedChildren.filter((part) => part && !/^string_(start|end)$/.test(part.type)).length ? parts.map((part) => part!.text).join('') : null;
  }
  if (node.type === 'call' && node.childForFieldName('function')?.text === 're.compile') {
    const first = node.childForFieldName('arguments')?.firstNamedChild;
    return first ? patternSource(first, depth) : null;
  }
  if (node.type !== 'identifier' || depth > 0) return null;
  const bindings = node.tree.rootNode.descendantsOfType(['assignment', 'variable_declarator']).filter((binding) =>
    binding !== null && (binding.childForFieldName('left') ?? binding.childForFieldName('name'))?.text === node.text);
  const value = bindings.length === 1 ? bindings[0]!.childForFieldName('right') ?? bindings[0]!.childForFieldName('value') : null;
  return value ? patternSource(value, depth + 1) : null;
}

/**
 * Whether a pattern accepts only values of a fixed shape: anchored at both ends (or matched whole), and no `.` outside
 * a character class. `^https?://` and `^.+$` check a prefix or nothing.
 */
function wholeValuePattern(source: string, method: string): boolean {
  const startAnchored = method === 'fullmatch' || method === 'match' || /^(\^|\\A)/.test(source);
  const endAnchored = method === 'fullmatch' || /(\$|\\Z|\\z)$/.test(source);
  const outsideClasses = source.replace(/\\./g, '').replace(/\[(?:[^\]\\]|\\.)*\]/g, '');
  return startAnchored && endAnchored && !outsideClasses.includes('.');
}

/** `ALLOWED.has(name)`, `validator(name)`, `re.fullmatch(pattern, name)`, `name.isdigit()`. */
function acceptedByCall(call: Node, name: string): Narrowing | null {
  const callee = call.childForFieldName('function');
  if (!callee) return null;
  const receiver = callee.childForFieldName('object');
  const method = (callee.childForFieldName('attribute') ?? callee.childForFieldName('property'))?.text ?? callee.text;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((child): child is Node => child !== null && !child.type.endsWith('comment')) ?? [];
  const passed = args.map((arg) => subject(arg, name)).find((found) => found !== null) ?? null;
  if (MEMBERSHIP_METHODS.test(method) && receiver && constantCollection(receiver)) return passed;
  if (PREFIX_METHOD.test(method) && receiver && subject(receiver, name) && args[0] && PREFIX_ROOT.test(args[0].type)) return 'checked';
  if (REGEX_METHODS.test(method)) {
    // `re.fullmatch(PATTERN, name)` names the pattern first; `PATTERN.fullmatch(name)` and `/re/.test(name)` hold it.
    const module = receiver?.text === 're';
    const pattern = module ? args[0] : receiver;
    const tested = module ? args[1] : args[0];
    const source = pattern ? patternSource(pattern) : null;
    return tested && subject(tested, name) && source !== null && wholeValuePattern(source, method) ? 'checked' : null;
  }
  if (!VALIDATOR.test(method)) return null;
  if (passed) return 'checked';
  return receiver && subject(receiver, name) ? 'checked' : null;
}

/** A settings value: `settings.LOGIN_REDIRECT_URL`, `DEFAULT_NEXT`, `"/"`. */
const FIXED_VALUE = /^(["'`][^"'`]*["'`]|([A-Za-z_][\w]*\.)*[A-Z][A-Z0-9_]+)$/;

/**
 * Whether a guard's branch keeps an unchecked `name` from going on: it leaves (return, raise, `abort()`), or it
 * replaces the name by a value the code fixed.
 */
function stopsUnchecked(body: Node, name: string): boolean {
  const last = body.type === 'block' || body.type === 'statement_block' ? body.namedChildren.filter((child) => child && !child.type.endsWith('comment')).at(-1) : body;
  if (!last) return false;
  if (/^(return_statement|raise_statement|throw_statement|continue_statement|break_statement)$/.test(last.type)) return true;
  const expression = last.type === 'expression_statement' ? last.firstNamedChild : null;
  if (!expression) return false;
  if (/^(assignment|assignment_expression)$/.test(expression.type)) {
    return expression.childForFieldName('left')?.text === name && FIXED_VALUE.test(expression.childForFieldName('right')?.text ?? '');
  }
  const callee = /^(call|call_expression)$/.test(expression.type) ? expression.childForFieldName('function')?.text ?? '' : '';
  return EXIT_CALL.test(callee);
}

/** Whether `name` is assigned anew in the text between two offsets of the file. */
function reassignedBetween(root: Node, from: number, to: number, name: string): boolean {
  return new RegExp(`(^|[^\\w.])${name.replace(/\$/g, '\\$')}\\s*(=(?!=)|\\+=)`).test(root.text.slice(from - root.startIndex, to - root.startIndex));
}

/** Guards around `use`: an `if` or conditional expression it sits in a branch of. */
function enclosingGuard(use: Node, name: string): Narrowing | null {
  for (let child = use, current = use.parent; current && !FUNCTIONS.test(current.type); child = current, current = current.parent) {
    const condition = current.childForFieldName('condition');
    if (current.type === 'if_statement' && condition) {
      if (current.childForFieldName('consequence')?.equals(child)) return narrowedBy(condition, name, true);
      if (current.childrenForFieldName('alternative').some((branch) => branch?.equals(child)) && current.childrenForFieldName('alternative').length === 1) {
        return narrowedBy(condition, name, false);
      }
    }
    if (current.type === 'ternary_expression' && condition) {
      if (current.childForFieldName('consequence')?.equals(child)) return narrowedBy(condition, name, true);
      if (current.childForFieldName('alternative')?.equals(child)) return narrowedBy(condition, name, false);
    }
    if (current.type === 'conditional_expression') {
      const [consequence, test, alternative] = current.namedChildren;
      if (test && consequence?.equals(child)) return narrowedBy(test, name, true);
      if (test && alternative?.equals(child)) return narrowedBy(test, name, false);
    }
  }
  return null;
}

/** The `if` statements without `else` of each block whose branch stops unchecked values, per tree. */
const guardStatementsByTree = new WeakMap<Tree, Map<number, Node[]>>();

function guardStatements(block: Node): Node[] {
  let blocks = guardStatementsByTree.get(block.tree);
  if (!blocks) {
    blocks = new Map();
    guardStatementsByTree.set(block.tree, blocks);
  }
  let statements = blocks.get(block.id);
  if (!statements) {
    statements = block.namedChildren.filter((statement): statement is Node => statement?.type === 'if_statement'
      && statement.childrenForFieldName('alternative').length === 0 && statement.childForFieldName('condition') !== null
      && statement.childForFieldName('consequence') !== null);
    blocks.set(block.id, statements);
  }
  return statements;
}

/** Guards before `use` in its blocks: `if name not in ALLOWED: return …` lets only allowed values past. */
function precedingGuard(use: Node, name: string): Narrowing | null {
  for (let child = use, current = use.parent; current && !FUNCTIONS.test(current.type); child = current, current = current.parent) {
    if (!BLOCKS.has(current.type)) continue;
    for (const statement of guardStatements(current)) {
      if (statement.startIndex >= child.startIndex) break;
      if (!stopsUnchecked(statement.childForFieldName('consequence')!, name)) continue;
      const narrowing = narrowedBy(statement.childForFieldName('condition')!, name, false);
      if (narrowing && !reassignedBetween(use.tree.rootNode, statement.endIndex, use.startIndex, name)) return narrowing;
    }
  }
  return null;
}

/** What the tests the code runs before reaching `use` (an identifier) prove of its value. */
export function guardOf(use: Node, spec: LanguageSpec): Narrowing | null {
  if (!GUARDED_LANGUAGES.has(spec.id)) return null;
  let guards = guardsByTree.get(use.tree);
  if (!guards) {
    guards = new Map();
    guardsByTree.set(use.tree, guards);
  }
  let guard = guards.get(use.id);
  if (guard === undefined) {
    const name = use.text;
    const found = [enclosingGuard(use, name), precedingGuard(use, name)];
    guard = found.includes('constant') ? 'constant' : found.find((narrowing) => narrowing !== null) ?? null;
    guards.set(use.id, guard);
  }
  return guard;
}

const guardsByTree = new WeakMap<Tree, Map<number, Narrowing | null>>();
