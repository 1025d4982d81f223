/** The workflow's stages in delivery order (appendix B of the ResoftAI API document). */
export const STAGES = [
  'requirements_analysis',
  'architecture_design',
  'ui_design',
  'development',
  'testing',
  'qa_review',
  'completion',
] as const;

export type StageName = (typeof STAGES)[number];

export type AgentName =
  | 'RequirementsAnalystAgent'
  | 'ArchitectAgent'
  | 'UXUIDesignerAgent'
  | 'DeveloperAgent'
  | 'TestEngineerAgent'
  | 'QualityExpertAgent'
  | 'ProjectManagerAgent';

export interface StageInfo {
  agent: AgentName;
  /** Stages whose artifacts this stage reads. */
  inputs: readonly StageName[];
  /** Average minutes from appendix B; progress is weighted by them. */
  weight: number;
}

export const STAGE_GRAPH: Readonly<Record<StageName, StageInfo>> = {
  requirements_analysis: { agent: 'RequirementsAnalystAgent', inputs: [], weight: 2 },
  architecture_design: { agent: 'ArchitectAgent', inputs: ['requirements_analysis'], weight: 3 },
  ui_design: { agent: 'UXUIDesignerAgent', inputs: ['requirements_analysis'], weight: 2.5 },
  development: { agent: 'DeveloperAgent', inputs: ['architecture_design', 'ui_design'], weight: 10 },
  testing: { agent: 'TestEngineerAgent', inputs: ['development'], weight: 4 },
  qa_review: { agent: 'QualityExpertAgent', inputs: ['testing'], weight: 3 },
  completion: { agent: 'ProjectManagerAgent', inputs: ['qa_review'], weight: 1 },
};

export function isStageName(value: unknown): value is StageName {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

const TOTAL_WEIGHT = STAGES.reduce((sum, stage) => sum + STAGE_GRAPH[stage].weight, 0);

/**
 * Percent done: finished stages count fully, running ones by their own fraction.
 * Capped at 99 until the workflow has actually completed.
 */
export function stageWeightedProgress(completed: ReadonlySet<StageName>, running: ReadonlyMap<StageName, number>): number {
  let done = 0;
  for (const stage of STAGES) {
    if (completed.has(stage)) done += STAGE_GRAPH[stage].weight;
    else done += STAGE_GRAPH[stage].weight * Math.min(1, Math.max(0, running.get(stage) ?? 0));
  }
  return Math.min(99, Math.floor((done / TOTAL_WEIGHT) * 100));
}
