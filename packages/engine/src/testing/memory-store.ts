import type { FileCategory } from '../artifacts.ts';
import type { AgentActivityRecord, ProjectStatus, ProjectUpdate, WorkflowEvent, WorkflowEventPayloads, WorkflowStore } from '../ports.ts';
import type { StageName } from '../stages.ts';
import type { WorkflowCheckpoint } from '../state.ts';

/** A `WorkflowStore` in memory, for tests and benchmarks only. */
export class MemoryWorkflowStore implements WorkflowStore {
  readonly files = new Map<string, { category: FileCategory; versions: string[] }>();
  readonly artifacts: Array<{ stage: StageName; name: string; content: string }> = [];
  readonly activities: AgentActivityRecord[] = [];
  /** Every event with its sequence number, oldest first. */
  readonly events: Array<WorkflowEvent & { seq: number }> = [];
  readonly updates: ProjectUpdate[] = [];
  readonly project: { status: ProjectStatus; progress: number; current_stage: StageName | null; deliverables: ProjectUpdate['deliverables'] } = {
    status: 'pending', progress: 0, current_stage: null, deliverables: undefined,
  };
  checkpointWrites = 0;
  private checkpoint: string | undefined;

  async saveFile(path: string, content: string, category: FileCategory): Promise<{ version: number }> {
    const file = this.files.get(path) ?? { category, versions: [] };
    file.category = category;
    file.versions.push(content);
    this.files.set(path, file);
    return { version: file.versions.length };
  }

  async saveArtifact(stage: StageName, name: string, content: string): Promise<void> {
    this.artifacts.push({ stage, name, content });
  }

  async saveCheckpoint(checkpoint: WorkflowCheckpoint): Promise<void> {
    this.checkpointWrites++;
    this.checkpoint = JSON.stringify(checkpoint);
  }

  async loadCheckpoint(): Promise<WorkflowCheckpoint | undefined> {
    return this.checkpoint === undefined ? undefined : (JSON.parse(this.checkpoint) as WorkflowCheckpoint);
  }

  async recordActivity(activity: AgentActivityRecord): Promise<void> {
    this.activities.push(activity);
  }

  async emit(event: WorkflowEvent): Promise<void> {
    this.events.push({ ...event, seq: this.events.length + 1 });
  }

  async updateProject(update: ProjectUpdate): Promise<void> {
    this.updates.push(update);
    Object.assign(this.project, update);
  }

  /** The latest content of a file. */
  content(path: string): string | undefined {
    return this.files.get(path)?.versions.at(-1);
  }

  pathsOf(category: FileCategory): string[] {
    return [...this.files].filter(([, file]) => file.category === category).map(([path]) => path).sort();
  }

  eventsNamed<E extends keyof WorkflowEventPayloads>(name: E): Array<WorkflowEventPayloads[E]> {
    return this.events.filter((event) => event.event === name).map((event) => event.data as WorkflowEventPayloads[E]);
  }
}
