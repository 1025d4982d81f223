import { defineRule } from '../rule.ts';
import { patternFor, tableLanguages, type PatternTable } from '../patterns.ts';

const COMPILERS: PatternTable = {
  python: /^(re|regex)\.compile$/,
  js: /^(new RegExp|RegExp)$/,
  java: /^Pattern\.compile$/,
  go: /^regexp\.(Compile|MustCompile)$/,
  csharp: /^new Regex$/,
  rust: /^Regex\.new$/,
  cpp: /^(new )?std\.regex$/,
};

export default defineRule({
  meta: {
    id: 'P003',
    name: 'regex-in-loop',
    title: 'Regular expression compiled in a loop',
    category: 'performance',
    severity: 'low',
    confidence: 'high',
    cwe: null,
    languages: tableLanguages(COMPILERS),
    messages: { en: 'Constant pattern is compiled by {callee}() on every iteration', zh: '常量正则在每次迭代中都由 {callee}() 重新编译' },
    suggestion: { en: 'Compile the pattern once, outside the loop (module-level constant)', zh: '在循环外（如模块级常量）只编译一次' },
  },
  create(context) {
    const compilers = patternFor(COMPILERS, context.spec.id);
    return {
      call(node) {
        if (context.loopDepth() === 0) return;
        const call = context.call(node);
        const pattern = call.args[0];
        if (compilers?.test(call.name) && pattern && context.isConstant(pattern)) context.report({ node, data: { callee: call.name.replace(/^new /, '') } });
      },
    };
  },
});
