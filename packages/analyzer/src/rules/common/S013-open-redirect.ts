import { defineRule } from '../rule.ts';
import { JS_FAMILY, taintedSink, type TaintSink } from '../patterns.ts';
import type { LanguageId } from '../../languages.ts';

const SINKS: Partial<Record<LanguageId, TaintSink[]>> = {
  python: [{ callee: /^((flask|django\.shortcuts)\.)?redirect$|(^|\.)(HttpResponseRedirect|HttpResponsePermanentRedirect|RedirectResponse)$/, args: [0] }],
  java: [{ callee: /\.sendRedirect$/, args: [0] }],
  go: [{ callee: /^http\.Redirect$/, args: [2] }, { callee: /^c\.Redirect$/, args: [1] }],
  php: [{ callee: /^header$/, args: [0] }],
  csharp: [{ callee: /^(Redirect|RedirectPermanent|Response\.Redirect)$/, args: [0] }],
};
// Fastify's reply.redirect took (code, url) and now takes (url, code); Hapi's h.redirect takes the URL.
for (const language of JS_FAMILY) SINKS[language] = [{ callee: /^(res|response|ctx)\.redirect$/, args: [-1] }, { callee: /^(reply|h)\.redirect$/, args: 'all' }];
const LOCATION_TARGET = /^(window\.|document\.)?location(\.href)?$/;

export default defineRule({
  meta: {
    id: 'S013',
    name: 'open-redirect',
    title: 'Open redirect',
    category: 'security',
    severity: 'medium',
    confidence: 'medium',
    cwe: 'CWE-601',
    languages: Object.keys(SINKS) as LanguageId[],
    messages: { en: 'Request data decides the redirect target of {callee}', zh: '{callee} 的跳转地址来自请求数据，存在开放重定向风险' },
    suggestion: {
      en: 'Redirect only to relative paths or hosts on an allow-list',
      zh: '只允许跳转到相对路径或白名单中的主机',
    },
  },
  create(context) {
    const sinks = SINKS[context.spec.id];
    return {
      call(node) {
        const call = context.call(node);
        if (call.name === 'header' && !/location\s*:/i.test(call.args[0]?.text ?? '')) return;
        const callee = taintedSink(call, sinks, context, 'request');
        if (callee) context.report({ node, data: { callee: `${callee}()` } });
      },
      assignment_expression(node) {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left && right && LOCATION_TARGET.test(left.text) && context.isTainted(right, 'request')) context.report({ node, data: { callee: left.text } });
      },
    };
  },
});
