import { z } from 'zod';
import type { UiDesignArtifact } from '../artifacts.ts';
import { sanitizeProjectPath } from '../parsing/paths.ts';
import { uxUiDesignerPrompt } from '../prompts/ux-ui-designer.ts';
import type { StageContext } from '../workflow/stage-context.ts';
import { excerpt } from './excerpt.ts';

const designSchema = z.object({
  document: z.string().min(20).describe('the UI/UX design document in Markdown'),
  pages: z.array(z.string()),
  components: z.array(z.string()),
  flows: z.array(z.string()),
  mockups: z.array(z.object({ path: z.string(), html: z.string() })).default([]),
});

/** Mock-ups live under mockups/ as .html files whatever path the model gave. */
function mockupPath(raw: string): string | undefined {
  const path = sanitizeProjectPath(raw);
  if (path === undefined) return undefined;
  const inside = path.startsWith('mockups/') ? path : `mockups/${path}`;
  return /\.html?$/i.test(inside) ? inside : `${inside}.html`;
}

/** UXUIDesignerAgent: pages, components, flows and optional HTML mock-ups. */
export async function designInterface(context: StageContext): Promise<UiDesignArtifact> {
  const analysis = context.state.artifact('requirements_analysis');
  const prompt = uxUiDesignerPrompt(context.language, context.env.requirements, analysis, context.budget);
  const design = await context.step({ zh: '正在设计界面与交互…', en: 'Designing pages, components and flows…' }, { srs_document: excerpt(analysis.srs) }, async (step) => {
    const result = await step.structuredStreamed(prompt, designSchema, 'docs/ui-design.md');
    return { result, output: { pages: result.pages, components: result.components, flows: result.flows, mockups: result.mockups.map((mockup) => mockup.path) } };
  });
  await context.saveFile('docs/ui-design.md', design.document, 'design');
  const mockups: string[] = [];
  for (const mockup of design.mockups) {
    const path = mockupPath(mockup.path);
    if (path === undefined || mockup.html.trim() === '' || mockups.includes(path)) continue;
    await context.saveFile(path, mockup.html, 'design');
    mockups.push(path);
  }
  const { document, pages, components, flows } = design;
  return { document, pages, components, flows, mockups };
}
