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
      en: 'Parse data instead of executing it: use a parser for the expected format (JSON, a number, an expression grammar)',
      zh: '解析数据而不是执行它：按预期格式使用解析器（JSON、数字、表达式语法）',
    },
    suggestionByLanguage: {
      python: { en: 'Parse data instead of executing it: ast.literal_eval() for Python literals, json.loads() for JSON', zh: '解析数据而不是执行它：Python 字面量用 ast.literal_eval()，JSON 用 json.loads()' },
      js: { en: 'Parse data instead of executing it: JSON.parse() for JSON, a lookup table of allowed functions for behaviour', zh: '解析数据而不是执行它：JSON 用 JSON.parse()，行为选择用允许函数的查找表' },
      php: { en: 'Parse data instead of executing it: json_decode() for JSON, a match on allowed values for behaviour', zh: '解析数据而不是执行它：JSON 用 json_decode()，行为选择用对允许值的 match' },
      java: { en: 'Do not evaluate scripts built from input; parse the data (Jackson, Integer.parseInt) or run a sandboxed, allow-listed expression language', zh: '不要执行由输入拼接的脚本；解析数据（Jackson、Integer.parseInt），或使用沙箱化、白名单的表达式语言' },
      csharp: { en: 'Do not evaluate scripts built from input; parse the data (System.Text.Json, int.Parse) or map input to allowed operations', zh: '不要执行由输入拼接的脚本；解析数据（System.Text.Json、int.Parse）或将输入映射到允许的操作' },
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
