import { randomBytes } from 'node:crypto';
import type { FileCategory, QaFinding, StageArtifacts, TestRun } from './artifacts.ts';
import type { Language } from './prompts/language.ts';
import { STAGES, type StageName } from './stages.ts';

export interface StoredFile {
  category: FileCategory;
  version: number;
  content: string;
}

/** Everything needed to continue a workflow; saved as JSON after each stage and each file. */
export interface WorkflowCheckpoint {
  format: 1;
  workflow_id: string;
  language: Language;
  completed_stages: StageName[];
  /** The stage that finished last (the `checkpoint_stage` of a resume). */
  last_completed_stage: StageName | null;
  artifacts: Partial<StageArtifacts>;
  /** Every file the workflow saved, by project path. */
  files: Record<string, StoredFile>;
  /** Planned code files already generated in `development`. */
  developed_files: string[];
  /** Progress inside `testing`: test files written, sandbox runs, fix rounds applied. */
  testing: { test_files: string[] | null; runs: TestRun[]; fix_rounds: number };
  /** Progress inside `qa_review`: the review once made. */
  qa: { review: { score: number; summary: string; findings: QaFinding[] } | null; fix_done: boolean };
  usage: { tokens: number; cost_usd: number };
  progress: number;
  saved_at: string;
}

/** `wf_<epoch seconds>_<random>` as in the API document. */
export function newWorkflowId(now = Date.now()): string {
  return `wf_${Math.floor(now / 1000)}_${randomBytes(4).toString('hex')}`;
}

export function freshCheckpoint(workflowId: string, language: Language): WorkflowCheckpoint {
  return {
    format: 1,
    workflow_id: workflowId,
    language,
    completed_stages: [],
    last_completed_stage: null,
    artifacts: {},
    files: {},
    developed_files: [],
    testing: { test_files: null, runs: [], fix_rounds: 0 },
    qa: { review: null, fix_done: false },
    usage: { tokens: 0, cost_usd: 0 },
    progress: 0,
    saved_at: new Date().toISOString(),
  };
}

/** Where a resume would continue: the last finished stage and the first unfinished one. */
export function describeCheckpoint(checkpoint: WorkflowCheckpoint): { workflowId: string; checkpointStage: StageName | null; nextStage: StageName | null } {
  const done = new Set(checkpoint.completed_stages);
  return {
    workflowId: checkpoint.workflow_id,
    checkpointStage: checkpoint.last_completed_stage,
    nextStage: STAGES.find((stage) => !done.has(stage)) ?? null,
  };
}

/** The mutable state of a running workflow and its checkpoint writes, one at a time. */
export class WorkflowState {
  private writes: Promise<void> = Promise.resolve();

  constructor(
    readonly data: WorkflowCheckpoint,
    private readonly persist: ((checkpoint: WorkflowCheckpoint) => Promise<void>) | undefined,
  ) {}

  isDone(stage: StageName): boolean {
    return this.data.completed_stages.includes(stage);
  }

  artifact<S extends StageName>(stage: S): StageArtifacts[S] {
    const value = this.data.artifacts[stage];
    if (value === undefined) throw new Error(`the ${stage} artifact is not available yet`);
    return value as StageArtifacts[S];
  }

  filesOf(category: FileCategory): Array<{ path: string; content: string }> {
    return Object.entries(this.data.files)
      .filter(([, file]) => file.category === category)
      .map(([path, file]) => ({ path, content: file.content }));
  }

  /** Writes a snapshot; writes are serialized so the last one holds the newest state. */
  checkpoint(): Promise<void> {
    const { persist } = this;
    if (!persist) return Promise.resolve();
    const next = this.writes.then(() => persist(structuredClone({ ...this.data, saved_at: new Date().toISOString() })));
    this.writes = next.catch(() => undefined);
    return next;
  }
}
