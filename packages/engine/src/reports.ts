import type { QaFinding, TestingArtifact, TestRun } from './artifacts.ts';
import type { Language } from './prompts/language.ts';
import { failingTests } from './sandbox/test-counts.ts';

const OUTPUT_TAIL_CHARS = 6000;

function tail(text: string, length = OUTPUT_TAIL_CHARS): string {
  return text.length <= length ? text : `…${text.slice(-length)}`;
}

type TestOutcome = Pick<TestingArtifact, 'not_executed_reason' | 'runs' | 'fix_rounds' | 'all_passed'>;

/** One paragraph on the generated tests' outcome, said plainly (used in prompts and summaries). */
export function testSummary(language: Language, testing: TestOutcome): string {
  const zh = language === 'zh';
  if (testing.not_executed_reason !== undefined) {
    return zh ? `测试未执行：${testing.not_executed_reason}。` : `The tests were not executed: ${testing.not_executed_reason}.`;
  }
  const last = testing.runs.at(-1);
  if (!last) return zh ? '测试未执行。' : 'The tests were not executed.';
  if (testing.all_passed) {
    return zh
      ? `全部 ${last.passed} 个测试通过（共运行 ${testing.runs.length} 次，修复 ${testing.fix_rounds} 轮）。`
      : `All ${last.passed} tests pass (${testing.runs.length} run(s), ${testing.fix_rounds} fix round(s)).`;
  }
  const failing = failingTests(last.output);
  const named = failing.length === 0 ? '' : zh ? `仍然失败：${failing.join('、')}。` : ` Still failing: ${failing.join(', ')}.`;
  return zh
    ? `测试未全部通过：最后一次运行 ${last.passed} 个通过，${last.failed} 个失败${last.timed_out ? '（超时）' : ''}，已进行 ${testing.fix_rounds} 轮修复。${named}`
    : `The tests do NOT all pass: the last run had ${last.passed} passing and ${last.failed} failing${last.timed_out ? ' (timed out)' : ''} after ${testing.fix_rounds} fix round(s).${named}`;
}

function runSection(language: Language, run: TestRun): string {
  const zh = language === 'zh';
  const verdict = run.failed === 0 && run.exit_code === 0 ? (zh ? '通过' : 'passed') : (zh ? '失败' : 'failed');
  return [
    `### ${zh ? '第' : 'Run '}${run.round + 1}${zh ? ' 次运行' : ''}: ${verdict}`,
    '',
    `- ${zh ? '命令' : 'Command'}: \`${run.command}\``,
    `- ${zh ? '通过 / 失败' : 'Passed / failed'}: ${run.passed} / ${run.failed}`,
    `- ${zh ? '退出码' : 'Exit code'}: ${run.exit_code ?? '-'}${run.timed_out ? (zh ? '（超时被终止）' : ' (killed at the time limit)') : ''}`,
    `- ${zh ? '耗时' : 'Duration'}: ${run.duration_ms} ms`,
    '',
    '```text',
    tail(run.output).trimEnd(),
    '```',
  ].join('\n');
}

/** The test report: files, every sandbox run with its output, and the verdict. */
export function testReportMarkdown(language: Language, testing: TestOutcome & { test_files: string[] }): string {
  const zh = language === 'zh';
  return [
    `# ${zh ? '测试报告' : 'Test report'}`,
    '',
    `**${zh ? '结论' : 'Verdict'}:** ${testSummary(language, testing)}`,
    '',
    `## ${zh ? '测试文件' : 'Test files'}`,
    '',
    ...testing.test_files.map((path) => `- \`${path}\``),
    '',
    ...(testing.runs.length > 0 ? [`## ${zh ? '运行记录' : 'Runs'}`, '', ...testing.runs.map((run) => runSection(language, run))] : []),
    '',
  ].join('\n');
}

/** The quality report: score, findings by severity and the review. */
export function qaReportMarkdown(language: Language, input: { score: number; summary: string; findings: QaFinding[]; tests: string; fixApplied: boolean; retest: TestRun | undefined }): string {
  const zh = language === 'zh';
  const findings = input.findings.length === 0
    ? [zh ? '（无）' : '(none)']
    : input.findings.map((finding) => `- **${finding.severity}** \`${finding.path}\` (${finding.source}): ${finding.message}`);
  return [
    `# ${zh ? '质量评审报告' : 'Quality review'}`,
    '',
    `**${zh ? '评分' : 'Score'}:** ${input.score} / 100`,
    '',
    `**${zh ? '测试' : 'Tests'}:** ${input.tests}`,
    '',
    ...(input.fixApplied ? [zh ? '严重问题已退回开发者修复一轮。' : 'Critical findings were sent back to the developer for one fix round.', ''] : []),
    ...(input.retest ? [runSection(language, input.retest), ''] : []),
    `## ${zh ? '问题' : 'Findings'}`,
    '',
    ...findings,
    '',
    `## ${zh ? '评审意见' : 'Review'}`,
    '',
    input.summary.trim(),
    '',
  ].join('\n');
}
