import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../syntax/calls.ts';
import { visibleAssignments } from '../../syntax/taint.ts';
import { literalTruth } from '../../syntax/values.ts';
import { defineRule, type Fix, type RuleContext } from '../rule.ts';
import { appendArguments, JS_FAMILY, replaceNode } from '../patterns.ts';

const COOKIE_FLAGS = ['secure', 'httponly'] as const;
const JS_COOKIE_FLAGS = ['secure', 'httpOnly'] as const;
/** Express `res.cookie(name, value, options)` and Fastify `reply.setCookie(name, value, options)`: both flags default to off. */
const JS_SET_COOKIE = /^(res|response|reply)(\..+)?\.(cookie|setCookie)$/;
/** Koa's `ctx.cookies.set(name, value, options)`: httpOnly defaults to on and secure follows the request's protocol. */
const KOA_SET_COOKIE = /^(ctx|context|this)\.cookies\.set$/;
/** express-session's `cookie` option defaults to httpOnly but not secure. */
const EXPRESS_SESSION = /(?:\b(?:const|let|var)\s+([\w$]+)\s*=\s*require\(\s*|\bimport\s+([\w$]+)\s+from\s*)['"]express-session['"]/;

/** The keys of an object literal, or null when it spreads another object whose keys cannot be read here. */
function objectKeys(object: Node): Map<string, Node> | null {
  const keys = new Map<string, Node>();
  for (const child of object.namedChildren) {
    if (child?.type === 'spread_element') return null;
    const key = child?.type === 'pair' ? child.childForFieldName('key')?.text.replace(/['"]/g, '') : child?.type === 'shorthand_property_identifier' ? child.text : undefined;
    const value = child?.type === 'pair' ? child.childForFieldName('value') : child;
    if (key && value) keys.set(key, value);
  }
  return keys;
}

/** An options argument as an object literal: written there, or the one object its variable is assigned. */
function optionsObject(node: Node, context: RuleContext): Node | null {
  if (node.type === 'object') return node;
  if (node.type !== 'identifier') return null;
  const values = visibleAssignments(node, context.spec);
  const [value] = values;
  return values.length === 1 && value?.type === 'object' ? value : null;
}

/** Flags an options object leaves unset or sets to a false literal. */
function missingFlags(keys: Map<string, Node>, flags: readonly string[], context: RuleContext): string[] {
  return flags.filter((flag) => {
    const value = keys.get(flag);
    return !value || literalTruth(value, context.spec.kinds) === false;
  });
}

/** Flags an options object explicitly sets to a false literal, where leaving them out is safe. */
function disabledFlags(keys: Map<string, Node>, flags: readonly string[], context: RuleContext): string[] {
  return flags.filter((flag) => {
    const value = keys.get(flag);
    return value !== undefined && literalTruth(value, context.spec.kinds) === false;
  });
}

/** Edit that adds `secure: true, httpOnly: true` to an options object, or the object itself as the call's last argument. */
function addFlags(call: CallSite, options: Node | null): Fix | undefined {
  const text = 'secure: true, httpOnly: true';
  if (!options) {
    const list = call.node.childForFieldName('arguments');
    return list ? appendArguments(list, `{ ${text} }`) : undefined;
  }
  const last = options.namedChildren.filter((child) => child !== null && child.type !== 'comment').at(-1);
  if (!last) return replaceNode(options, `{ ${text} }`);
  const comma = last.nextSibling?.type === ',' ? last.nextSibling : null;
  const at = comma ?? last;
  return { edits: [{ start: at.endIndex, end: at.endIndex, text: comma ? ` ${text},` : `, ${text}` }] };
}

/** `res.cookie(name, value, options)`: both flags must be set in the options. */
function checkSetCookie(call: CallSite, context: RuleContext): void {
  const argument = call.args[2];
  const options = argument ? optionsObject(argument, context) : null;
  const keys = options ? objectKeys(options) : argument ? null : new Map<string, Node>();
  if (!keys) return;
  const missing = missingFlags(keys, JS_COOKIE_FLAGS, context);
  if (missing.length === 0) return;
  // Flags explicitly set to false are the author's choice to revisit, not text to append to.
  const fix = missing.every((flag) => !keys.has(flag)) ? addFlags(call, options) : undefined;
  context.report({ node: call.node, data: { callee: call.name, flags: missing.join(', ') }, fix });
}

/** `session({ cookie: { … } })` of express-session: secure must be set, httpOnly must not be turned off. */
function checkSession(call: CallSite, context: RuleContext): void {
  const options = call.args[0] ? optionsObject(call.args[0], context) : null;
  const keys = options ? objectKeys(options) : null;
  const cookie = keys?.get('cookie');
  const cookieKeys = cookie ? (cookie.type === 'object' ? objectKeys(cookie) : null) : new Map<string, Node>();
  if (!keys || !cookieKeys) return;
  const missing = [...missingFlags(cookieKeys, ['secure'], context), ...disabledFlags(cookieKeys, ['httpOnly'], context)];
  if (missing.length > 0) context.report({ node: call.node, data: { callee: call.name, flags: missing.join(', ') } });
}

/** `ctx.cookies.set(name, value, options)` of Koa: neither flag may be turned off. */
function checkKoaCookie(call: CallSite, context: RuleContext): void {
  const options = call.args[2] ? optionsObject(call.args[2], context) : null;
  const keys = options ? objectKeys(options) : null;
  const disabled = keys ? disabledFlags(keys, JS_COOKIE_FLAGS, context) : [];
  if (disabled.length > 0) context.report({ node: call.node, data: { callee: call.name, flags: disabled.join(', ') } });
}

export default defineRule({
  meta: {
    id: 'S028',
    name: 'insecure-cookie',
    title: 'Cookie without Secure or HttpOnly',
    category: 'security',
    severity: 'medium',
    confidence: 'medium',
    cwe: 'CWE-614',
    languages: ['python', ...JS_FAMILY],
    messages: { en: '{callee}() sets a cookie without {flags}', zh: '{callee}() 设置的 Cookie 缺少 {flags}' },
    suggestion: {
      en: 'Pass secure=True so the cookie only travels over HTTPS and httponly=True so scripts cannot read it (CWE-1004); add samesite="Lax"',
      zh: '传入 secure=True 使 Cookie 仅经 HTTPS 传输，传入 httponly=True 使脚本无法读取（CWE-1004），并加上 samesite="Lax"',
    },
    suggestionByLanguage: {
      js: {
        en: "Pass { secure: true, httpOnly: true, sameSite: 'lax' } to res.cookie() and cookie: { secure: true } to express-session (with app.set('trust proxy', 1) behind a proxy), so the cookie only travels over HTTPS and scripts cannot read it",
        zh: "向 res.cookie() 传入 { secure: true, httpOnly: true, sameSite: 'lax' }，并为 express-session 设置 cookie: { secure: true }（位于代理之后时加上 app.set('trust proxy', 1)），使 Cookie 仅经 HTTPS 传输且脚本无法读取",
      },
    },
    fix: { en: 'Add the Secure and HttpOnly flags', zh: '添加 Secure 与 HttpOnly 标志' },
  },
  create(context) {
    if (context.spec.id !== 'python') {
      const match = EXPRESS_SESSION.exec(context.code);
      const sessionName = match?.[1] ?? match?.[2];
      return {
        call(node) {
          const call = context.call(node);
          if (JS_SET_COOKIE.test(call.name) && call.args.length >= 2) checkSetCookie(call, context);
          else if (KOA_SET_COOKIE.test(call.name)) checkKoaCookie(call, context);
          else if (sessionName !== undefined && call.name === sessionName) checkSession(call, context);
        },
      };
    }
    return {
      call(node) {
        const call = context.call(node);
        // Web frameworks take set_cookie(key, value, …); http.cookiejar's set_cookie(cookie) stores a parsed cookie.
        if (call.method !== 'set_cookie' || call.receiver === '' || (call.args.length < 2 && !call.kwargs.has('value'))) return;
        const list = node.childForFieldName('arguments');
        // Flags passed through **options cannot be read here.
        if (!list || list.namedChildren.some((child) => child?.type === 'dictionary_splat')) return;
        const missing = COOKIE_FLAGS.filter((flag) => {
          const value = call.kwargs.get(flag);
          return !value || literalTruth(value, context.spec.kinds) === false;
        });
        if (missing.length === 0) return;
        // Flags explicitly set to false are the author's choice to revisit, not text to append to.
        const fix = missing.every((flag) => !call.kwargs.has(flag)) ? appendArguments(list, missing.map((flag) => `${flag}=True`).join(', ')) : undefined;
        context.report({ node, data: { callee: call.name, flags: missing.join(', ') }, fix });
      },
    };
  },
});
