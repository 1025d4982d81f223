import type { Node } from 'web-tree-sitter';
import { functionParameters } from '../../syntax/functions.ts';
import { defineRule } from '../rule.ts';

const BUILTINS = new Set([
  'all', 'any', 'bin', 'bool', 'bytes', 'callable', 'chr', 'compile', 'dict', 'dir', 'divmod', 'enumerate', 'eval', 'exec',
  'filter', 'float', 'format', 'frozenset', 'getattr', 'hash', 'help', 'hex', 'id', 'input', 'int', 'isinstance', 'iter',
  'len', 'list', 'map', 'max', 'min', 'next', 'object', 'oct', 'open', 'ord', 'pow', 'print', 'range', 'repr', 'reversed',
  'round', 'set', 'slice', 'sorted', 'str', 'sum', 'super', 'tuple', 'type', 'vars', 'zip',
]);

export default defineRule({
  meta: {
    id: 'Q010',
    name: 'shadowed-builtin',
    title: 'Shadowed builtin',
    category: 'quality',
    severity: 'low',
    confidence: 'high',
    cwe: null,
    languages: ['python'],
    messages: { en: '"{name}" shadows the builtin of the same name', zh: '“{name}”遮蔽了同名内置函数' },
    suggestion: { en: 'Rename it (e.g. "{name}_" or a more descriptive name)', zh: '重命名（如 “{name}_” 或更具描述性的名字）' },
  },
  create(context) {
    const check = (name: Node | null | undefined) => {
      if (name?.type === 'identifier' && BUILTINS.has(name.text)) context.report({ node: name, data: { name: name.text } });
    };
    return {
      assignment(node) {
        check(node.childForFieldName('left'));
      },
      function_definition(node) {
        if (node.parent?.type !== 'block' || node.parent.parent?.type !== 'class_definition') check(node.childForFieldName('name'));
        for (const parameter of functionParameters(node)) check(parameter.type === 'identifier' ? parameter : parameter.childForFieldName('name') ?? parameter.firstNamedChild);
      },
    };
  },
});
