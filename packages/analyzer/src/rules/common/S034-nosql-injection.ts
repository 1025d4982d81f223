import type { Node } from 'web-tree-sitter';
import { defineRule, type RuleContext, type Visitors } from '../rule.ts';
import { JS_FAMILY } from '../patterns.ts';
import { definitionCalled, returnedValues } from '../../syntax/functions.ts';
import { localAssignments, parameterValues } from '../../syntax/taint.ts';
import { enclosing } from '../../syntax/values.ts';

/** MongoDB driver, Mongoose and PyMongo methods whose first argument is a query filter. */
const QUERY_METHODS = /^(find|findOne|findOneAndUpdate|findOneAndDelete|findOneAndReplace|findOneAndRemove|updateOne|updateMany|update|replaceOne|deleteOne|deleteMany|remove|countDocuments|count|exists|where|find_one|find_one_and_update|find_one_and_delete|find_one_and_replace|update_one|update_many|delete_one|delete_many|count_documents|replace_one)$/;
/**
 * Request data that can arrive as an object (`?name[$ne]=x` parsed by qs, a JSON body), and so can carry query
 * operators; path parameters and Flask's `request.args` are always strings.
 */
const OBJECT_SOURCES: Record<string, RegExp> = {
  js: /^((req|request)\.(body|query|cookies)|ctx\.request\.body)(?![\w$])/,
  python: /^request\.(json|get_json\([^)]*\))(?!\w)/,
};
/** Objects with a method of a query's name that are no collection: hashes and MACs (`update`), ciphers, signers, Python dicts and sets. */
const NOT_COLLECTION = /^((crypto\.)?(createHash|createHmac|createCipheriv|createDecipheriv|createSign|createVerify)|hashlib\.\w+|hmac\.new|dict|set)$/;
const NAME_TYPES = new Set(['identifier', 'shorthand_property_identifier']);
const MAX_DEPTH = 3;

/** Types whose values cannot hold an operator object. */
const SCALAR_TYPES = /^(string|number|boolean|bigint|str|int|float|bool)$/;
const FALLBACK = /^(or|\|\||\?\?)$/;
const LEAVING = /^(return_statement|raise_statement|throw_statement)$/;

