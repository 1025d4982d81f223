import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../syntax/calls.ts';
import { isDynamicString } from '../../syntax/strings.ts';
import { defineRule, type Visitors } from '../rule.ts';
import { carriesInput, JS_FAMILY, patternFor, type PatternTable } from '../patterns.ts';
import type { LanguageId } from '../../languages.ts';

/** Calls whose first argument is an XPath expression. */
const XPATH_CALLS: PatternTable = {
  // lxml: element.xpath(expr, **variables), etree.XPath(expr), etree.ETXPath(expr), XPathEvaluator(tree)(expr).
  python: /(^|\.)(xpath|XPath|ETXPath)$/,
  js: /^(xpath\.(select|select1|evaluate|parse)|(document|doc)\.evaluate|\w+\.(selectNodes|selectSingleNode))$/,
  java: /(^|\.)(xpath|xPath|xp|XPath)\w*\.(compile|evaluate)$/,
};
const XPATH_MENTION = /xpath|XPath|evaluate|selectNodes|selectSingleNode/i;
const LANGUAGES: LanguageId[] = ['python', ...JS_FAMILY, 'java'];

function expression(call: CallSite): Node | undefined {
  return call.kwargs.get('path') ?? call.args[0];
}

export default defineRule({
  meta: {
    id: 'S031',
    name: 'xpath-injection',
    title: 'XPath injection',
    category: 'security',
    severity: 'high',
    confidence: 'high',
    cwe: 'CWE-643',
    languages: LANGUAGES,
    messages: { en: 'XPath expression built from non-constant input reaches {callee}()', zh: '由非常量输入拼接的 XPath 表达式传入 {callee}()，存在 XPath 注入风险' },
    suggestion: {
      en: 'Keep the expression constant and pass values as XPath variables: tree.xpath("//user[@name=$name]", name=name)',
      zh: '保持表达式为常量，以 XPath 变量传值：tree.xpath("//user[@name=$name]", name=name)',
    },
    suggestionByLanguage: {
      js: { en: 'Keep the expression constant and pass values through a variable resolver (xpath.parse(expr).select({ node, variables }))', zh: '保持表达式为常量，通过变量解析器传值（xpath.parse(expr).select({ node, variables })）' },
      java: { en: 'Keep the expression constant and bind values with XPath.setXPathVariableResolver()', zh: '保持表达式为常量，并通过 XPath.setXPathVariableResolver() 绑定取值' },
    },
  },
  create(context): Visitors {
    const calls = patternFor(XPATH_CALLS, context.spec.id);
    if (!XPATH_MENTION.test(context.code)) return {};
    return {
      call(node) {
        const call = context.call(node);
        if (!calls?.test(call.name)) return;
        const expr = expression(call);
        if (!expr || context.isConstant(expr)) return;
        if (carriesInput(expr, context)) {
          context.report({ node, data: { callee: call.name.replace(/^new /, '') } });
        } else if (isDynamicString(expr, context.spec)) {
          context.report({ node, data: { callee: call.name.replace(/^new /, '') }, severity: 'medium', confidence: 'medium' });
        }
      },
    };
  },
});
