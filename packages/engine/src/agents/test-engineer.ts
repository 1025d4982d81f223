import type { TestingArtifact, TestRun } from '../artifacts.ts';
import { selectNamedFiles } from '../parsing/select.ts';
import { testEngineerPrompt } from '../prompts/test-engineer.ts';
import { testReportMarkdown } from '../reports.ts';
import { runnableStack, SandboxUnavailableError, type RunnableStack } from '../sandbox/types.ts';
import type { StageContext } from '../workflow/stage-context.ts';
import { fixRound } from './developer.ts';

const REPORT_PATH = 'docs/test-report.md';
const FAILURE_OUTPUT_CHARS = 8000;

/** Runs the project's code and test files in the sandbox once, as a TestEngineerAgent step. */
export async function runProjectTests(context: StageContext, stack: RunnableStack, round: number): Promise<TestRun> {
  const sandbox = context.env.sandbox;
  if (!sandbox) throw new Error('no sandbox configured');
  const files = [...context.state.filesOf('code'), ...context.state.filesOf('test')];
  const { config } = context.env;
  const label = { zh: `正在沙箱中运行测试（第 ${round + 1} 次）`, en: `Running the tests in the sandbox (run ${round + 1})` };
  return context.step(label, { stack, files: files.length }, async () => {
    const result = await sandbox.runTests({ stack, files, timeoutMs: config.test_timeout_seconds * 1000, memoryMb: config.test_memory_mb, signal: context.signal });
    const run: TestRun = {
      round,
      command: result.command,
      exit_code: result.exitCode,
      passed: result.passed,
      failed: result.failed,
      timed_out: result.timedOut,
      duration_ms: result.durationMs,
      output: result.output,
    };
    return { result: run, output: { command: run.command, passed: run.passed, failed: run.failed, exit_code: run.exit_code, timed_out: run.timed_out, isolation: result.isolation } };
  }, 'TestEngineerAgent');
}

export function runPassed(run: TestRun): boolean {
  return run.exit_code === 0 && run.failed === 0 && !run.timed_out;
}

export function failureReport(run: TestRun): string {
  const output = run.output.length > FAILURE_OUTPUT_CHARS ? `…${run.output.slice(-FAILURE_OUTPUT_CHARS)}` : run.output;
  return `\`${run.command}\` → ${run.passed} passed, ${run.failed} failed${run.timed_out ? ', timed out' : ''}\n\n\`\`\`text\n${output.trimEnd()}\n\`\`\``;
}

async function writeTests(context: StageContext): Promise<string[]> {
  const prompt = testEngineerPrompt(context.language, {
    analysis: context.state.artifact('requirements_analysis'),
    architecture: context.state.artifact('architecture_design'),
    sourceFiles: context.state.filesOf('code'),
  }, context.budget);
  const files = await context.step({ zh: '正在编写测试…', en: 'Writing the tests…' }, {}, async (step) => {
    const written = await step.files(prompt, (found) => selectNamedFiles(found, 'test files'), 'the test files');
    // A test file never replaces a source file.
    const result = written.filter((file) => context.state.data.files[file.path]?.category !== 'code');
    if (result.length === 0) context.fail('TestEngineerAgent wrote no test files (every file it returned was an existing source file)');
    return { result, output: { test_files: result.map((file) => file.path) } };
  });
  for (const file of files) await context.saveFile(file.path, file.content, 'test');
  return files.map((file) => file.path);
}

/**
 * TestEngineerAgent: writes the tests, runs them in the sandbox when the stack runs here, sends
 * failures back to DeveloperAgent for up to `max_fix_rounds` rounds, and reports what happened.
 */
export async function testProject(context: StageContext): Promise<TestingArtifact> {
  const { testing } = context.state.data;
  if (testing.test_files === null) {
    testing.test_files = await writeTests(context);
    await context.checkpoint();
  }
  const { tech_stack } = context.state.artifact('architecture_design');
  const stack = runnableStack(tech_stack.language, tech_stack.runtime);
  const maxRounds = context.env.config.max_fix_rounds;
  let notExecuted = stack === undefined
    ? `${tech_stack.language} (${tech_stack.runtime}) cannot run in this server's sandbox (Python and JavaScript on Node can)`
    : context.env.sandbox === undefined ? 'no test sandbox is configured on this server' : undefined;
  context.reportProgress(0.3);
  while (stack !== undefined && notExecuted === undefined) {
    const last = testing.runs.at(-1);
    if (!last || testing.runs.length === testing.fix_rounds) {
      try {
        testing.runs.push(await runProjectTests(context, stack, testing.runs.length));
      } catch (error) {
        if (!(error instanceof SandboxUnavailableError)) throw error;
        notExecuted = error.message;
        break;
      }
      await context.checkpoint();
      continue;
    }
    if (runPassed(last) || testing.fix_rounds >= maxRounds) break;
    await fixRound(context, failureReport(last), { zh: `修复第 ${testing.fix_rounds + 1} 轮：让失败的测试通过`, en: `Fix round ${testing.fix_rounds + 1}: making the failing tests pass` });
    testing.fix_rounds++;
    context.reportProgress(0.3 + (0.7 * testing.fix_rounds) / (maxRounds + 1));
    await context.checkpoint();
  }
  const last = testing.runs.at(-1);
  const outcome = { test_files: testing.test_files, not_executed_reason: notExecuted, runs: testing.runs, fix_rounds: testing.fix_rounds, all_passed: last !== undefined && runPassed(last) };
  await context.saveFile(REPORT_PATH, testReportMarkdown(context.language, outcome), 'test');
  return { ...outcome, report_path: REPORT_PATH };
}
