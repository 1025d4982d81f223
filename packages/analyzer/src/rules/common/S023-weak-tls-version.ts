import type { Node } from 'web-tree-sitter';
import { stringValue } from '../../syntax/values.ts';
import { defineRule, type Fix, type RuleContext, type Visitors } from '../rule.ts';
import { JS_FAMILY, pythonImportEdit, replaceNode } from '../patterns.ts';

/** `ssl` and pyOpenSSL constants that select SSL 2/3 or TLS 1.0/1.1 (pyOpenSSL's SSLv23_METHOD still accepts SSL 3 unless options forbid it). */
const WEAK_PROTOCOLS = [
  'PROTOCOL_SSLv2', 'PROTOCOL_SSLv3', 'PROTOCOL_TLSv1', 'PROTOCOL_TLSv1_1',
  'SSLv2_METHOD', 'SSLv3_METHOD', 'SSLv23_METHOD', 'TLSv1_METHOD', 'TLSv1_1_METHOD',
];
/** `ssl.TLSVersion` members below TLS 1.2, as in `context.minimum_version = ssl.TLSVersion.TLSv1`. */
const WEAK_TLS_VERSIONS = ['SSLv3', 'TLSv1', 'TLSv1_1'];
const WRAP_SOCKET = /^ssl\.wrap_socket$/;
const SSL_CONTEXT = /^ssl\.SSLContext$/;
const MINIMUM_VERSION = 'ssl.TLSVersion.TLSv1_2';

/** For `name = ssl.SSLContext(…)` as a statement: a line after it that sets the context's minimum version. */
function minimumVersionFix(call: Node, code: string): Fix | undefined {
  const assignment = call.parent;
  const statement = assignment?.parent;
  const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
  if (!target || !/^(identifier|attribute)$/.test(target.type) || statement?.type !== 'expression_statement') return undefined;
  const indent = code.slice(statement.startIndex - statement.startPosition.column, statement.startIndex);
  if (/\S/.test(indent)) return undefined;
  const line = `\n${indent}${target.text}.minimum_version = ${MINIMUM_VERSION}`;
  return { edits: [...pythonImportEdit(call.tree.rootNode, 'ssl'), { start: statement.endIndex, end: statement.endIndex, text: line }] };
}
/** `ssl.wrap_socket(sock, keyfile, certfile, server_side, cert_reqs, ssl_version, …)`. */
const SSL_VERSION_POSITION = 5;

/** Node `tls`/`https` options: `secureProtocol` pins one OpenSSL method (SSLv23_method negotiates the best), the versions bound the range. */
const NODE_WEAK_METHOD = /^(SSLv2|SSLv3|TLSv1|TLSv1_1)(_client|_server)?_method$/;
const NODE_WEAK_VERSION = /^(SSLv3|TLSv1|TLSv1\.1)$/;
const NODE_OPTION = /(^|\.)(secureProtocol|minVersion|maxVersion|DEFAULT_MIN_VERSION|DEFAULT_MAX_VERSION)$/;

