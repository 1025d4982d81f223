import { LlmCallError } from '@resoftai/llm';
import type { DevelopmentArtifact, PlannedFile } from '../artifacts.ts';
import { StageFailure } from '../errors.ts';
import { isTestPath } from '../parsing/paths.ts';
import { selectNamedFiles, selectPlannedFile } from '../parsing/select.ts';
import { developerFilePrompt, developerFixPrompt } from '../prompts/developer.ts';
import type { StageContext } from '../workflow/stage-context.ts';
import { excerpt } from './excerpt.ts';

/** A file hit by a 429 after the LLM layer's own retries goes back in the queue this often. */
const RATE_LIMIT_REQUEUES = 3;

function rateLimited(error: unknown): boolean {
  const cause = error instanceof StageFailure ? error.cause : error;
  return cause instanceof LlmCallError && cause.status === 429;
}

async function writePlannedFile(context: StageContext, file: PlannedFile): Promise<void> {
  const architecture = context.state.artifact('architecture_design');
  const prompt = developerFilePrompt(context.language, {
    requirements: context.env.requirements,
    srs: context.state.artifact('requirements_analysis').srs,
    architecture,
    ui: context.state.data.artifacts.ui_design,
    file,
  }, context.budget);
  const label = { zh: `正在编写 ${file.path}`, en: `Writing ${file.path}` };
  const content = await context.step(label, { file: file.path, purpose: file.purpose, depends_on: file.depends_on }, async (step) => {
    const result = await step.files(prompt, (files) => selectPlannedFile(files, file.path), file.path);
    return { result, output: { path: file.path, lines: result.split('\n').length } };
  });
  await context.saveFile(file.path, content, 'code');
}

/**
 * DeveloperAgent: one model call per planned file, as many at once as the strategy allows;
 * each finished file is checkpointed, so a resume writes only the missing ones.
 */
export async function developCode(context: StageContext): Promise<DevelopmentArtifact> {
  const plan = context.state.artifact('architecture_design').file_plan;
  const { data } = context.state;
  const done = new Set(data.developed_files);
  const failures: unknown[] = [];
  context.reportProgress(done.size / plan.length);
  await Promise.all(plan.filter((file) => !done.has(file.path)).map(async (file) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await context.env.files.run(async () => {
          if (context.signal.aborted) return;
          await writePlannedFile(context, file);
          data.developed_files.push(file.path);
          context.reportProgress(data.developed_files.length / plan.length);
          await context.checkpoint();
        });
        return;
      } catch (error) {
        if (!context.signal.aborted && rateLimited(error) && attempt < RATE_LIMIT_REQUEUES) continue;
        failures.push(error);
        context.abort(error);
        return;
      }
    }
  }));
  if (failures.length > 0) throw failures[0];
  if (context.signal.aborted) throw context.signal.reason;
  return { code_files: plan.map((file) => file.path) };
}

/**
 * A DeveloperAgent fix round inside another stage: the problems and the code go to the model,
 * and the source files it returns are saved as new versions. Returns the paths changed.
 */
export async function fixRound(context: StageContext, problems: string, label: { zh: string; en: string }): Promise<string[]> {
  const sourceFiles = context.state.filesOf('code');
  const testFiles = context.state.filesOf('test').filter((file) => isTestPath(file.path));
  const prompt = developerFixPrompt(context.language, { problems, sourceFiles, testFiles }, context.budget);
  const changed = await context.step(label, { problems: excerpt(problems, 2000) }, async (step) => {
    const files = await step.files(prompt, (found) => selectNamedFiles(found, 'the corrected source files'), 'the fix round');
    // Tests are the yardstick: a fix round changes source files only.
    const result = files.filter((file) => !isTestPath(file.path));
    if (result.length === 0) context.fail('DeveloperAgent answered the fix round with test files only; the source code was not changed');
    return { result, output: { changed_files: result.map((file) => file.path) } };
  }, 'DeveloperAgent');
  for (const file of changed) await context.saveFile(file.path, file.content, 'code');
  return changed.map((file) => file.path);
}
