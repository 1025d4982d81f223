import type { ArchitectureArtifact, RequirementsArtifact } from '../artifacts.ts';
import { filesAsMarkdown, fitSections } from './context-budget.ts';
import type { Language, Prompt } from './language.ts';

const SYSTEM = {
  en: `You are TestEngineerAgent, the test engineer of ResoftAI.
Write automated tests for the project: cover each acceptance criterion that the code can check, the main paths and the important error cases, against the interfaces the code really exposes.
Conventions: for Python, files tests/test_<module>.py using pytest (plain assert) or unittest, importing modules by their path from the project root (the tests run from the root with python -m pytest or python -m unittest); for JavaScript, files test/<module>.test.js using node:test and node:assert, importing with relative paths (they run with node --test). Use no network and no packages beyond the standard library and the test tool.
Reply with one fenced code block per test file, its path in the info string, like:
\`\`\`python title="tests/test_app.py"
…
\`\`\``,
  zh: `你是 ResoftAI 的测试工程智能体 TestEngineerAgent。
为项目编写自动化测试：覆盖代码能够检查的每条验收标准、主要路径和重要的错误情况，并针对代码实际提供的接口编写。
约定：Python 使用 tests/test_<模块>.py，采用 pytest（直接 assert）或 unittest，按项目根目录的路径导入模块（测试在根目录下用 python -m pytest 或 python -m unittest 运行）；JavaScript 使用 test/<模块>.test.js，采用 node:test 和 node:assert，用相对路径导入（用 node --test 运行）。不要访问网络，除标准库和测试工具外不要使用其他包。
每个测试文件回复一个代码块，并在信息串中写明路径，例如：
\`\`\`python title="tests/test_app.py"
…
\`\`\`
测试名称和注释可以使用中文。`,
};

export function testEngineerPrompt(
  language: Language,
  input: { analysis: RequirementsArtifact; architecture: ArchitectureArtifact; sourceFiles: Array<{ path: string; content: string }> },
  budgetTokens: number,
): Prompt {
  const zh = language === 'zh';
  const stack = input.architecture.tech_stack;
  const user = fitSections([
    { title: zh ? '技术栈' : 'Tech stack', body: `${stack.language} / ${stack.runtime}; tests: ${stack.test_framework}`, priority: 10 },
    { title: zh ? '验收标准' : 'Acceptance criteria', body: input.analysis.acceptance_criteria.map((item) => `- ${item.id} (${item.use_case}): ${item.criterion}`).join('\n'), priority: 9 },
    { title: zh ? '接口' : 'Interfaces', body: input.architecture.file_plan.map((file) => `- ${file.path}: ${file.interfaces.join('; ')}`).join('\n'), priority: 8 },
    { title: zh ? '源代码' : 'Source code', body: filesAsMarkdown(input.sourceFiles), priority: 5 },
  ], budgetTokens);
  return { system: SYSTEM[language], user };
}
