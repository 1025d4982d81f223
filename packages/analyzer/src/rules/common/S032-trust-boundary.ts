import type { Node } from 'web-tree-sitter';
import { localAssignments } from '../../syntax/taint.ts';
import { defineRule, type RuleContext, type Visitors } from '../rule.ts';
import { carriesInput, JS_FAMILY } from '../patterns.ts';

/** Session objects: Flask's `session`, Django's `request.session`, Express's `req.session`, PHP's `$_SESSION`. */
const SESSION: Record<string, RegExp> = {
  python: /^((flask\.)?session|(self\.)?request\.session)$/,
  js: /^(req|request|ctx)\.session$/,
  php: /^\$_SESSION$/,
};
const PYTHON_SESSION_WRITES = /^(update|setdefault|__setitem__)$/;
/** Conversions that leave a value of a fixed type, which cannot smuggle structure into the session. */
const TYPED = /^(int|float|bool|Number|parseInt|parseFloat|Boolean|intval|floatval|boolval)\(/;

/** Calls that hand request data on as it is: request accessors and string handling. */
const PASS_THROUGH_CALL = /^(self\.)?(request|req)\b|^(str|String)$|\.(get|getlist|get_json|getParameter|format|join|strip|lower|upper|trim)$/;
const MAX_DEPTH = 3;

/**
 * Whether the value is request data as it arrived, possibly renamed or built into a string: what a call of the
 * application's own code returns (a user looked up with the password) was derived by the server.
 */
function asArrived(value: Node, context: RuleContext, depth = 0): boolean {
  if (depth > MAX_DEPTH || !carriesInput(value, context, 'request') || TYPED.test(value.text)) return false;
  // `theme if theme in THEMES else "light"`: a value the code chose after checking it.
  if (/conditional_expression|ternary_expression/.test(value.type)) return false;
  if (value.type === 'identifier') return localAssignments(value, context.spec).some((assigned) => asArrived(assigned, context, depth + 1));
  const object = /attribute|member_expression/.test(value.type) ? value.childForFieldName('object') : null;
  if (object?.type === 'identifier' && !/^(request|req)$/.test(object.text)) return asArrived(object, context, depth + 1);
  const calls = [value, ...value.descendantsOfType(context.spec.kinds.call as string[])].filter((node): node is Node => node !== null && context.spec.kinds.call.includes(node.type));
  return calls.every((call) => PASS_THROUGH_CALL.test(context.call(call).name));
}

function sessionPattern(language: string): RegExp | undefined {
  return SESSION[language] ?? (JS_FAMILY.includes(language as never) ? SESSION.js : undefined);
}

/** The session object an assignment target writes into: `session["user"]`, `req.session.user`, `$_SESSION['user']`. */
function sessionOf(target: Node): Node | null {
  if (!/subscript|member_expression|attribute/.test(target.type)) return null;
  return target.childForFieldName('value') ?? target.childForFieldName('object') ?? target.firstNamedChild;
}

export default defineRule({
  meta: {
    id: 'S032',
    name: 'trust-boundary-violation',
    title: 'Trust boundary violation',
    category: 'security',
    severity: 'medium',
    confidence: 'medium',
    cwe: 'CWE-501',
    languages: ['python', ...JS_FAMILY, 'php', 'java'],
    messages: { en: 'Request data is stored in the session ({target}) without validation', zh: '请求数据未经校验存入会话（{target}）' },
    suggestion: {
      en: 'Store only values the server derived or validated (an id looked up after authentication, a value checked against an allow-list), never request fields as they arrived',
      zh: '只在会话中保存服务器推导或校验过的值（认证后查得的 id、经白名单校验的值），不要直接保存请求字段',
    },
  },
  create(context): Visitors {
    const session = sessionPattern(context.spec.id);
    if (!/session/i.test(context.code)) return {};
    const stored = (value: Node | null) => value !== null && asArrived(value, context);
    const checkAssignment = (node: Node) => {
      const target = node.childForFieldName('left');
      const object = target ? sessionOf(target) : null;
      if (!target || !object || !session?.test(object.text)) return;
      if (stored(node.childForFieldName('right'))) context.report({ node, data: { target: target.text } });
    };
    return {
      assignment: checkAssignment,
      assignment_expression: checkAssignment,
      call(node) {
        const call = context.call(node);
        if (context.spec.id === 'python' && session?.test(call.receiver) && PYTHON_SESSION_WRITES.test(call.method)) {
          if (call.args.some((arg) => stored(arg)) || [...call.kwargs.values()].some((arg) => stored(arg))) {
            context.report({ node, data: { target: call.name } });
          }
        } else if (call.name === 'Object.assign' && call.args[0] && session?.test(call.args[0].text)) {
          // `Object.assign(req.session, { warehouseId, zone })` writes each property's value.
          const values = call.args.slice(1).flatMap((arg) => (arg.type === 'object' ? arg.namedChildren : [arg]))
            .map((entry) => (entry?.type === 'pair' ? entry.childForFieldName('value') : entry));
          if (values.some((value) => value !== undefined && stored(value))) context.report({ node, data: { target: call.args[0].text } });
        } else if (context.spec.id === 'java' && call.method === 'setAttribute' && /session/i.test(call.receiver) && stored(call.args[1] ?? null)) {
          context.report({ node, data: { target: call.name } });
        }
      },
    };
  },
});
