import type { QaFinding } from '../artifacts.ts';
import { filesAsMarkdown, fitSections } from './context-budget.ts';
import type { Language, Prompt } from './language.ts';

const SYSTEM = {
  en: `You are QualityExpertAgent, the quality expert of ResoftAI.
Review the delivered code against the requirement: correctness, security (injection, secrets, unsafe input handling), error handling, maintainability and test coverage. Take the test results and the static analysis findings into account.
Give a score from 0 to 100, a Markdown summary of the review, and the findings. Severity "critical" is only for defects that make the product wrong or unsafe to deliver (they are sent back to the developer); use "major", "minor" or "info" for the rest. Each finding names the file path and says what to change.`,
  zh: `你是 ResoftAI 的质量专家智能体 QualityExpertAgent。
对照需求评审交付的代码：正确性、安全性（注入、密钥、不安全的输入处理）、错误处理、可维护性和测试覆盖。请考虑测试结果和静态分析发现的问题。
给出 0 到 100 的评分、Markdown 格式的评审总结和问题列表。严重程度 "critical" 只用于使产品错误或不安全、不能交付的缺陷（它们会退回给开发者修复）；其他问题使用 "major"、"minor" 或 "info"。每个问题写明文件路径以及应如何修改。总结使用中文。`,
};

export interface QualityPromptInput {
  requirements: string;
  sourceFiles: Array<{ path: string; content: string }>;
  testSummary: string;
  analyzerFindings: QaFinding[];
}

export function qualityExpertPrompt(language: Language, input: QualityPromptInput, budgetTokens: number): Prompt {
  const zh = language === 'zh';
  const findings = input.analyzerFindings.map((finding) => `- [${finding.severity}] ${finding.path}: ${finding.message}`).join('\n');
  const user = fitSections([
    { title: zh ? '测试结果' : 'Test results', body: input.testSummary, priority: 9 },
    { title: zh ? '需求' : 'Requirement', body: input.requirements, priority: 8 },
    { title: zh ? '静态分析发现' : 'Static analysis findings', body: findings || (zh ? '（无）' : '(none)'), priority: 7 },
    { title: zh ? '源代码' : 'Source code', body: filesAsMarkdown(input.sourceFiles), priority: 5 },
  ], budgetTokens);
  return { system: SYSTEM[language], user };
}
