import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from '../../languages.ts';
import { definitionCalled, returnedValues } from '../../syntax/functions.ts';
import { guardOf } from '../../syntax/guards.ts';
import { localAssignments, visibleAssignments } from '../../syntax/taint.ts';
import { defineRule } from '../rule.ts';

/** urllib openers that follow any scheme they are given, `file://` included. */
const URL_OPENERS = /^(six\.moves\.)?urllib(2|\.request)?\.(urlopen|urlretrieve|Request)$/;
const LEGACY_OPENERS = /^(six\.moves\.)?urllib(\.request)?\.(Fancy)?URLopener$/;
const HTTP_PREFIX = /^https?:\/\//i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Text the URL is known to start with: a literal, the head of an f-string, the left of a `+`, or what every
 * binding of a name (`BASE_URL + "/health"`) or return of a file function starts with; null when unknown.
 */
function constantPrefix(node: Node, spec: LanguageSpec, depth = 0): string | null {
  const { kinds } = spec;
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '+') {
    const left = node.childForFieldName('left');
    return left ? constantPrefix(left, spec, depth) : null;
  }
  if (node.type === 'identifier' || node.type === 'call') {
    // A name's bindings, or what one of the file's functions returns (`Request(rates_url(host))`).
    const definition = node.type === 'call' ? definitionCalled(node, spec) : null;
    const values = depth >= 2 ? [] : definition ? returnedValues(definition, spec) : node.type === 'identifier' ? visibleAssignments(node, spec) : [];
    const prefixes = values.map((value) => constantPrefix(value, spec, depth + 1));
    return prefixes.length > 0 && prefixes.every((prefix) => prefix !== null && HTTP_PREFIX.test(prefix)) ? prefixes[0]! : null;
  }
  if (!kinds.string.includes(node.type)) return null;
  let prefix = '';
  for (const child of node.namedChildren) {
    if (!child || child.type === 'string_start') continue;
    if (child.type === 'interpolation' && prefix === '') {
      const expression = child.namedChildren.find((part) => part?.type === 'identifier');
      return expression ? constantPrefix(expression, spec, depth) : prefix;
    }
    if (child.type !== 'string_content') break;
    prefix += child.text;
  }
  return prefix;
}

export default defineRule({
  meta: {
    id: 'S020',
    name: 'url-scheme',
    title: 'URL opened without restricting its scheme',
    category: 'security',
    severity: 'medium',
    confidence: 'medium',
    cwe: 'CWE-939',
    languages: ['python'],
    messages: {
      en: '{callee}() opens whatever scheme its URL names, file:// included ({detail})',
      zh: '{callee}() 会打开 URL 指定的任意协议，包括 file://（{detail}）',
    },
    suggestion: {
      en: 'Check that the URL starts with https:// (or http://) before opening it, or use requests/httpx, which only speak HTTP',
      zh: '打开前校验 URL 以 https://（或 http://）开头，或改用只支持 HTTP 的 requests/httpx',
    },
  },
  create(context) {
    const { kinds } = context.spec;
    /** The URL's scheme when it is not http(s), `?` when the code does not show it; null when it is http(s). */
    const unsafeScheme = (url: Node): string | null => {
      // `if urlsplit(url).scheme not in ALLOWED: raise …` before the call restricts the scheme.
      if (url.type === 'identifier' && guardOf(url, context.spec) !== null) return null;
      const values = url.type === 'identifier' ? localAssignments(url, context.spec) : [url];
      // A Request object is checked where it is built.
      if (values.length > 0 && values.every((value) => kinds.call.includes(value.type) && /Request$/.test(context.call(value).name))) return null;
      for (const value of values.length > 0 ? values : [url]) {
        const prefix = constantPrefix(value, context.spec);
        if (prefix === null || !HTTP_PREFIX.test(prefix)) return SCHEME.exec(prefix ?? '')?.[1] ?? '?';
      }
      return null;
    };
    return {
      call(node) {
        const call = context.call(node);
        if (LEGACY_OPENERS.test(call.name)) {
          context.report({ node, data: { callee: call.name, detail: call.name.replace(/^.*\./, '') }, confidence: 'high' });
          return;
        }
        if (!URL_OPENERS.test(call.name)) return;
        const url = call.kwargs.get('url') ?? call.args[0];
        const scheme = url ? unsafeScheme(url) : null;
        if (scheme === null) return;
        if (scheme === '?') context.report({ node, data: { callee: call.name, detail: url?.text ?? '' }, confidence: 'low' });
        else context.report({ node, data: { callee: call.name, detail: `${scheme}:` }, confidence: 'high' });
      },
    };
  },
});
