import type { Language } from './prompts/language.ts';

export type FileCategory = 'requirements' | 'design' | 'code' | 'test' | 'documentation';

export interface UseCase {
  id: string;
  title: string;
  actor: string;
  steps: string[];
}

export interface AcceptanceCriterion {
  id: string;
  use_case: string;
  criterion: string;
}

export interface RequirementsArtifact {
  srs: string;
  use_cases: UseCase[];
  acceptance_criteria: AcceptanceCriterion[];
}

/** One file the architect plans: what it is for, what it exposes, what it needs. */
export interface PlannedFile {
  path: string;
  purpose: string;
  interfaces: string[];
  depends_on: string[];
}

export interface TechStack {
  language: string;
  runtime: string;
  frameworks: string[];
  test_framework: string;
}

export interface ArchitectureArtifact {
  document: string;
  tech_stack: TechStack;
  file_plan: PlannedFile[];
}

export interface UiDesignArtifact {
  document: string;
  pages: string[];
  components: string[];
  flows: string[];
  mockups: string[];
}

export interface DevelopmentArtifact {
  code_files: string[];
}

/** One execution of the generated tests in the sandbox. */
export interface TestRun {
  round: number;
  command: string;
  exit_code: number | null;
  passed: number;
  failed: number;
  timed_out: boolean;
  duration_ms: number;
  output: string;
}

export interface TestingArtifact {
  test_files: string[];
  /** Why the tests were not run (stack not runnable here, no sandbox); undefined when they ran. */
  not_executed_reason: string | undefined;
  runs: TestRun[];
  fix_rounds: number;
  all_passed: boolean;
  report_path: string;
}

export interface QaFinding {
  severity: 'critical' | 'major' | 'minor' | 'info';
  path: string;
  message: string;
  source: 'llm' | 'analyzer';
}

export interface QaArtifact {
  score: number;
  findings: QaFinding[];
  critical_fix_applied: boolean;
  retest: TestRun | undefined;
  report_path: string;
}

/** The project's `deliverables`: where each product of the workflow lives. */
export interface Deliverables {
  srs_document: string;
  architecture_design: string;
  ui_design: string;
  code_files: string[];
  test_files: string[];
  test_report: string;
  qa_report: string;
  readme: string;
  delivery_summary: string;
  quality_score: number;
  tests: { executed: boolean; passed: number; failed: number; all_passed: boolean };
  language: Language;
}

export interface CompletionArtifact {
  deliverables: Deliverables;
}

export interface StageArtifacts {
  requirements_analysis: RequirementsArtifact;
  architecture_design: ArchitectureArtifact;
  ui_design: UiDesignArtifact;
  development: DevelopmentArtifact;
  testing: TestingArtifact;
  qa_review: QaArtifact;
  completion: CompletionArtifact;
}
