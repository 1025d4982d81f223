import type { Deliverables } from '../artifacts.ts';
import type { ProjectStatus, WorkflowStore } from '../ports.ts';
import { stageWeightedProgress, type StageName } from '../stages.ts';
import type { WorkflowState } from '../state.ts';

export type ProjectPublisher = (status: ProjectStatus, progress: number, stage: StageName | null, deliverables?: Deliverables) => Promise<void>;

/** Keeps the project row current and tells its room: `updateProject`, then `project_update`. */
export function projectPublisher(store: WorkflowStore, projectId: number): ProjectPublisher {
  return async (status, progress, stage, deliverables) => {
    await store.updateProject({ status, progress, current_stage: stage, ...(deliverables === undefined ? {} : { deliverables }) });
    await store.emit({ event: 'project_update', data: { project_id: projectId, status, progress, current_stage: stage } });
  };
}

/**
 * Stage-weighted progress that only moves forward; every change is published in order
 * (project row and `project_update` event).
 */
export class ProgressTracker {
  private readonly running = new Map<StageName, number>();
  private currentStage: StageName | null;
  private publishing: Promise<void> = Promise.resolve();
  private failure: unknown;
  private lastPublished: string | undefined;

  constructor(
    private readonly state: WorkflowState,
    private readonly publish: ProjectPublisher,
    initialStage: StageName | null,
  ) {
    this.currentStage = initialStage;
  }

  get stage(): StageName | null {
    return this.currentStage;
  }

  get progress(): number {
    return this.state.data.progress;
  }

  /** Publishes the current figure and stage as they are (the run has started). */
  announce(): void {
    this.enqueue();
  }

  start(stage: StageName): void {
    this.running.set(stage, 0);
    this.currentStage = stage;
    this.enqueue();
  }

  report(stage: StageName, fraction: number): void {
    if (!this.running.has(stage)) return;
    this.running.set(stage, Math.max(this.running.get(stage) ?? 0, fraction));
    this.update();
  }

  /** Counts a finished stage; the caller has already added it to the completed stages. */
  finish(stage: StageName): void {
    this.running.delete(stage);
    const stillRunning = [...this.running.keys()].at(-1);
    if (stillRunning) this.currentStage = stillRunning;
    this.update();
  }

  /** Sets the final figure; the caller publishes it together with the `completed` status. */
  complete(): void {
    this.state.data.progress = 100;
  }

  /** Waits for every published change; rethrows a failed publish. */
  async flush(): Promise<void> {
    await this.publishing;
    if (this.failure !== undefined) throw this.failure;
  }

  private update(): void {
    const next = stageWeightedProgress(new Set(this.state.data.completed_stages), this.running);
    if (next <= this.state.data.progress) return;
    this.state.data.progress = next;
    this.enqueue();
  }

  /** Publishes the figure and stage unless they are what was last published (announce, then the first stage's start). */
  private enqueue(): void {
    const progress = this.state.data.progress;
    const stage = this.currentStage;
    const key = `${progress}/${stage}`;
    if (key === this.lastPublished) return;
    this.lastPublished = key;
    this.publishing = this.publishing.then(() => this.publish('running', progress, stage)).catch((error: unknown) => {
      this.failure ??= error;
    });
  }
}
