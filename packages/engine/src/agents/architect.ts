import { z } from 'zod';
import type { ArchitectureArtifact, PlannedFile } from '../artifacts.ts';
import { isTestPath, sanitizeProjectPath } from '../parsing/paths.ts';
import { architectPrompt } from '../prompts/architect.ts';
import type { StageContext } from '../workflow/stage-context.ts';
import { excerpt } from './excerpt.ts';

const MAX_PLANNED_FILES = 60;

const architectureSchema = z.object({
  document: z.string().min(20).describe('the architecture document in Markdown'),
  tech_stack: z.object({ language: z.string(), runtime: z.string(), frameworks: z.array(z.string()), test_framework: z.string() }),
  file_plan: z.array(z.object({
    path: z.string(),
    purpose: z.string(),
    interfaces: z.array(z.string()),
    depends_on: z.array(z.string()),
  })).min(1).max(MAX_PLANNED_FILES),
});

/** The plan with paths sanitized, duplicates and test files dropped, and dependencies pointing at planned files. */
export function normalizePlan(plan: PlannedFile[]): PlannedFile[] {
  const files = new Map<string, PlannedFile>();
  for (const entry of plan) {
    const path = sanitizeProjectPath(entry.path);
    if (path === undefined || isTestPath(path) || files.has(path)) continue;
    files.set(path, { ...entry, path });
  }
  return [...files.values()].map((file) => ({
    ...file,
    depends_on: [...new Set(file.depends_on.map(sanitizeProjectPath))].filter((path): path is string => path !== undefined && path !== file.path && files.has(path)),
  }));
}

/** ArchitectAgent: the architecture document, the tech stack and the file plan. */
export async function designArchitecture(context: StageContext): Promise<ArchitectureArtifact> {
  const analysis = context.state.artifact('requirements_analysis');
  const prompt = architectPrompt(context.language, context.env.requirements, analysis, context.budget);
  const architecture = await context.step({ zh: '正在设计架构…', en: 'Designing the architecture…' }, { srs_document: excerpt(analysis.srs) }, async (step) => {
    const designed = await step.structuredStreamed(prompt, architectureSchema, 'docs/architecture.md');
    const result = { ...designed, file_plan: normalizePlan(designed.file_plan) };
    if (result.file_plan.length === 0) context.fail('ArchitectAgent planned no usable source files (every planned path was empty, a duplicate or a test file)');
    return { result, output: { tech_stack: result.tech_stack, file_plan: result.file_plan.map((file) => file.path) } };
  });
  await context.saveFile('docs/architecture.md', architecture.document, 'design');
  await context.saveArtifact('tech_stack', architecture.tech_stack);
  await context.saveArtifact('file_plan', architecture.file_plan);
  return architecture;
}
