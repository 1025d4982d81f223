import { z } from 'zod';
import type { CompletionArtifact, Deliverables } from '../artifacts.ts';
import { projectManagerPrompt } from '../prompts/project-manager.ts';
import { testSummary } from '../reports.ts';
import type { StageContext } from '../workflow/stage-context.ts';

const README_PATH = 'README.md';
const SUMMARY_PATH = 'docs/delivery-summary.md';

const deliverySchema = z.object({
  readme: z.string().min(20).describe('README.md in Markdown'),
  delivery_summary: z.string().min(20).describe('the delivery summary in Markdown'),
});

/** ProjectManagerAgent: README, delivery summary and the deliverables index. */
export async function completeDelivery(context: StageContext): Promise<CompletionArtifact> {
  const { state } = context;
  const architecture = state.artifact('architecture_design');
  const testing = state.artifact('testing');
  const qa = state.artifact('qa_review');
  const tests = testSummary(context.language, testing);
  const quality = context.text({ zh: `质量评分 ${qa.score}/100，共 ${qa.findings.length} 个问题。`, en: `Quality score ${qa.score}/100 with ${qa.findings.length} finding(s).` });
  const codeFiles = state.filesOf('code').map((file) => file.path);
  const testFiles = testing.test_files;
  const stack = architecture.tech_stack;
  const prompt = projectManagerPrompt(context.language, {
    requirements: context.env.requirements,
    techStack: `${stack.language} / ${stack.runtime}; ${stack.frameworks.join(', ')}; tests: ${stack.test_framework}`,
    files: [...codeFiles, ...testFiles],
    testSummary: tests,
    qualitySummary: quality,
  }, context.budget);
  const documents = await context.step({ zh: '正在整理交付物…', en: 'Preparing the delivery…' }, { files: codeFiles.length + testFiles.length }, async (step) => {
    const result = await step.structuredStreamed(prompt, deliverySchema, `${README_PATH}, ${SUMMARY_PATH}`);
    return { result, output: { readme: README_PATH, delivery_summary: SUMMARY_PATH } };
  });
  // The measured results close the summary whatever the model wrote, so failures are never hidden.
  const measured = `\n\n## ${context.text({ zh: '测试与质量结果（实测）', en: 'Test and quality results (measured)' })}\n\n- ${tests}\n- ${quality}\n`;
  await context.saveFile(README_PATH, documents.readme, 'documentation');
  await context.saveFile(SUMMARY_PATH, `${documents.delivery_summary.trimEnd()}${measured}`, 'documentation');
  const last = testing.runs.at(-1);
  const deliverables: Deliverables = {
    srs_document: 'docs/SRS.md',
    architecture_design: 'docs/architecture.md',
    ui_design: 'docs/ui-design.md',
    code_files: codeFiles,
    test_files: testFiles,
    test_report: testing.report_path,
    qa_report: qa.report_path,
    readme: README_PATH,
    delivery_summary: SUMMARY_PATH,
    quality_score: qa.score,
    tests: { executed: last !== undefined, passed: last?.passed ?? 0, failed: last?.failed ?? 0, all_passed: testing.all_passed },
    language: context.language,
  };
  await context.saveArtifact('deliverables', deliverables);
  return { deliverables };
}
