import { literalTruth } from '../../syntax/values.ts';
import { defineRule } from '../rule.ts';
import { appendArguments } from '../patterns.ts';

const COOKIE_FLAGS = ['secure', 'httponly'] as const;

export default defineRule({
  meta: {
    id: 'S028',
    name: 'insecure-cookie',
    title: 'Cookie without Secure or HttpOnly',
    category: 'security',
    severity: 'medium',
    confidence: 'medium',
    cwe: 'CWE-614',
    languages: ['python'],
    messages: { en: '{callee}() sets a cookie without {flags}', zh: '{callee}() 设置的 Cookie 缺少 {flags}' },
    suggestion: {
      en: 'Pass secure=True so the cookie only travels over HTTPS and httponly=True so scripts cannot read it (CWE-1004); add samesite="Lax"',
      zh: '传入 secure=True 使 Cookie 仅经 HTTPS 传输，传入 httponly=True 使脚本无法读取（CWE-1004），并加上 samesite="Lax"',
    },
    fix: { en: 'Add secure=True and httponly=True', zh: '添加 secure=True 与 httponly=True' },
  },
  create(context) {
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
