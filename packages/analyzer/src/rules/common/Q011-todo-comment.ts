import { defineRule } from '../rule.ts';

const MARKER = /\b(TODO|FIXME|XXX|HACK)\b[:\s]?\s*(.{0,60})/;

export default defineRule({
  meta: {
    id: 'Q011',
    name: 'todo-comment',
    title: 'TODO/FIXME comment',
    category: 'quality',
    severity: 'low',
    confidence: 'high',
    cwe: null,
    languages: 'all',
    messages: { en: '{marker} comment: {text}', zh: '{marker} 注释：{text}' },
    suggestion: { en: 'Resolve it or track it in the issue tracker', zh: '解决该问题，或在问题跟踪系统中登记' },
  },
  create(context) {
    return {
      comment(node) {
        const match = MARKER.exec(node.text);
        if (match) context.report({ node, data: { marker: match[1] ?? 'TODO', text: (match[2] ?? '').trim() } });
      },
    };
  },
});
