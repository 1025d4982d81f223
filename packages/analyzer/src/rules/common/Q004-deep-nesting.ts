import type { Node } from 'web-tree-sitter';
import { defineRule } from '../rule.ts';

const MAX_DEPTH = 4;
const NESTING = new Set([
  'if_statement', 'for_statement', 'for_in_statement', 'enhanced_for_statement', 'foreach_statement', 'while_statement',
  'do_statement', 'try_statement', 'with_statement', 'switch_statement', 'match_statement', 'for_range_loop',
  'if_expression', 'for_expression', 'while_expression', 'loop_expression', 'match_expression', 'select_statement',
  'expression_switch_statement', 'type_switch_statement',
]);

export default defineRule({
  meta: {
    id: 'Q004',
    name: 'deep-nesting',
    title: 'Deeply nested control flow',
    category: 'quality',
    severity: 'low',
    confidence: 'high',
    cwe: null,
    languages: 'all',
    messages: { en: 'Control flow nested {depth} levels deep (limit {limit})', zh: '控制流嵌套 {depth} 层（上限 {limit}）' },
    suggestion: { en: 'Return early, invert conditions or extract the inner block into a function', zh: '提前返回、反转条件或将内层代码提取为函数' },
  },
  create(context) {
    const reported = new Set<number>();
    const functionTypes = context.spec.kinds.function;
    const depthOf = (node: Node) => {
      let depth = 0;
      for (let current: Node | null = node; current && !functionTypes.includes(current.type); current = current.parent) {
        if (NESTING.has(current.type) && !(current.type === 'if_statement' && current.parent?.type === 'else_clause')) depth += 1;
      }
      return depth;
    };
    const visitors: Record<string, (node: Node) => void> = {};
    for (const type of NESTING) {
      visitors[type] = (node) => {
        const owner = context.currentFunction()?.id ?? -1;
        if (reported.has(owner)) return;
        const depth = depthOf(node);
        if (depth <= MAX_DEPTH) return;
        reported.add(owner);
        context.report({ node, data: { depth, limit: MAX_DEPTH } });
      };
    }
    return visitors;
  },
});