/** Checks one Node TLS setting, an options key or an assigned property, whose value is a string literal. */
function checkNodeOption(report: Node, name: Node, value: Node | null, context: RuleContext, siblings: readonly string[]): void {
  const option = NODE_OPTION.exec(name.text.replace(/['"]/g, ''))?.[2];
  const version = value ? stringValue(value, context.spec.kinds) : null;
  if (!option || !value || version === null) return;
  const quote = value.text[0] ?? "'";
  const raised = `${quote}TLSv1.2${quote}`;
  if (option === 'secureProtocol') {
    if (!NODE_WEAK_METHOD.test(version)) return;
    // An options object that already sets minVersion would get it twice.
    const fix = name.type === 'property_identifier' && !siblings.includes('minVersion')
      ? { edits: [{ start: name.startIndex, end: name.endIndex, text: 'minVersion' }, { start: value.startIndex, end: value.endIndex, text: raised }] }
      : undefined;
    context.report({ node: report, data: { protocol: report.text }, fix });
  } else if (NODE_WEAK_VERSION.test(version)) {
    const fix = /MIN/i.test(option) ? replaceNode(value, raised) : undefined;
    context.report({ node: report, data: { protocol: report.text }, fix });
  }
}

function nodeVisitors(context: RuleContext): Visitors {
  return {
    pair(node) {
      const key = node.childForFieldName('key');
      const keys = node.parent?.namedChildren.map((pair) => pair?.childForFieldName('key')?.text.replace(/['"]/g, '') ?? '') ?? [];
      if (key) checkNodeOption(node, key, node.childForFieldName('value'), context, keys);
    },
    assignment_expression(node) {
      const left = node.childForFieldName('left');
      if (left?.type === 'member_expression') checkNodeOption(node, left, node.childForFieldName('right'), context, []);
    },
  };
}

export default defineRule({
  meta: {
    id: 'S023',
    name: 'weak-tls-version',
    title: 'Obsolete SSL/TLS protocol version',
    category: 'security',
    severity: 'high',
    confidence: 'high',
    cwe: 'CWE-327',
    languages: ['python', ...JS_FAMILY],
    messages: { en: '{protocol} selects a protocol version with known attacks (POODLE, BEAST)', zh: '{protocol} 选择了存在已知攻击（POODLE、BEAST）的协议版本' },
    suggestion: {
      en: 'Build the context with ssl.create_default_context() (or PROTOCOL_TLS_CLIENT/SERVER) and set minimum_version = ssl.TLSVersion.TLSv1_2',
      zh: '使用 ssl.create_default_context()（或 PROTOCOL_TLS_CLIENT/SERVER）创建上下文，并设置 minimum_version = ssl.TLSVersion.TLSv1_2',
    },
    suggestionByLanguage: {
      js: {
        en: "Leave secureProtocol unset and set minVersion: 'TLSv1.2' (or 'TLSv1.3') in the tls/https options; keep maxVersion at its default",
        zh: "不要设置 secureProtocol，在 tls/https 选项中设置 minVersion: 'TLSv1.2'（或 'TLSv1.3'），maxVersion 保持默认",
      },
    },
    fix: { en: 'Raise the minimum protocol version to TLS 1.2', zh: '将最低协议版本提高到 TLS 1.2' },
  },
  create(context) {
    if (context.spec.id !== 'python') return nodeVisitors(context);
    const contexts: Node[] = [];
    return {
      call(node) {
        const call = context.call(node);
        // Weak protocol constants are reported where they are named.
        if (SSL_CONTEXT.test(call.name) && !WEAK_PROTOCOLS.some((name) => node.text.includes(name))) contexts.push(node);
        if (WRAP_SOCKET.test(call.name) && !call.kwargs.has('ssl_version') && call.args.length <= SSL_VERSION_POSITION) {
          context.report({ node, data: { protocol: 'ssl.wrap_socket() without ssl_version' }, severity: 'low', confidence: 'medium' });
        }
      },
      // The names are rare, so the tree is searched only in files whose tokens include one.
      'program:exit'(root) {
        const anywhere = context.tokenCount('minimum_version') > 0;
        for (const node of contexts) {
          const target = node.parent?.type === 'assignment' ? node.parent.childForFieldName('left')?.text : undefined;
          // A context bound to a name is read through that name; one passed on may be set up where it arrives.
          const set = target ? context.code.includes(`${target}.minimum_version`) : anywhere;
          if (set) continue;
          context.report({ node, data: { protocol: 'ssl.SSLContext() without minimum_version' }, severity: 'medium', confidence: 'medium', fix: minimumVersionFix(node, context.code) });
        }
        const present = new Set([...WEAK_PROTOCOLS, ...WEAK_TLS_VERSIONS].filter((name) => context.tokenCount(name) > 0));
        if (present.size === 0) return;
        for (const identifier of root.descendantsOfType('identifier')) {
          if (!identifier || !present.has(identifier.text)) continue;
          const reference = identifier.parent?.type === 'attribute' && identifier.parent.childForFieldName('attribute')?.equals(identifier)
            ? identifier.parent : identifier;
          if (WEAK_PROTOCOLS.includes(identifier.text)) {
            context.report({ node: reference, data: { protocol: reference.text } });
          } else if (/(^|\.)TLSVersion$/.test(reference.childForFieldName('object')?.text ?? '')) {
            context.report({ node: reference, data: { protocol: reference.text }, fix: replaceNode(identifier, 'TLSv1_2') });
          }
        }
      },
    };
  },
});
