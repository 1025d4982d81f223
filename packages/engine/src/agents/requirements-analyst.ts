import { z } from 'zod';
import type { RequirementsArtifact } from '../artifacts.ts';
import { requirementsAnalystPrompt } from '../prompts/requirements-analyst.ts';
import type { StageContext } from '../workflow/stage-context.ts';
import { excerpt } from './excerpt.ts';

const analysisSchema = z.object({
  srs: z.string().min(20).describe('the SRS document in Markdown'),
  use_cases: z.array(z.object({ id: z.string(), title: z.string(), actor: z.string(), steps: z.array(z.string()) })).min(1),
  acceptance_criteria: z.array(z.object({ id: z.string(), use_case: z.string(), criterion: z.string() })).min(1),
});

/** RequirementsAnalystAgent: the SRS, use cases and acceptance criteria. */
export async function analyseRequirements(context: StageContext): Promise<RequirementsArtifact> {
  const { requirements } = context.env;
  const analysis = await context.step({ zh: '正在分析需求…', en: 'Analysing the requirement…' }, { requirements: excerpt(requirements) }, async (step) => {
    const result = await step.structuredStreamed(requirementsAnalystPrompt(context.language, requirements), analysisSchema, 'docs/SRS.md');
    return {
      result,
      output: { srs_document: excerpt(result.srs), use_cases: result.use_cases.map((useCase) => `${useCase.id} ${useCase.title}`), acceptance_criteria: result.acceptance_criteria.length },
    };
  });
  await context.saveFile('docs/SRS.md', analysis.srs, 'requirements');
  await context.saveArtifact('use_cases', analysis.use_cases);
  await context.saveArtifact('acceptance_criteria', analysis.acceptance_criteria);
  return analysis;
}
