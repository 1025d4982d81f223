import { z } from 'zod';
import type { QaArtifact, QaFinding, TestRun } from '../artifacts.ts';
import { sanitizeProjectPath } from '../parsing/paths.ts';
import { qualityExpertPrompt } from '../prompts/quality-expert.ts';
import { qaReportMarkdown, testSummary } from '../reports.ts';
import { runnableStack } from '../sandbox/types.ts';
import type { StageContext } from '../workflow/stage-context.ts';
import { fixRound } from './developer.ts';
import { runPassed, runProjectTests } from './test-engineer.ts';

const REPORT_PATH = 'docs/qa-report.md';

const reviewSchema = z.object({
  score: z.number().min(0).max(100),
  summary: z.string().min(1).describe('the review in Markdown'),
  findings: z.array(z.object({ severity: z.enum(['critical', 'major', 'minor', 'info']), path: z.string(), message: z.string() })),
});

async function analyzerFindings(context: StageContext): Promise<{ score: number | undefined; findings: QaFinding[] }> {
  const { analyzer } = context.env;
  if (!analyzer) return { score: undefined, findings: [] };
  const report = await analyzer.analyze(context.state.filesOf('code'), { signal: context.signal, language: context.language });
  const findings = report.issues.map((issue) => ({
    severity: issue.severity,
    path: issue.line === undefined ? issue.path : `${issue.path}:${issue.line}`,
    message: issue.rule ? `${issue.rule}: ${issue.message}` : issue.message,
    source: 'analyzer' as const,
  }));
  return { score: report.score, findings };
}

async function review(context: StageContext, tests: string): Promise<NonNullable<typeof context.state.data.qa.review>> {
  const analysis = await analyzerFindings(context);
  const prompt = qualityExpertPrompt(context.language, {
    requirements: context.env.requirements,
    sourceFiles: context.state.filesOf('code'),
    testSummary: tests,
    analyzerFindings: analysis.findings,
  }, context.budget);
  return context.step({ zh: '正在评审代码质量…', en: 'Reviewing code quality…' }, { analyzer_findings: analysis.findings.length, tests }, async (step) => {
    const verdict = await step.structured(prompt, reviewSchema);
    const llmFindings: QaFinding[] = verdict.findings.map((finding) => ({ ...finding, path: sanitizeProjectPath(finding.path) ?? finding.path, source: 'llm' }));
    // With the analyzer present, its measured score and the model's judgement count equally.
    const score = Math.round(analysis.score === undefined ? verdict.score : (verdict.score + analysis.score) / 2);
    const result = { score, summary: verdict.summary, findings: [...analysis.findings, ...llmFindings] };
    return { result, output: { score, findings: result.findings.length, critical: result.findings.filter((finding) => finding.severity === 'critical').length } };
  });
}

function retestLine(context: StageContext, retest: TestRun): string {
  if (runPassed(retest)) return context.text({ zh: 'QA 修复轮之后全部测试通过。', en: 'After the QA fix round all tests pass.' });
  const counts = `${retest.passed} / ${retest.failed}`;
  return context.text({ zh: `QA 修复轮之后测试仍未全部通过（通过 / 失败：${counts}）。`, en: `After the QA fix round the tests still fail (passed / failed: ${counts}).` });
}

/**
 * QualityExpertAgent: reviews the code (with the static analyzer when one is plugged in), sends
 * critical findings back to DeveloperAgent for one fix round, then re-runs the tests.
 */
export async function reviewQuality(context: StageContext): Promise<QaArtifact> {
  const { qa } = context.state.data;
  const testing = context.state.artifact('testing');
  const tests = testSummary(context.language, testing);
  if (qa.review === null) {
    qa.review = await review(context, tests);
    await context.checkpoint();
  }
  const { review: verdict } = qa;
  const critical = verdict.findings.filter((finding) => finding.severity === 'critical');
  let retest: QaArtifact['retest'];
  if (critical.length > 0 && !qa.fix_done) {
    const problems = critical.map((finding) => `- ${finding.path}: ${finding.message}`).join('\n');
    await fixRound(context, problems, { zh: '修复质量评审发现的严重问题', en: 'Fixing the critical review findings' });
    qa.fix_done = true;
    await context.checkpoint();
    const { tech_stack } = context.state.artifact('architecture_design');
    const stack = runnableStack(tech_stack.language, tech_stack.runtime);
    if (stack !== undefined && context.env.sandbox !== undefined && testing.test_files.length > 0) {
      retest = await runProjectTests(context, stack, testing.runs.length);
    }
  }
  const testsNow = retest === undefined ? tests : `${tests}\n${retestLine(context, retest)}`;
  const report = qaReportMarkdown(context.language, { score: verdict.score, summary: verdict.summary, findings: verdict.findings, tests: testsNow, fixApplied: qa.fix_done, retest });
  await context.saveFile(REPORT_PATH, report, 'documentation');
  await context.saveArtifact('review', { score: verdict.score, findings: verdict.findings });
  return { score: verdict.score, findings: verdict.findings, critical_fix_applied: qa.fix_done, retest, report_path: REPORT_PATH };
}
