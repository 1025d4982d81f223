import { defineRule } from '../rule.ts';
import { patternFor, pythonImportEdit, replaceNode, tableLanguages, type PatternTable } from '../patterns.ts';

const SINKS: PatternTable = {
  python: /^(eval|exec|builtins\.eval|builtins\.exec)$/,
  js: /^(eval|window\.eval|globalThis\.eval|Function|new Function|vm\.(runInNewContext|runInThisContext|runInContext|compileFunction)|new vm\.Script)$/,
  php: /^(eval|assert|create_function)$/,
  java: /\.eval$/,
  csharp: /^CSharpScript\.(EvaluateAsync|RunAsync)$/,
};

export default defineRule({
  meta: {
    id: 'S001',
    name: 'code-injection',
    title: 'Code injection',
    category: 'security',
    severity: 'critical',
    confidence: 'high',
    cwe: 'CWE-95',
    languages: tableLanguages(SINKS),
    messages: { en: 'Use of {callee}() with non-constant input allows code injection', zh: '使用 {callee}() 存在代码注入风险' },
    suggestion: {
      en: 'Parse data instead of executing it: ast.literal_eval() or json.loads() / JSON.parse()',
      zh: '使用 ast.literal_eval() 或 json.loads() 替代',
    },
    fix: { en: 'Replace eval() by ast.literal_eval() and import ast', zh: '将 eval() 替换为 ast.literal_eval() 并导入 ast' },
  },
  create(context) {
    const sinks = patternFor(SINKS, context.spec.id);
    return {
      call(node) {
        const call = context.call(node);
        if (!sinks?.test(call.name)) return;
        const code = call.args[0];
        if (!code || call.args.every((arg) => context.isConstant(arg))) return;
        const callee = node.childForFieldName('function');
        const fix = context.spec.id === 'python' && call.name === 'eval' && callee && call.args.length === 1
          ? replaceNode(callee, 'ast.literal_eval', pythonImportEdit(node.tree.rootNode, 'ast'))
          : undefined;
        context.report({ node, data: { callee: call.name.replace(/^new /, '') }, fix });
      },
    };
  },
});
