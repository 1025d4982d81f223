import type { Node } from 'web-tree-sitter';
import { localAssignments } from '../../syntax/taint.ts';
import { defineRule } from '../rule.ts';

const LIST_VALUES = new Set(['list', 'list_comprehension']);
const LIST_CALL = /^(list|sorted)\(/;

function isList(value: Node): boolean {
  return LIST_VALUES.has(value.type) || LIST_CALL.test(value.text) || /^\[.*\]$/s.test(value.text);
}

export default defineRule({
  meta: {
    id: 'P006',
    name: 'list-membership-in-loop',
    title: 'Membership test on a list inside a loop',
    category: 'performance',
    severity: 'low',
    confidence: 'medium',
    cwe: null,
    languages: ['python'],
    messages: { en: '"in {name}" scans the list on every iteration (quadratic)', zh: '“in {name}”在每次迭代中线性扫描列表（二次方复杂度）' },
    suggestion: { en: 'Build a set once before the loop and test membership against it', zh: '在循环前构建 set，再对其做成员测试' },
  },
  create(context) {
    return {
      comparison_operator(node) {
        if (context.loopDepth() === 0 && !(node.parent && /comprehension|for_in_clause|if_clause/.test(node.parent.type))) return;
        if (!node.children.some((child) => child?.type === 'in' || child?.type === 'not in')) return;
        const container = node.namedChildren.at(-1);
        if (container?.type !== 'identifier') return;
        const values = localAssignments(container, context.spec);
        const last = values.at(-1);
        if (last && isList(last)) context.report({ node, data: { name: container.text } });
      },
    };
  },
});
