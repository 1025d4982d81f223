import { defineRule } from '../rule.ts';

export default defineRule({
  meta: {
    id: 'E001',
    name: 'syntax-error',
    title: 'Syntax error',
    category: 'quality',
    issueType: 'syntax',
    severity: 'high',
    confidence: 'high',
    cwe: null,
    languages: 'all',
    messages: { en: 'Syntax error: {detail}', zh: '语法错误：{detail}' },
    suggestion: { en: 'Fix the syntax so the file parses; code in this region was only partly analysed', zh: '修正语法错误；该区域的代码只能部分分析' },
  },
  create(context) {
    return {
      syntaxError(node) {
        const detail = node.isMissing ? `missing "${node.type}"` : `unexpected "${node.text.split('\n')[0]?.slice(0, 40) ?? ''}"`;
        context.report({ node, data: { detail } });
      },
    };
  },
});
