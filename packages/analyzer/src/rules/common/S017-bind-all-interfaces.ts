import type { Node } from 'web-tree-sitter';
import { bindingName, stringValue } from '../../syntax/values.ts';
import { defineRule } from '../rule.ts';

const ALL_INTERFACES = /^(0\.0\.0\.0|::|\[::\])(:\d+)?$/;
const ADDRESS_NAME = /host|bind|addr|listen|interface/i;
const ARGUMENT_LISTS = new Set(['argument_list', 'arguments']);

/** The string is an argument of a call, directly or inside a tuple such as `(host, port)`. */
function isCallArgument(node: Node): boolean {
  let current = node.parent;
  for (let steps = 0; current && steps < 3; steps += 1, current = current.parent) {
    if (ARGUMENT_LISTS.has(current.type)) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'S017',
    name: 'bind-all-interfaces',
    title: 'Binding to all network interfaces',
    category: 'security',
    severity: 'medium',
    confidence: 'medium',
    cwe: 'CWE-605',
    languages: 'all',
    messages: { en: 'Server binds to all interfaces ({address})', zh: '服务绑定到所有网络接口（{address}），可能暴露在外部网络' },
    suggestion: {
      en: 'Bind to 127.0.0.1 by default and make the listen address configurable',
      zh: '默认绑定 127.0.0.1，并通过配置指定监听地址',
    },
  },
  create(context) {
    return {
      string(node) {
        if (!/0\.0\.0\.0|::/.test(node.text)) return;
        const value = stringValue(node, context.spec.kinds);
        if (value === null || !ALL_INTERFACES.test(value)) return;
        const name = bindingName(node, 3, true);
        if ((name && ADDRESS_NAME.test(name)) || isCallArgument(node)) context.report({ node, data: { address: value } });
      },
    };
  },
});
