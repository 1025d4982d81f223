import type { RequirementsArtifact } from '../artifacts.ts';
import { fitSections } from './context-budget.ts';
import type { Language, Prompt } from './language.ts';

const SYSTEM = {
  en: `You are UXUIDesignerAgent, the UX/UI designer of ResoftAI.
From the requirement and the SRS, design the user interface: a Markdown document with the pages (purpose, content, actions), the reusable components, and the user flows step by step, plus accessibility notes.
If the product has a graphical interface, you may add static HTML mock-ups (self-contained, inline CSS, no external resources) as mockups with a path under mockups/. If it has none (a library, CLI or API), describe the command-line or API interaction instead and add no mock-ups.`,
  zh: `你是 ResoftAI 的用户体验与界面设计智能体 UXUIDesignerAgent。
根据需求和 SRS 设计用户界面：用 Markdown 文档写出页面（目的、内容、操作）、可复用组件、逐步的用户流程，以及无障碍说明。
如果产品有图形界面，可以提供静态 HTML 原型（自包含、内联 CSS、不引用外部资源），放在 mockups/ 目录下。如果没有图形界面（库、命令行工具或 API），请描述命令行或 API 的交互方式，不提供原型。文档使用中文。`,
};

export function uxUiDesignerPrompt(language: Language, requirements: string, analysis: RequirementsArtifact, budgetTokens: number): Prompt {
  const zh = language === 'zh';
  const user = fitSections([
    { title: zh ? '需求' : 'Requirement', body: requirements, priority: 3 },
    { title: zh ? '用例' : 'Use cases', body: analysis.use_cases.map((useCase) => `- ${useCase.id} ${useCase.title}: ${useCase.steps.join(' → ')}`).join('\n'), priority: 2 },
    { title: 'SRS', body: analysis.srs, priority: 1 },
  ], budgetTokens);
  return { system: SYSTEM[language], user };
}
