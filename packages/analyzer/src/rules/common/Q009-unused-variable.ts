import type { Node } from 'web-tree-sitter';
import { defineRule } from '../rule.ts';

const LOCAL_STATE = /\b(locals|vars)\(\)|^\s*(global|nonlocal)\b/m;

export default defineRule({
  meta: {
    id: 'Q009',
    name: 'unused-variable',
    title: 'Unused local variable',
    category: 'quality',
    severity: 'low',
    confidence: 'medium',
    cwe: 'CWE-563',
    languages: ['python', 'javascript', 'typescript', 'tsx'],
    messages: { en: 'Local variable "{name}" is assigned but never used', zh: '局部变量“{name}”被赋值但从未使用' },
    suggestion: { en: 'Remove the variable, or prefix it with "_" if it is intentionally unused', zh: '删除该变量；若有意不使用，请以 “_” 开头命名' },
  },
  create(context) {
    const candidates: { target: Node; owner: Node }[] = [];
    const collect = (field: string) => (node: Node) => {
      const owner = context.currentFunction();
      const target = node.childForFieldName(field);
      if (owner && target?.type === 'identifier' && !target.text.startsWith('_')) candidates.push({ target, owner });
    };
    return {
      assignment: collect('left'),
      variable_declarator: collect('name'),
      // A name written once in the whole file is read nowhere; names reused elsewhere are left alone.
      'program:exit'() {
        for (const { target, owner } of candidates) {
          if (context.tokenCount(target.text) === 1 && !LOCAL_STATE.test(owner.text)) context.report({ node: target, data: { name: target.text } });
        }
      },
    };
  },
});
