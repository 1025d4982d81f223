import type { ArchitectureArtifact, PlannedFile, UiDesignArtifact } from '../artifacts.ts';
import { filesAsMarkdown, fitSections } from './context-budget.ts';
import type { Language, Prompt } from './language.ts';

const SYSTEM = {
  en: `You are DeveloperAgent, the software developer of ResoftAI.
You write one file of a planned project at a time. Write complete, working, idiomatic code for exactly the requested file: implement every interface the plan gives it, import its dependencies by the interfaces listed for them, and use only the chosen tech stack and its standard library unless the plan names a dependency.
Reply with exactly one fenced code block whose info string names the file, like:
\`\`\`python title="src/app.py"
…
\`\`\`
No placeholders, no "TODO: implement", no explanations outside the block.`,
  zh: `你是 ResoftAI 的开发智能体 DeveloperAgent。
你每次编写计划项目中的一个文件。为所请求的文件编写完整、可运行、符合惯例的代码：实现计划为它列出的每个接口，按依赖文件列出的接口导入它们；除非计划指定了依赖，只使用所选技术栈及其标准库。
只回复一个代码块，并在代码块信息串中写明文件路径，例如：
\`\`\`python title="src/app.py"
…
\`\`\`
不要占位代码，不要 "TODO: implement"，代码块之外不要解释。代码注释可以使用中文。`,
};

const FIX_SYSTEM = {
  en: `You are DeveloperAgent, the software developer of ResoftAI, in a fix round.
The project's tests or its quality review found problems. Change the source files so that the tests pass and the findings are resolved; do not weaken or edit the tests.
Reply with one fenced code block per file you change, each with the file's full new content and its path in the info string, like:
\`\`\`python title="src/app.py"
…
\`\`\`
Give whole files, not diffs.`,
  zh: `你是 ResoftAI 的开发智能体 DeveloperAgent，现在是修复轮。
项目的测试或质量评审发现了问题。请修改源文件，使测试通过、问题得到解决；不要削弱或修改测试。
每个修改的文件回复一个代码块，包含该文件完整的新内容，并在信息串中写明路径，例如：
\`\`\`python title="src/app.py"
…
\`\`\`
给出完整文件，不要给出 diff。`,
};

function describePlanned(file: PlannedFile): string {
  return `- ${file.path}: ${file.purpose}${file.interfaces.length > 0 ? `\n  ${file.interfaces.join('\n  ')}` : ''}`;
}

export interface FilePromptInput {
  requirements: string;
  srs: string;
  architecture: ArchitectureArtifact;
  ui: UiDesignArtifact | undefined;
  file: PlannedFile;
}

/** The prompt for one planned file: its spec and its dependencies' interfaces first, the rest as room allows. */
export function developerFilePrompt(language: Language, input: FilePromptInput, budgetTokens: number): Prompt {
  const zh = language === 'zh';
  const { architecture, file } = input;
  const dependencies = architecture.file_plan.filter((planned) => file.depends_on.includes(planned.path));
  const stack = architecture.tech_stack;
  const target = [
    `${zh ? '目标文件：' : 'Target file: '}\`${file.path}\``,
    `${zh ? '用途：' : 'Purpose: '}${file.purpose}`,
    `${zh ? '需要提供的接口：' : 'Interfaces to provide:'}\n${file.interfaces.map((line) => `- ${line}`).join('\n') || '-'}`,
    `${zh ? '技术栈：' : 'Tech stack: '}${stack.language} / ${stack.runtime}; ${stack.frameworks.join(', ') || '-'}; tests: ${stack.test_framework}`,
  ].join('\n');
  const user = fitSections([
    { title: zh ? '要编写的文件' : 'The file to write', body: target, priority: 10 },
    { title: zh ? '依赖文件的接口' : 'Interfaces of its dependencies', body: dependencies.map(describePlanned).join('\n') || '-', priority: 9 },
    { title: zh ? '需求' : 'Requirement', body: input.requirements, priority: 7 },
    { title: zh ? '完整文件计划' : 'Whole file plan', body: architecture.file_plan.map(describePlanned).join('\n'), priority: 6 },
    { title: zh ? '架构设计' : 'Architecture', body: architecture.document, priority: 4 },
    { title: 'SRS', body: input.srs, priority: 3 },
    { title: zh ? '界面设计' : 'UI design', body: input.ui?.document ?? '', priority: 2 },
  ], budgetTokens);
  return { system: SYSTEM[language], user };
}

export interface FixPromptInput {
  problems: string;
  sourceFiles: Array<{ path: string; content: string }>;
  testFiles: Array<{ path: string; content: string }>;
}

/** The prompt of a fix round: what failed, then the code and the tests as room allows. */
export function developerFixPrompt(language: Language, input: FixPromptInput, budgetTokens: number): Prompt {
  const zh = language === 'zh';
  const user = fitSections([
    { title: zh ? '需要修复的问题' : 'Problems to fix', body: input.problems, priority: 10 },
    { title: zh ? '当前源文件' : 'Current source files', body: filesAsMarkdown(input.sourceFiles), priority: 8 },
    { title: zh ? '测试文件' : 'Test files', body: filesAsMarkdown(input.testFiles), priority: 6 },
  ], budgetTokens);
  return { system: FIX_SYSTEM[language], user };
}
