import type { Node } from 'web-tree-sitter';
import { stringValue } from '../../syntax/values.ts';
import { defineRule } from '../rule.ts';
import { patternFor, tableLanguages, type PatternTable } from '../patterns.ts';

/** Calls whose first argument is rendered as HTML unescaped. */
const HTML_SINKS: PatternTable = {
  js: /^(document\.(write|writeln)|(\$|jQuery)\(.*\)\.(html|append|prepend|after|before))$/,
  // format_html escapes its arguments but not its format string.
  python: /^((flask|jinja2|markupsafe)\.)?Markup$|^(django\.utils\.safestring\.)?(mark_safe|SafeString|SafeText)$|^(django\.utils\.html\.)?format_html$|^(flask\.)?render_template_string$/,
  go: /^template\.(HTML|JS|HTMLAttr)$/,
  csharp: /^(Html\.Raw|new HtmlString|Response\.Write)$/,
  java: /\.getWriter\(\)\.(print|println|write)$/,
  php: /^(printf|print_r|vprintf)$/,
};
const HTML_PROPERTIES = /\.(innerHTML|outerHTML)$/;
const PHP_ESCAPED = /htmlspecialchars|htmlentities|intval|\(int\)|json_encode|urlencode|strip_tags/;

export default defineRule({
  meta: {
    id: 'S011',
    name: 'xss',
    title: 'Cross-site scripting sink',
    category: 'security',
    severity: 'high',
    confidence: 'medium',
    cwe: 'CWE-79',
    languages: tableLanguages(HTML_SINKS),
    messages: { en: 'Non-constant value written as HTML through {sink}', zh: '通过 {sink} 将非常量内容作为 HTML 输出，存在 XSS 风险' },
    suggestion: {
      en: 'Write text (textContent, auto-escaping templates) or sanitise with a vetted HTML sanitiser such as DOMPurify',
      zh: '输出纯文本（textContent、自动转义的模板），或使用 DOMPurify 等可靠的 HTML 清洗库',
    },
  },
  create(context) {
    const sinks = patternFor(HTML_SINKS, context.spec.id);
    const nonConstant = (node: Node | null | undefined) => node !== null && node !== undefined && !context.isConstant(node);
    const checkAssignment = (node: Node) => {
      const left = node.childForFieldName('left');
      if (left && HTML_PROPERTIES.test(left.text) && nonConstant(node.childForFieldName('right'))) {
        context.report({ node, data: { sink: left.text.slice(left.text.lastIndexOf('.') + 1) } });
      }
    };
    return {
      call(node) {
        const call = context.call(node);
        if (call.method === 'insertAdjacentHTML' && nonConstant(call.args[1])) {
          context.report({ node, data: { sink: 'insertAdjacentHTML' } });
        } else if (sinks?.test(call.name) && nonConstant(call.args[0])) {
          if (context.spec.id === 'java' || context.spec.id === 'php' || call.name === 'Response.Write') {
            if (!context.isTainted(call.args[0] as Node)) return;
          }
          context.report({ node, data: { sink: call.name.replace(/^new /, '') } });
        }
      },
      assignment_expression: checkAssignment,
      augmented_assignment_expression: checkAssignment,
      jsx_attribute(node) {
        if (node.firstNamedChild?.text !== 'dangerouslySetInnerHTML') return;
        const html = node.descendantsOfType('pair').find((pair) => pair?.childForFieldName('key')?.text === '__html');
        if (nonConstant(html?.childForFieldName('value'))) context.report({ node, data: { sink: 'dangerouslySetInnerHTML' } });
      },
      string(node) {
        if (!node.text.includes('v-html')) return;
        const value = stringValue(node, context.spec.kinds);
        if (value && /\sv-html=["'][^"']+["']/.test(value)) context.report({ node, data: { sink: 'v-html' }, confidence: 'low' });
      },
      echo_statement(node) {
        const value = node.firstNamedChild;
        if (value && !PHP_ESCAPED.test(value.text) && context.isTainted(value)) context.report({ node, data: { sink: 'echo' } });
      },
    };
  },
});
