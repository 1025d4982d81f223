import type { Node } from 'web-tree-sitter';
import { escapedHtml } from '../../syntax/escaping.ts';
import { definitionCalled, returnedValues } from '../../syntax/functions.ts';
import { isDynamicString } from '../../syntax/strings.ts';
import { localAssignments } from '../../syntax/taint.ts';
import { enclosing, stringValue } from '../../syntax/values.ts';
import { defineRule, type RuleContext } from '../rule.ts';
import { carriesInput, JS_FAMILY, patternFor, tableLanguages, type PatternTable } from '../patterns.ts';
import { MARKED_SAFE, renderedBy } from '../templates.ts';

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
/** Python web responses whose body is served as HTML unless another media type is given. */
const PYTHON_RESPONSES = /^(flask\.(make_response|Response)|werkzeug(\.wrappers)?(\.response)?\.Response|(starlette|fastapi)\.responses\.(HTML)?Response|django\.http\.HttpResponse|sanic\.response\.html)$/;
const BODY_KEYWORDS = ['response', 'content'];
const MEDIA_TYPE_KEYWORDS = ['mimetype', 'media_type', 'content_type'];
/** Flask, FastAPI and Starlette route decorators: a string returned from the view is the HTML body. */
const ROUTE_DECORATOR = /^@\w+(\.\w+)*\.(route|get|post|put|patch|delete)\(/;
const HTML_PROPERTIES = /\.(innerHTML|outerHTML)$/;
const PHP_ESCAPED = /htmlspecialchars|htmlentities|intval|\(int\)|json_encode|urlencode|strip_tags/;
/** Express and Node responses: `res.send(string)` is served as HTML unless another type is set, `write`/`end` once text/html is. */
const JS_RESPONSE = /^(res|response)(\.|$)/;
const JS_BODY_METHODS = new Set(['send', 'write', 'end']);
/** Hapi's `h.response(string)`: served as HTML unless the handler sets another type. */
const HAPI_RESPONSE = /^h\.response$/;
/** A response sent as an attachment is downloaded, not rendered (`res.attachment(name).send(data)`). */
const ATTACHMENT = /\.attachment\(|content-disposition['"`]?\s*[,:]\s*['"`]attachment/i;
/** Koa's response body: a string is served as HTML when the handler says so or the string starts with `<`. */
const KOA_BODY = /^(ctx|context)\.(response\.)?body$/;
const DECLARED_TYPE = /\.(?:type|contentType)(?:\(\s*|\s*=\s*)['"`]([^'"`]+)|content-type['"`]?\s*[,:]\s*['"`]([^'"`]+)/gi;
/** Calls whose result is safe in HTML: escapers, sanitisers and conversions to numbers. */
const JS_ESCAPING = /escape|saniti[sz]e|purify|encode|^(Number|parseInt|parseFloat|Boolean)$/i;
/** String methods whose arguments become part of the result, as the receiver does. */
const JS_STRING_BUILDERS = new Set(['concat', 'join', 'replace', 'replaceAll', 'padStart', 'padEnd']);
const JS_PASSING = new Set([
  'parenthesized_expression', 'await_expression', 'template_string', 'template_substitution', 'array', 'spread_element', 'as_expression', 'non_null_expression',
]);
const JS_JOINING_OPERATORS = new Set(['+', '||', '??', '&&']);
const MAX_STEPS = 4;

/** Names of the functions the file declares (`function layout(…)`, `const layout = (…) => …`): helpers that build the page from their arguments. */
function declaredFunctions(root: Node): Set<string> {
  const names = new Set<string>();
  for (const node of root.descendantsOfType(['function_declaration', 'variable_declarator'])) {
    const value = node?.type === 'variable_declarator' ? node.childForFieldName('value') : null;
    if (node?.type === 'variable_declarator' && !/^(arrow_function|function_expression)$/.test(value?.type ?? '')) continue;
    const name = node?.childForFieldName('name');
    if (name) names.add(name.text);
  }
  return names;
}

/** `allowed.includes(x) ? x : fallback` and `x === 'a' ? x : …` give one of the code's own values. */
function screenedBy(condition: Node, value: Node): boolean {
  return [condition, ...condition.descendantsOfType(['call_expression', 'binary_expression'])].some((test) => {
    if (test?.type === 'binary_expression') {
      return /^={2,3}$/.test(test.childForFieldName('operator')?.text ?? '') && test.namedChildren.some((side) => side?.text === value.text);
    }
    const method = test?.childForFieldName('function')?.childForFieldName('property')?.text;
    const argument = test?.childForFieldName('arguments')?.firstNamedChild;
    return (method === 'includes' || method === 'has') && argument?.text === value.text;
  });
}

/**
 * Whether request data reaches a JavaScript value unescaped: through local variables, string building, the file's own
 * helper functions and string methods, but not through escapers, other calls or values an allowlist picked.
 */
function servesInput(node: Node, context: RuleContext, helpers: Set<string>, depth = 0): boolean {
  const next = (child: Node | null | undefined) => child !== null && child !== undefined && servesInput(child, context, helpers, depth);
  switch (node.type) {
    case 'identifier': {
      if (depth >= MAX_STEPS) return false;
      const values = localAssignments(node, context.spec);
      return values.length > 0 ? values.some((value) => servesInput(value, context, helpers, depth + 1)) : context.isTainted(node);
    }
    case 'member_expression':
    case 'subscript_expression': {
      let root = node;
      while (root.type === 'member_expression' || root.type === 'subscript_expression') root = root.childForFieldName('object') ?? root;
      // `user.name` follows `user`; `req.query.name` is request data itself.
      return root.type === 'identifier' && localAssignments(root, context.spec).length > 0 ? next(root) : context.isTainted(node);
    }
    case 'call_expression': {
      const callee = node.childForFieldName('function');
      const args = node.childForFieldName('arguments')?.namedChildren ?? [];
      const name = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : callee?.text;
      if (!callee || !name || JS_ESCAPING.test(name)) return false;
      if (callee.type === 'member_expression') return next(callee.childForFieldName('object')) || (JS_STRING_BUILDERS.has(name) && args.some(next));
      return (name === 'String' || helpers.has(name)) && args.some(next);
    }
    case 'ternary_expression': {
      const condition = node.childForFieldName('condition');
      const consequence = node.childForFieldName('consequence');
      const screened = condition !== null && consequence !== null && screenedBy(condition, consequence);
      return (!screened && next(consequence)) || next(node.childForFieldName('alternative'));
    }
    case 'binary_expression':
      return JS_JOINING_OPERATORS.has(node.childForFieldName('operator')?.text ?? '') && node.namedChildren.some(next);
    default:
      return JS_PASSING.has(node.type) && node.namedChildren.some(next);
  }
}

/**
 * Whether a response writes its body as HTML, from the media types its handler sets: Express `send`, Hapi
 * `h.response` and a Koa body that starts with `<` default to HTML, `write`/`end` do not.
 */
function servedAsHtml(method: string, handler: Node, body: Node): boolean {
  const types = [...handler.text.matchAll(DECLARED_TYPE)].map((match) => match[1] ?? match[2] ?? '');
  if (types.some((type) => /html/i.test(type))) return true;
  if (types.length > 0) return false;
  return method === 'send' || method === 'response' || (method === 'body' && /^[`'"]\s*</.test(body.text));
}

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
    suggestionByLanguage: {
      js: {
        en: 'In the browser write text (textContent, JSX text instead of dangerouslySetInnerHTML) or sanitise with DOMPurify; on the server escape values (escape-html, he.encode) or render through an auto-escaping template',
        zh: '在浏览器中输出纯文本（textContent、用 JSX 文本代替 dangerouslySetInnerHTML）或用 DOMPurify 清洗；在服务端转义取值（escape-html、he.encode）或通过自动转义的模板渲染',
      },
      python: {
        en: 'Render through an auto-escaping template (render_template, Jinja2 with autoescape) or escape values with markupsafe.escape() / html.escape(); keep Markup and mark_safe for constant HTML',
        zh: '通过自动转义的模板渲染（render_template、开启 autoescape 的 Jinja2），或用 markupsafe.escape() / html.escape() 转义取值；Markup 与 mark_safe 仅用于常量 HTML',
      },
      php: { en: 'Escape output with htmlspecialchars($value, ENT_QUOTES, \'UTF-8\') or use an auto-escaping template engine (Twig, Blade)', zh: '用 htmlspecialchars($value, ENT_QUOTES, \'UTF-8\') 转义输出，或使用自动转义的模板引擎（Twig、Blade）' },
      go: { en: 'Let html/template escape the value: pass it as data instead of converting it to template.HTML', zh: '让 html/template 转义该值：作为数据传入，而不是转换为 template.HTML' },
      java: { en: 'Encode output for HTML (OWASP Java Encoder Encode.forHtml()) or render through an auto-escaping template engine', zh: '对输出做 HTML 编码（OWASP Java Encoder 的 Encode.forHtml()），或使用自动转义的模板引擎' },
      csharp: { en: 'Let Razor encode the value (@value) or encode it with HtmlEncoder.Default.Encode() instead of Html.Raw', zh: '让 Razor 编码该值（@value），或用 HtmlEncoder.Default.Encode() 编码，而不是使用 Html.Raw' },
    },
  },
  create(context) {
    const sinks = patternFor(HTML_SINKS, context.spec.id);
    let helpers: Set<string> | undefined;
    // Request data built into a string (or passed as it is) and served as the page.
    const reflected = (value: Node | undefined) => value !== undefined && carriesInput(value, context)
      && (isDynamicString(value, context.spec) || !context.spec.kinds.string.includes(value.type));
    const inRoute = (node: Node) => {
      const decorated = enclosing(node, ['function_definition'])?.parent;
      return decorated?.type === 'decorated_definition'
        && decorated.namedChildren.some((child) => child?.type === 'decorator' && ROUTE_DECORATOR.test(child.text));
    };
    const nonConstant = (node: Node | null | undefined) => node !== null && node !== undefined && !context.isConstant(node);
    const checkAssignment = (node: Node) => {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left && HTML_PROPERTIES.test(left.text) && nonConstant(right)) {
        context.report({ node, data: { sink: left.text.slice(left.text.lastIndexOf('.') + 1) } });
      } else if (left && right && node.type === 'assignment_expression' && KOA_BODY.test(left.text)) {
        helpers ??= declaredFunctions(node.tree.rootNode);
        const handler = enclosing(node, context.spec.kinds.function) ?? node.tree.rootNode;
        if (servedAsHtml('body', handler, right) && servesInput(right, context, helpers)) context.report({ node, data: { sink: left.text } });
      }
    };
    const returnsOf = (call: Node) => {
      const definition = definitionCalled(call, context.spec);
      return definition ? returnedValues(definition, context.spec) : [];
    };
    // A view returns HTML it builds, or that a function of the file builds for it (`return render_results(term)`).
    const buildsHtml = (body: Node) => isDynamicString(body, context.spec) || body.type === 'binary_operator'
      || (body.type === 'call' && returnsOf(body).some((value) => isDynamicString(value, context.spec) || value.type === 'binary_operator'));
    return {
      call(node) {
        const call = context.call(node);
        if (context.spec.id === 'python' && PYTHON_RESPONSES.test(call.name)) {
          const mediaType = MEDIA_TYPE_KEYWORDS.map((name) => call.kwargs.get(name)).find((value) => value !== undefined);
          if (mediaType && !/html/i.test(mediaType.text)) return;
          const body = BODY_KEYWORDS.map((name) => call.kwargs.get(name)).find((value) => value !== undefined) ?? call.args[0];
          if (reflected(body)) context.report({ node, data: { sink: call.name } });
          return;
        }
        const responds = (JS_BODY_METHODS.has(call.method) && JS_RESPONSE.test(call.receiver)) || HAPI_RESPONSE.test(call.name);
        if (JS_FAMILY.includes(context.spec.id) && responds) {
          const body = call.args[0];
          helpers ??= declaredFunctions(node.tree.rootNode);
          const handler = enclosing(node, context.spec.kinds.function) ?? node.tree.rootNode;
          if (ATTACHMENT.test(call.receiver) || ATTACHMENT.test(handler.text)) return;
          if (body && servedAsHtml(call.method, handler, body) && servesInput(body, context, helpers)) {
            context.report({ node, data: { sink: `${call.receiver.split('.')[0]}.${call.method}` } });
          }
          return;
        }
        if (call.method === 'insertAdjacentHTML' && nonConstant(call.args[1])) {
          context.report({ node, data: { sink: 'insertAdjacentHTML' } });
        } else if (sinks?.test(call.name) && nonConstant(call.args[0])) {
          if (context.spec.id === 'java' || context.spec.id === 'php' || call.name === 'Response.Write') {
            if (!context.isTainted(call.args[0] as Node)) return;
          }
          // Escaped text is safe markup; a value marked safe for a template's context is S027's finding.
          if (context.spec.id === 'python' && (escapedHtml(call.args[0] as Node, context.spec) || (MARKED_SAFE.test(call.name) && renderedBy(node, context)))) return;
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
      return_statement(node) {
        if (context.spec.id !== 'python') return;
        const value = node.firstNamedChild;
        // `return body, 200` returns the body first.
        const body = value?.type === 'expression_list' ? value.firstNamedChild : value;
        if (body && buildsHtml(body) && inRoute(node) && reflected(body)) {
          context.report({ node, data: { sink: 'the view\'s return value' } });
        }
      },
      echo_statement(node) {
        const value = node.firstNamedChild;
        if (value && !PHP_ESCAPED.test(value.text) && context.isTainted(value)) context.report({ node, data: { sink: 'echo' } });
      },
    };
  },
});
