import { defineRule } from '../rule.ts';
import { patternFor, tableLanguages, type PatternTable } from '../patterns.ts';

const SLEEPS: PatternTable = {
  python: /^(time\.sleep|sleep)$/,
  java: /^(Thread\.sleep|TimeUnit\.\w+\.sleep)$/,
  go: /^time\.Sleep$/,
  c: /^(sleep|usleep|nanosleep|Sleep)$/,
  cpp: /^(sleep|usleep|Sleep|std\.this_thread\.sleep_for)$/,
  php: /^(sleep|usleep)$/,
  csharp: /^Thread\.Sleep$/,
  rust: /^(std\.)?thread\.sleep$/,
};

export default defineRule({
  meta: {
    id: 'P005',
    name: 'sleep-in-loop',
    title: 'Sleep inside a loop',
    category: 'performance',
    severity: 'low',
    confidence: 'low',
    cwe: null,
    languages: tableLanguages(SLEEPS),
    messages: { en: '{callee}() inside a loop: polling wastes time and threads', zh: '循环中调用 {callee}()：轮询会浪费时间与线程' },
    suggestion: {
      en: 'Wait on an event, condition, channel or callback; if polling is unavoidable, back off exponentially',
      zh: '改为等待事件、条件变量、通道或回调；若必须轮询，请使用指数退避',
    },
  },
  create(context) {
    const sleeps = patternFor(SLEEPS, context.spec.id);
    return {
      call(node) {
        if (context.loopDepth() === 0) return;
        const call = context.call(node);
        if (sleeps?.test(call.name)) context.report({ node, data: { callee: call.name } });
      },
    };
  },
});
