import type { Node } from 'web-tree-sitter';
import { defineRule } from '../rule.ts';

const MUTABLE_VALUES = new Set(['list', 'dictionary', 'set', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension']);
const MUTABLE_CALLS = /^(list|dict|set|defaultdict|collections\.defaultdict|OrderedDict|deque)\(/;

export default defineRule({
  meta: {
    id: 'Q006',
    name: 'mutable-default-argument',
    title: 'Mutable default argument',
    category: 'quality',
    severity: 'medium',
    confidence: 'high',
    cwe: null,
    languages: ['python'],
    messages: { en: 'Default value of "{name}" is mutable and shared between calls', zh: '参数“{name}”的默认值是可变对象，会在多次调用间共享' },
    suggestion: { en: 'Default to None and create the object inside the function', zh: '默认值设为 None，并在函数内部创建对象' },
  },
  create(context) {
    const check = (node: Node) => {
      const value = node.childForFieldName('value');
      if (value && (MUTABLE_VALUES.has(value.type) || MUTABLE_CALLS.test(value.text))) {
        context.report({ node: value, data: { name: node.childForFieldName('name')?.text ?? '?' } });
      }
    };
    return { default_parameter: check, typed_default_parameter: check };
  },
});
