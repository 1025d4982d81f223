import { functionName, functionParameters } from '../../syntax/functions.ts';
import { defineRule } from '../rule.ts';

const MAX_PARAMETERS = 5;

export default defineRule({
  meta: {
    id: 'Q003',
    name: 'too-many-parameters',
    title: 'Too many parameters',
    category: 'quality',
    severity: 'low',
    confidence: 'high',
    cwe: null,
    languages: 'all',
    messages: { en: 'Function "{name}" takes {count} parameters (limit {limit})', zh: '函数“{name}”有 {count} 个参数（上限 {limit}）' },
    suggestion: { en: 'Group related parameters into an object or data class', zh: '将相关参数组合为对象或数据类' },
  },
  create(context) {
    return {
      function(node) {
        const count = functionParameters(node).length;
        if (count > MAX_PARAMETERS) context.report({ node: node.childForFieldName('name') ?? node, data: { name: functionName(node), count, limit: MAX_PARAMETERS } });
      },
    };
  },
});
