import type { Node } from 'web-tree-sitter';
import { localAssignments } from '../../syntax/taint.ts';
import { defineRule } from '../rule.ts';

const STRING_CALL = /^(str|String|string|f?string\.Format|String\.format|fmt\.Sprintf|String\.valueOf)\(|\.(toString|join|format)\(/;

export default defineRule({
  meta: {
    id: 'P001',
    name: 'string-concat-in-loop',
    title: 'String concatenation in a loop',
    category: 'performance',
    severity: 'low',
    confidence: 'medium',
    cwe: null,
    languages: ['python', 'javascript', 'typescript', 'tsx', 'java', 'go', 'csharp', 'php'],
    messages: { en: 'String "{name}" is built by repeated concatenation inside a loop (quadratic copying)', zh: '在循环中反复拼接字符串“{name}”（二次方级复制开销）' },
    suggestion: {
      en: 'Collect the parts in a list/array and join once, or use a StringBuilder / strings.Builder',
      zh: '将片段收集到列表/数组后一次性 join，或使用 StringBuilder / strings.Builder',
    },
  },
  create(context) {
    const { kinds } = context.spec;
    const isStringy = (node: Node | null | undefined): boolean =>
      node !== null && node !== undefined && (kinds.string.includes(node.type) || STRING_CALL.test(node.text)
        || (/binary/.test(node.type) && node.namedChildren.some((child) => isStringy(child))));
    const check = (node: Node) => {
      if (context.loopDepth() === 0) return;
      const operator = node.childForFieldName('operator')?.text ?? node.children.find((child) => child?.type === '+=' || child?.type === '.=')?.type;
      const target = node.childForFieldName('left');
      if (!target || (operator !== '+=' && operator !== '.=')) return;
      const stringTarget = operator === '.=' || isStringy(node.childForFieldName('right'))
        || (target.type === 'identifier' && localAssignments(target, context.spec).some((value) => isStringy(value)));
      if (stringTarget && /^[\w$.]+$/.test(target.text)) context.report({ node, data: { name: target.text } });
    };
    return { augmented_assignment: check, augmented_assignment_expression: check, assignment_expression: check, assignment_statement: check };
  },
});
