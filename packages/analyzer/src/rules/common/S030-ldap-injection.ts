import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../syntax/calls.ts';
import { escapedLdap, fieldValue } from '../../syntax/escaping.ts';
import { isDynamicString } from '../../syntax/strings.ts';
import { localAssignments } from '../../syntax/taint.ts';
import { defineRule, type RuleContext, type Visitors } from '../rule.ts';
import { carriesInput, JS_FAMILY } from '../patterns.ts';

const PYTHON_LDAP_IMPORT = /^[ \t]*(import|from)[ \t]+ldap\b(?!3)/m;
const LDAP3_IMPORT = /^[ \t]*(import|from)[ \t]+ldap3\b/m;
const LDAPJS_IMPORT = /['"]ldapjs['"]/;
const LDAP_MENTION = /ldap/;
/** python-ldap's `search*(base, scope, filterstr, …)`. */
const PYTHON_LDAP_SEARCH = /^search(_s|_st|_ext|_ext_s)?$/;
/** ldap3's `Connection.search(search_base, search_filter, …)` and its paged variant. */
const LDAP3_SEARCH = /^(search|paged_search)$/;
/** Escaping helpers of python-ldap, ldap3 and ldapjs, and filters built from parsed objects. */
const LDAP_ESCAPED = /escape_filter_chars|escape_rdn|escape_dn_chars|filter_format|escapeFilter|EqualityFilter|SubstringFilter/;

/** The value's text and what the local variables in it were assigned, where an escaping call may show. */
function escapedText(value: Node, context: RuleContext): string {
  const names = value.type === 'identifier' ? [value] : value.descendantsOfType('identifier').filter((node): node is Node => node !== null);
  return [value.text, ...names.flatMap((name) => localAssignments(name, context.spec).map((assigned) => assigned.text))].join('\n');
}

/** The search base and filter of an LDAP search call, by library; empty when the call is no LDAP search. */
function searchArguments(call: CallSite, context: RuleContext): (Node | undefined)[] {
  const { code } = context;
  // `re.search(pattern, text)` shares the method name.
  if (call.receiver === '' || /^(re|regex)$/.test(call.receiver)) return [];
  if (context.spec.id === 'python') {
    if (LDAP3_IMPORT.test(code) && LDAP3_SEARCH.test(call.method)) {
      return [call.kwargs.get('search_base') ?? call.args[0], call.kwargs.get('search_filter') ?? call.args[1]];
    }
    if (PYTHON_LDAP_IMPORT.test(code) && PYTHON_LDAP_SEARCH.test(call.method)) {
      return [call.kwargs.get('base') ?? call.args[0], call.kwargs.get('filterstr') ?? call.args[2]];
    }
    return [];
  }
  if (!LDAPJS_IMPORT.test(code) || call.method !== 'search') return [];
  const options = call.args[1];
  if (options?.type !== 'object') return [call.args[0], options];
  // `{ filter }` names the variable that holds it.
  return [call.args[0], fieldValue(options, 'filter', context.spec) ?? undefined];
}

export default defineRule({
  meta: {
    id: 'S030',
    name: 'ldap-injection',
    title: 'LDAP injection',
    category: 'security',
    severity: 'high',
    confidence: 'high',
    cwe: 'CWE-90',
    languages: ['python', ...JS_FAMILY],
    messages: { en: 'LDAP {part} built from non-constant input reaches {callee}()', zh: '由非常量输入拼接的 LDAP {part}传入 {callee}()，存在 LDAP 注入风险' },
    suggestion: {
      en: 'Escape every value put into a filter or DN: ldap.filter.escape_filter_chars() / filter_format() (python-ldap), ldap3.utils.conv.escape_filter_chars() (ldap3)',
      zh: '对放入过滤器或 DN 的每个值进行转义：ldap.filter.escape_filter_chars() / filter_format()（python-ldap）、ldap3.utils.conv.escape_filter_chars()（ldap3）',
    },
    suggestionByLanguage: {
      js: {
        en: 'Build filters from objects (new ldap.EqualityFilter({ attribute, value })) or escape values before putting them into a filter string',
        zh: '用过滤器对象构造过滤条件（new ldap.EqualityFilter({ attribute, value })），或在拼入过滤字符串前转义取值',
      },
    },
  },
  create(context): Visitors {
    // Searches are LDAP searches only in files that import an LDAP library.
    if (!LDAP_MENTION.test(context.code)) return {};
    return {
      call(node) {
        const call = context.call(node);
        const [base, filter] = searchArguments(call, context);
        const parts: [Node | undefined, string][] = [[filter, 'filter'], [base, 'base DN']];
        // Request data is certain injection; other strings built at run time may be checked upstream.
        for (const [value, part] of parts) {
          if (!value || context.isConstant(value) || escapedLdap(value, context.spec) || LDAP_ESCAPED.test(escapedText(value, context))) continue;
          if (carriesInput(value, context)) {
            context.report({ node, data: { part, callee: call.name } });
            return;
          }
          if (isDynamicString(value, context.spec)) {
            context.report({ node, data: { part, callee: call.name }, severity: 'medium', confidence: 'medium' });
            return;
          }
        }
      },
    };
  },
});
