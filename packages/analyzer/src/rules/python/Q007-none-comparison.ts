import { defineRule } from '../rule.ts';

export default defineRule({
  meta: {
    id: 'Q007',
    name: 'none-comparison',
    title: 'Comparison to None with == or !=',
    category: 'quality',
    severity: 'low',
    confidence: 'high',
    cwe: null,
    languages: ['python'],
    messages: { en: 'Comparison to None should use "{replacement}"', zh: '与 None 比较应使用“{replacement}”' },
    suggestion: { en: 'Use "is None" / "is not None": == can be overridden by __eq__', zh: '使用 “is None” / “is not None”：== 可能被 __eq__ 重载' },
    fix: { en: 'Replace == None by is None', zh: '将 == None 替换为 is None' },
  },
  create(context) {
    return {
      comparison_operator(node) {
        const operands = node.namedChildren;
        if (operands.length !== 2 || !operands.some((operand) => operand?.type === 'none')) return;
        const operator = node.children.find((child) => child?.type === '==' || child?.type === '!=');
        if (!operator) return;
        const replacement = operator.type === '==' ? 'is' : 'is not';
        context.report({
          node,
          data: { replacement: `${replacement} None` },
          fix: { edits: [{ start: operator.startIndex, end: operator.endIndex, text: replacement }] },
        });
      },
    };
  },
});