/** `typeof name === "string"` or `isinstance(name, str)`, through `!`, `not`, `&&`, `||`: whether `test` being `outcome` proves it. */
function provesScalar(test: Node, name: string, outcome: boolean): boolean {
  const operator = test.childForFieldName('operator')?.text ?? '';
  const [left, right] = [test.childForFieldName('left'), test.childForFieldName('right')];
  if (test.type === 'parenthesized_expression' && test.firstNamedChild) return provesScalar(test.firstNamedChild, name, outcome);
  if (test.type === 'not_operator' || (test.type === 'unary_expression' && operator === '!')) {
    const argument = test.childForFieldName('argument');
    return argument !== null && provesScalar(argument, name, !outcome);
  }
  if (left && right && /^(and|&&|or|\|\|)$/.test(operator)) {
    // `a && b` is true only when both are, `a || b` false only when both are.
    const both = /^(and|&&)$/.test(operator) !== outcome;
    return both ? provesScalar(left, name, outcome) && provesScalar(right, name, outcome) : provesScalar(left, name, outcome) || provesScalar(right, name, outcome);
  }
  if (left && right && /^[!=]==?$/.test(operator) && outcome === operator.startsWith('=')) {
    return [[left, right], [right, left]].some(([side, type]) => side!.type === 'unary_expression' && side!.childForFieldName('operator')?.text === 'typeof'
      && side!.childForFieldName('argument')?.text === name && SCALAR_TYPES.test(type!.text.replace(/^["'`]|["'`]$/g, '')));
  }
  const args = test.type === 'call' && test.childForFieldName('function')?.text === 'isinstance' ? test.childForFieldName('arguments')?.namedChildren ?? [] : [];
  return outcome && args.length === 2 && args[0]?.text === name && SCALAR_TYPES.test(args[1]?.text ?? '');
}

/** Whether a branch leaves the function: its last statement returns, raises, or calls `abort()`. */
function leaves(branch: Node): boolean {
  const last = branch.type === 'block' || branch.type === 'statement_block' ? branch.namedChildren.filter((child) => child && !child.type.endsWith('comment')).at(-1) : branch;
  return last !== undefined && last !== null && (LEAVING.test(last.type) || /^abort\(/.test(last.firstNamedChild?.text ?? ''));
}

/** Whether the code has checked that a name holds a string or a number before `use`: inside `if (typeof x === "string")`, or past one that leaves otherwise. */
function scalarChecked(use: Node, functionTypes: readonly string[]): boolean {
  for (let child = use, current = use.parent; current && !functionTypes.includes(current.type); child = current, current = current.parent) {
    const condition = current.type === 'if_statement' ? current.childForFieldName('condition') : null;
    if (condition && current.childForFieldName('consequence')?.equals(child) && provesScalar(condition, use.text, true)) return true;
    for (const statement of current.namedChildren) {
      if (!statement || statement.startIndex >= child.startIndex) break;
      const test = statement.type === 'if_statement' && statement.childrenForFieldName('alternative').length === 0 ? statement.childForFieldName('condition') : null;
      const branch = statement.childForFieldName('consequence');
      if (test && branch && leaves(branch) && provesScalar(test, use.text, false)) return true;
    }
  }
  return false;
}

/** Whether a destructuring pattern (`{ name, pass: password }`) binds `name`. */
function patternBinds(pattern: Node, name: string): boolean {
  return pattern.descendantsOfType(['shorthand_property_identifier_pattern', 'identifier']).some((node) => node?.text === name);
}

/** The object a field is read from: `body` in `body["name"]`, `body.name` or `body.get("name")`. */
function fieldBase(node: Node): Node | null {
  if (/member_expression|subscript|attribute/.test(node.type)) return node.childForFieldName('object') ?? node.childForFieldName('value');
  const callee = node.type === 'call' ? node.childForFieldName('function') : null;
  return callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'get' ? callee.childForFieldName('object') : null;
}

/**
 * Whether the expression is request data that may be an object, directly, through local variables and fallbacks
 * (`request.get_json() or {}`), or through a parameter the file's calls pass it to; not past a check that it is a
 * string or a number.
 */
function fromRequestObject(node: Node, context: RuleContext, source: RegExp, depth = 0): boolean {
  if (source.test(node.text) && /member_expression|subscript|attribute|call/.test(node.type)) return true;
  // Only steps from a name to its values count against the depth: the parts of one expression are finite.
  const part = (child: Node | null) => child !== null && fromRequestObject(child, context, source, depth);
  if (node.type === 'parenthesized_expression') return part(node.firstNamedChild);
  if (FALLBACK.test(node.childForFieldName('operator')?.text ?? '')) return part(node.childForFieldName('left')) || part(node.childForFieldName('right'));
  // A field of a local object: `body["name"]` after `body = request.get_json()`.
  const base = fieldBase(node);
  if (base) return part(base);
  if (!NAME_TYPES.has(node.type) || depth >= MAX_DEPTH || scalarChecked(node, context.spec.kinds.function)) return false;
  if (parameterValues(node, context.spec)?.some((value) => fromRequestObject(value, context, source, depth + 1))) return true;
  const scope = enclosing(node, context.spec.kinds.function) ?? node.tree.rootNode;
  return scope.descendantsOfType(context.spec.kinds.assignment as string[]).some((assignment) => {
    if (!assignment || assignment.startIndex > node.startIndex) return false;
    const target = assignment.childForFieldName('name') ?? assignment.childForFieldName('left');
    const value = assignment.childForFieldName('value') ?? assignment.childForFieldName('right');
    if (!target || !value) return false;
    if (target.text === node.text) return fromRequestObject(value, context, source, depth + 1);
    return /pattern/.test(target.type) && patternBinds(target, node.text) && source.test(value.text) && !/[([]/.test(value.text.replace(source, ''));
  });
}

/** Whether a method's receiver is made by a non-database API: `crypto.createHmac(…).update(body)`, `h = hashlib.sha256(); h.update(data)`. */
function noCollection(call: Node, context: RuleContext): boolean {
  const receiver = call.childForFieldName('function')?.childForFieldName('object');
  if (!receiver) return false;
  const values = NAME_TYPES.has(receiver.type) ? localAssignments(receiver, context.spec) : [receiver];
  return values.length > 0 && values.every((value) => /^(dictionary|set)$/.test(value.type)
    || (context.spec.kinds.call.includes(value.type) && NOT_COLLECTION.test(context.call(value).name)));
}

/** What is merged into a name's object before `use`: `query.update(criteria)`, `Object.assign(query, criteria)`. */
function mergedInto(use: Node, context: RuleContext): Node[] {
  const scope = enclosing(use, context.spec.kinds.function) ?? use.tree.rootNode;
  return scope.descendantsOfType(context.spec.kinds.call as string[]).flatMap((node) => {
    if (!node || node.startIndex > use.startIndex) return [];
    const call = context.call(node);
    if (call.method === 'update' && call.receiver === use.text) return call.args;
    return call.name === 'Object.assign' && call.args[0]?.text === use.text ? call.args.slice(1) : [];
  });
}

function pairKey(pair: Node): string {
  return pair.childForFieldName('key')?.text.replace(/^["'`]|["'`]$/g, '') ?? '';
}

export default defineRule({
  meta: {
    id: 'S034',
    name: 'nosql-injection',
    title: 'NoSQL injection',
    category: 'security',
    severity: 'high',
    confidence: 'medium',
    cwe: 'CWE-943',
    languages: ['python', ...JS_FAMILY],
    messages: { en: '{callee}() runs a MongoDB query with {detail}', zh: '{callee}() 执行的 MongoDB 查询{detail}' },
    suggestion: {
      en: 'Never run $where on input; cast each request value to the type the field holds (String(), Number()) or validate the body with a schema, so an object like {"$ne": null} cannot become an operator; mongo-sanitize strips $ keys',
      zh: '不要对输入执行 $where；将每个请求值转换为字段对应的类型（String()、Number()）或用模式校验请求体，使 {"$ne": null} 之类的对象无法成为操作符；mongo-sanitize 可去除 $ 开头的键',
    },
    suggestionByLanguage: {
      python: {
        en: 'Never run $where on input; convert each request value to the type the field holds (str(), int()) or validate the JSON body with a schema (pydantic, marshmallow), so {"$ne": null} cannot become an operator',
        zh: '不要对输入执行 $where；将每个请求值转换为字段对应的类型（str()、int()）或用模式校验 JSON 请求体（pydantic、marshmallow），使 {"$ne": null} 无法成为操作符',
      },
    },
  },
  create(context): Visitors {
    const source = context.spec.id === 'python' ? OBJECT_SOURCES.python : OBJECT_SOURCES.js;
    // Without request data in the file no filter can come from it, and `$where` needs the word.
    if (!/\b(req|request|ctx)\b|\$where/.test(context.code)) return {};
    const whereSetOn = (name: Node): boolean => {
      // `criteria["$where"] = …` or `criteria.$where = …` before the query.
      const scope = enclosing(name, context.spec.kinds.function) ?? name.tree.rootNode;
      return scope.descendantsOfType(context.spec.kinds.assignment as string[]).some((assignment) => {
        const target = assignment?.childForFieldName('left');
        const value = assignment?.childForFieldName('right');
        if (!assignment || !target || !value || assignment.startIndex > name.startIndex) return false;
        const container = target.childForFieldName('value') ?? target.childForFieldName('object');
        const key = (target.childForFieldName('subscript') ?? target.childForFieldName('index') ?? target.childForFieldName('property'))?.text.replace(/^["'`]|["'`]$/g, '');
        return container?.text === name.text && key === '$where' && !context.isConstant(value);
      });
    };
    const detailOf = (filter: Node, depth = 0): string | null => {
      if (!source) return null;
      if (fromRequestObject(filter, context, source)) return 'a filter taken from the request';
      if (NAME_TYPES.has(filter.type) && depth < MAX_DEPTH) {
        if (whereSetOn(filter)) return 'a $where clause built at run time';
        if (mergedInto(filter, context).some((value) => fromRequestObject(value, context, source))) return 'request data merged into the filter';
        return localAssignments(filter, context.spec).map((value) => detailOf(value, depth + 1)).find((detail) => detail !== null) ?? null;
      }
      // A filter one of the file's functions builds: `query = build_filter(request.rel_url.query)`.
      const builder = context.spec.kinds.call.includes(filter.type) && depth < MAX_DEPTH ? definitionCalled(filter, context.spec) : null;
      if (builder) return returnedValues(builder, context.spec).map((value) => detailOf(value, depth + 1)).find((detail) => detail !== null) ?? null;
      if (filter.type !== 'object' && filter.type !== 'dictionary') return null;
      for (const pair of filter.namedChildren) {
        if (!pair) continue;
        if (pair.type === 'shorthand_property_identifier' && fromRequestObject(pair, context, source)) return `request data as the value of ${pair.text}`;
        if (pair.type !== 'pair') continue;
        const key = pairKey(pair);
        const value = pair.childForFieldName('value');
        if (!value) continue;
        if (key === '$where' && !context.isConstant(value)) return 'a $where clause built at run time';
        if (!key.startsWith('$') && fromRequestObject(value, context, source)) return `request data as the value of ${key}`;
      }
      return null;
    };
    return {
      call(node) {
        const call = context.call(node);
        const filter = call.args[0];
        if (!filter || call.receiver === '') return;
        if (call.method === '$where') {
          if (!context.isConstant(filter)) context.report({ node, data: { callee: call.name, detail: 'a $where clause built at run time' } });
          return;
        }
        if (!QUERY_METHODS.test(call.method) || noCollection(node, context)) return;
        const detail = detailOf(filter);
        if (detail) context.report({ node, data: { callee: call.name, detail } });
      },
    };
  },
});
