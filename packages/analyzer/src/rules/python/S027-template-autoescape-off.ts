import { literalTruth } from '../../syntax/values.ts';
import { defineRule } from '../rule.ts';
import { appendArguments, replaceNode } from '../patterns.ts';

const JINJA_ENVIRONMENT = /^jinja2\.(Environment|sandbox\.SandboxedEnvironment)$/;
const MAKO_TEMPLATE = /^mako\.(template\.Template|lookup\.TemplateLookup)$/;
/** Mako's `h` filter HTML-escapes every expression. */
const MAKO_ESCAPING = /["']h["']/;

export default defineRule({
  meta: {
    id: 'S027',
    name: 'template-autoescape-off',
    title: 'Template engine without HTML escaping',
    category: 'security',
    severity: 'high',
    confidence: 'medium',
    cwe: 'CWE-79',
    languages: ['python'],
    messages: { en: '{engine} renders variables without HTML escaping ({detail})', zh: '{engine} 渲染变量时不做 HTML 转义（{detail}）' },
    suggestion: {
      en: 'Turn escaping on: Environment(autoescape=select_autoescape()) or autoescape=True in Jinja2, default_filters=["h"] in Mako',
      zh: '开启转义：Jinja2 使用 Environment(autoescape=select_autoescape()) 或 autoescape=True，Mako 使用 default_filters=["h"]',
    },
    fix: { en: 'Set autoescape=True', zh: '设置 autoescape=True' },
  },
  create(context) {
    return {
      call(node) {
        const call = context.call(node);
        if (JINJA_ENVIRONMENT.test(call.name)) {
          const autoescape = call.kwargs.get('autoescape');
          const list = node.childForFieldName('arguments');
          if (!autoescape) {
            // Settings passed through **options may include autoescape.
            if (list?.namedChildren.some((child) => child?.type === 'dictionary_splat')) return;
            context.report({ node, data: { engine: call.name, detail: 'autoescape=False' }, fix: list ? appendArguments(list, 'autoescape=True') : undefined });
          } else if (literalTruth(autoescape, context.spec.kinds) === false) {
            context.report({ node, data: { engine: call.name, detail: `autoescape=${autoescape.text}` }, fix: replaceNode(autoescape, 'True') });
          }
        } else if (MAKO_TEMPLATE.test(call.name)) {
          const filters = call.kwargs.get('default_filters');
          if (!filters || !MAKO_ESCAPING.test(filters.text)) context.report({ node, data: { engine: call.name, detail: 'default_filters' } });
        }
      },
    };
  },
});
