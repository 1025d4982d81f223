import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../syntax/calls.ts';
import { enclosing } from '../syntax/values.ts';
import type { RuleContext } from './rule.ts';

/** Python calls that mark text as safe HTML, so a template prints it without escaping. */
export const MARKED_SAFE = /^((flask|jinja2|markupsafe)\.)?Markup$|^(django\.utils\.safestring\.)?(mark_safe|SafeString|SafeText)$/;
/** Python calls that render a template with a context: Django, Flask, and a Jinja2 or Django template's `render`. */
const TEMPLATE_RENDER = /^(django\.shortcuts\.)?(render|render_to_response)$|(^|\.)(render_to_string|TemplateResponse)$|^(flask\.)?render_template(_string)?$|\.render$/;

/** Django's template library registrations: what a tag or filter returns goes into the page as it is marked. */
const TEMPLATE_LIBRARY = /^@\w+\.(simple_tag|filter)\b/;

/** Whether a render call is passed `name`: as an argument, `**name` or a keyword's value. */
function passes(call: CallSite, name: string): boolean {
  return [...call.args, ...call.kwargs.values()].some((arg) => arg.text === name || arg.text === `**${name}`);
}

/** A template render in the function, after `from`, that is passed the variable `name`. */
function renderPassed(name: string, from: Node, context: RuleContext): CallSite | null {
  const scope = enclosing(from, context.spec.kinds.function) ?? from.tree.rootNode;
  for (const node of scope.descendantsOfType('call')) {
    const call = node && node.startIndex > from.endIndex ? context.call(node) : null;
    if (call && TEMPLATE_RENDER.test(call.name) && passes(call, name)) return call;
  }
  return null;
}

/** The Django template tag or filter whose return statement this is: `@register.simple_tag def highlight(…)` gives `highlight`. */
function templateTagReturning(statement: Node): string | null {
  const definition = enclosing(statement, ['function_definition']);
  const decorated = definition?.parent;
  if (decorated?.type !== 'decorated_definition' || !decorated.namedChildren.some((child) => child?.type === 'decorator' && TEMPLATE_LIBRARY.test(child.text))) return null;
  return definition?.childForFieldName('name')?.text ?? null;
}

/**
 * The template render whose context holds the value: a keyword of the render (`banner=…`), or the value of a
 * dictionary given to it directly or through a variable (`context = {"bio": …}`, `context["bio"] = …`).
 */
function renderCall(value: Node, context: RuleContext): CallSite | null {
  const parent = value.parent;
  if (parent?.type === 'keyword_argument' && parent.parent?.type === 'argument_list' && parent.parent.parent) {
    const call = context.call(parent.parent.parent);
    return TEMPLATE_RENDER.test(call.name) ? call : null;
  }
  if (parent?.type === 'assignment' && parent.childForFieldName('right')?.equals(value)) {
    const container = parent.childForFieldName('left')?.childForFieldName('value');
    return container?.type === 'identifier' ? renderPassed(container.text, parent, context) : null;
  }
  const dictionary = parent?.type === 'pair' && parent.childForFieldName('value')?.equals(value) ? parent.parent : null;
  const holder = dictionary?.parent;
  if (!dictionary || !holder) return null;
  if (holder.type === 'argument_list' && holder.parent) {
    const call = context.call(holder.parent);
    return TEMPLATE_RENDER.test(call.name) ? call : null;
  }
  const variable = holder.type === 'assignment' ? holder.childForFieldName('left') : null;
  return variable?.type === 'identifier' ? renderPassed(variable.text, holder, context) : null;
}

/** What puts the value into a template unescaped: the render whose context holds it, or the Django tag or filter returning it. */
export function renderedBy(value: Node, context: RuleContext): string | null {
  if (value.parent?.type !== 'return_statement') return renderCall(value, context)?.name ?? null;
  const tag = templateTagReturning(value.parent);
  return tag ? `template tag ${tag}()` : null;
}
