import { fitSections } from './context-budget.ts';
import type { Language, Prompt } from './language.ts';

const SYSTEM = {
  en: `You are ProjectManagerAgent, the project manager of ResoftAI, closing the delivery.
Write the project's README.md (what it is, requirements, how to install, run and test it, the project layout) and a delivery summary in Markdown for the client (what was delivered, how it maps to the requirement, test and quality results stated honestly — including any failing tests — and known limitations and next steps).
Only describe files and commands that exist in the delivery.`,
  zh: `你是 ResoftAI 的项目经理智能体 ProjectManagerAgent，负责完成交付。
编写项目的 README.md（项目是什么、环境要求、如何安装、运行和测试、项目结构），以及面向客户的 Markdown 交付总结（交付了什么、如何对应需求、如实说明测试和质量结果——包括未通过的测试——以及已知限制和后续步骤）。
只描述交付物中实际存在的文件和命令。全部使用中文。`,
};

export interface ProjectManagerInput {
  requirements: string;
  techStack: string;
  files: string[];
  testSummary: string;
  qualitySummary: string;
}

export function projectManagerPrompt(language: Language, input: ProjectManagerInput, budgetTokens: number): Prompt {
  const zh = language === 'zh';
  const user = fitSections([
    { title: zh ? '测试结果' : 'Test results', body: input.testSummary, priority: 9 },
    { title: zh ? '质量评审' : 'Quality review', body: input.qualitySummary, priority: 8 },
    { title: zh ? '技术栈' : 'Tech stack', body: input.techStack, priority: 8 },
    { title: zh ? '交付文件' : 'Delivered files', body: input.files.map((path) => `- ${path}`).join('\n'), priority: 7 },
    { title: zh ? '需求' : 'Requirement', body: input.requirements, priority: 6 },
  ], budgetTokens);
  return { system: SYSTEM[language], user };
}
