import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../syntax/calls.ts';
import { escapedHtml, fieldValue } from '../../syntax/escaping.ts';
import { soleValue } from '../../syntax/strings.ts';
import { assignedValues, localAssignments } from '../../syntax/taint.ts';
import { literalTruth, stringValue } from '../../syntax/values.ts';
import { defineRule, type RuleContext } from '../rule.ts';
import { appendArguments, JS_FAMILY, replaceNode } from '../patterns.ts';
import { MARKED_SAFE, renderedBy } from '../templates.ts';

const JINJA_ENVIRONMENT = /^jinja2\.(Environment|sandbox\.SandboxedEnvironment)$/;
const MAKO_TEMPLATE = /^mako\.(template\.Template|lookup\.TemplateLookup)$/;
/** Mako's `h` filter HTML-escapes every expression. */
const MAKO_ESCAPING = /["']h["']/;
/** JavaScript engines configured with an options object: swig, nunjucks (autoescape), Handlebars (noEscape). */
const JS_ENGINE = /^(new )?(swig|nunjucks|Handlebars|handlebars|hbs)\.(setDefaults|compile|compileFile|render|renderFile|configure|Swig|Environment|precompile)$/;
/** Options that turn escaping off, with the value that does so. */
const UNESCAPED_OPTIONS: Record<string, boolean> = { autoescape: false, noEscape: true };
/**
 * Template strings compiled where written: Handlebars/Mustache `{{{ raw }}}`, EJS `<%- raw %>` (`<%- include(…) %>`
 * inserts a template), Pug `tag!= raw` and `!{raw}`, with the escaping replacement and the pattern that captures
 * each raw expression.
 */
const INLINE_TEMPLATES: readonly [RegExp, RegExp, string, (raw: string, value: string) => string, RegExp][] = [
  [/^(Handlebars|handlebars|hbs|Mustache|mustache)\.(compile|precompile|render)$/, /\{\{\{\s*([^}]*?)\s*\}\}\}/g, '{{{ }}}', (_raw, value) => `{{${value}}}`, /\{\{\{\s*([^}]*?)\s*\}\}\}/g],
  [/^ejs\.(compile|render)$/, /<%-(?!\s*include\b)/g, '<%-', () => '<%=', /<%-(?!\s*include\b)\s*([\s\S]*?)\s*[-_]?%>/g],
  // Pug's `!=` buffers code unescaped only right after a line's tag (`.note!= x`); `if a != b` compares.
  [/^(pug|jade)\.(compile|compileClient|render)$/, /!\{|(?<=^[ \t]*[\w.#:-]*(?:\([^)\n]*\))?)!=/gm, '!= / !{}', (raw) => (raw === '!{' ? '#{' : '='),
    /!\{([^}]*)\}|(?<=^[ \t]*[\w.#:-]*(?:\([^)\n]*\))?)!=[ \t]*(.*)$/gm],
];
const PROPERTY_PATH = /^[\w$]+(\.[\w$]+)*$/;

/** Whether the data given with a template holds an escaped value at a raw expression's path (`review.bodyHtml`). */
function escapedInData(expression: string, data: Node | undefined, context: RuleContext): boolean {
  if (!data || !PROPERTY_PATH.test(expression)) return false;
  let value: Node | null = data;
  for (const key of expression.split('.')) value = value && fieldValue(value, key, context.spec);
  return value !== null && escapedHtml(value, context.spec);
}

/** A variable every earlier assignment of which is a false literal (`escape = ''`). */
function assignedFalse(node: Node, context: RuleContext): boolean {
  if (node.type !== 'identifier') return false;
  const local = localAssignments(node, context.spec);
  const values = local.length > 0 ? local : assignedValues(node.tree.rootNode, node.text, context.spec).filter((value) => value.startIndex < node.startIndex);
  return values.length > 0 && values.every((value) => literalTruth(value, context.spec.kinds) === false);
}

/** A JavaScript call whose options object turns escaping off, or whose inline template writes raw values. */
function checkJavaScript(call: CallSite, context: RuleContext): void {
  if (JS_ENGINE.test(call.name)) {
    for (const options of call.args.filter((arg) => arg.type === 'object')) {
      for (const pair of options.namedChildren) {
        const key = pair?.type === 'pair' ? pair.childForFieldName('key')?.text.replace(/['"]/g, '') ?? '' : '';
        const value = pair?.childForFieldName('value');
        if (!value || !(key in UNESCAPED_OPTIONS) || literalTruth(value, context.spec.kinds) !== UNESCAPED_OPTIONS[key]) continue;
        context.report({ node: call.node, data: { engine: call.name.replace(/^new /, ''), detail: `${key}: ${value.text}` }, fix: replaceNode(value, String(!UNESCAPED_OPTIONS[key])) });
      }
    }
  }
  for (const [callee, raw, detail, escaped, expression] of INLINE_TEMPLATES) {
    const template = call.args[0] && soleValue(call.args[0], context.spec);
    if (!callee.test(call.name) || !template) continue;
    const text = stringValue(template, context.spec.kinds);
    if (text === null || !new RegExp(raw.source, raw.flags.replace('g', '')).test(text)) continue;
    // `render(template, data)` comes with its data: raw output is safe where the value was escaped before.
    const data = call.method === 'render' ? call.args[1] : undefined;
    const expressions = [...text.matchAll(expression)].map((match) => match[1] ?? match[2] ?? '');
    if (expressions.length > 0 && expressions.every((found) => escapedInData(found, data, context))) continue;
    context.report({ node: call.node, data: { engine: call.name, detail }, fix: replaceNode(template, template.text.replace(raw, escaped)) });
  }
}

export default defineRule({
  meta: {
    id: 'S027',
    name: 'template-autoescape-off',
    title: 'Template engine without HTML escaping',
    category: 'security',
    severity: 'high',
    confidence: 'medium',
    cwe: 'CWE-79',
    languages: ['python', ...JS_FAMILY],
    messages: { en: '{engine} renders variables without HTML escaping ({detail})', zh: '{engine} 渲染变量时不做 HTML 转义（{detail}）' },
    suggestion: {
      en: 'Turn escaping on: Environment(autoescape=select_autoescape()) or autoescape=True in Jinja2, default_filters=["h"] in Mako',
      zh: '开启转义：Jinja2 使用 Environment(autoescape=select_autoescape()) 或 autoescape=True，Mako 使用 default_filters=["h"]',
    },
    suggestionByLanguage: {
      js: {
        en: 'Keep escaping on: autoescape: true in swig and nunjucks, no noEscape in Handlebars, {{ value }} instead of {{{ value }}}, <%= %> instead of <%- %> in EJS, tag= and #{} instead of tag!= and !{} in Pug',
        zh: '保持转义开启：swig 与 nunjucks 使用 autoescape: true，Handlebars 不设 noEscape，使用 {{ value }} 而非 {{{ value }}}，EJS 使用 <%= %> 而非 <%- %>，Pug 使用 tag= 与 #{} 而非 tag!= 与 !{}',
      },
    },
    fix: { en: 'Turn escaping on', zh: '开启转义' },
  },
  create(context) {
    return {
      call(node) {
        const call = context.call(node);
        if (context.spec.id !== 'python') {
          checkJavaScript(call, context);
          return;
        }
        if (JINJA_ENVIRONMENT.test(call.name)) {
          const autoescape = call.kwargs.get('autoescape');
          const list = node.childForFieldName('arguments');
          if (!autoescape) {
            // Settings passed through **options may include autoescape.
            if (list?.namedChildren.some((child) => child?.type === 'dictionary_splat')) return;
            context.report({ node, data: { engine: call.name, detail: 'autoescape=False' }, fix: list ? appendArguments(list, 'autoescape=True') : undefined });
          } else if (literalTruth(autoescape, context.spec.kinds) === false || assignedFalse(autoescape, context)) {
            context.report({ node, data: { engine: call.name, detail: `autoescape=${autoescape.text}` }, fix: replaceNode(autoescape, 'True') });
          }
        } else if (MAKO_TEMPLATE.test(call.name)) {
          const filters = call.kwargs.get('default_filters');
          if (!filters || !MAKO_ESCAPING.test(filters.text)) context.report({ node, data: { engine: call.name, detail: 'default_filters' } });
        } else if (MARKED_SAFE.test(call.name)) {
          // `{"bio": mark_safe(html)}` given to a template, or returned by a template tag, switches its escaping off for that value.
          const marked = call.args[0];
          const engine = marked && !escapedHtml(marked, context.spec) ? renderedBy(node, context) : null;
          if (engine) context.report({ node, data: { engine, detail: `${call.method}() of a value not escaped` } });
        }
      },
    };
  },
});
