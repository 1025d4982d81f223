import { functionName } from '../../syntax/functions.ts';
import { defineRule } from '../rule.ts';

const THRESHOLD = 10;
const HIGH_THRESHOLD = 20;

export default defineRule({
  meta: {
    id: 'Q001',
    name: 'high-complexity',
    title: 'Cyclomatic complexity too high',
    category: 'quality',
    severity: 'medium',
    confidence: 'high',
    cwe: null,
    languages: 'all',
    messages: { en: 'Function "{name}" has cyclomatic complexity {complexity} (limit {limit})', zh: '函数“{name}”的圈复杂度为 {complexity}（上限 {limit}）' },
    suggestion: { en: 'Split the function into smaller functions with one purpose each', zh: '将函数拆分为职责单一的小函数' },
  },
  create(context) {
    return {
      'function:exit'(node) {
        const complexity = context.functionComplexity();
        if (complexity <= THRESHOLD) return;
        context.report({
          node: node.childForFieldName('name') ?? node,
          data: { name: functionName(node), complexity, limit: THRESHOLD },
          severity: complexity > HIGH_THRESHOLD ? 'high' : 'medium',
        });
      },
    };
  },
});
