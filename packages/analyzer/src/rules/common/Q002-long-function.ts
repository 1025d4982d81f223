import { functionName } from '../../syntax/functions.ts';
import { defineRule } from '../rule.ts';

const MAX_LINES = 60;

export default defineRule({
  meta: {
    id: 'Q002',
    name: 'long-function',
    title: 'Function too long',
    category: 'quality',
    severity: 'low',
    confidence: 'high',
    cwe: null,
    languages: 'all',
    messages: { en: 'Function "{name}" is {lines} lines long (limit {limit})', zh: '函数“{name}”长达 {lines} 行（上限 {limit}）' },
    suggestion: { en: 'Extract cohesive steps into well-named helper functions', zh: '将相关步骤提取为命名清晰的辅助函数' },
  },
  create(context) {
    return {
      function(node) {
        const lines = node.endPosition.row - node.startPosition.row + 1;
        if (lines > MAX_LINES) context.report({ node: node.childForFieldName('name') ?? node, data: { name: functionName(node), lines, limit: MAX_LINES } });
      },
    };
  },
});
