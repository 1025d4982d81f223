import type { AgentActivityRecord, FileCategory, ProjectUpdate, StageName, WorkflowCheckpoint, WorkflowEvent, WorkflowStore } from '@resoftai/engine';
import type { AgentActivityRepository } from '../db/repositories/agent-activities.ts';
import type { ProjectWorkflowState, WorkflowRepository } from '../db/repositories/workflow.ts';
import type { FileService } from './files.ts';
import type { WorkflowEventHub } from './workflow-events.ts';

export interface WorkflowStoreDeps {
  workflow: WorkflowRepository;
  files: FileService;
  activities: AgentActivityRepository;
  hub: WorkflowEventHub;
}

function projectState(update: ProjectUpdate): ProjectWorkflowState {
  const state: ProjectWorkflowState = {};
  if (update.status !== undefined) {
    state.status = update.status;
    state.completedAt = update.status === 'completed' ? new Date() : null;
  }
  if (update.progress !== undefined) state.progress = update.progress;
  if (update.current_stage !== undefined) state.currentStage = update.current_stage;
  if (update.deliverables !== undefined) state.deliverables = update.deliverables as unknown as Record<string, unknown>;
  return state;
}

/** One project's `WorkflowStore` over the server's tables; files are saved as versioned project files by 'system'. */
export class DatabaseWorkflowStore implements WorkflowStore {
  // Events get consecutive sequence numbers, so they are stored one at a time.
  private events: Promise<unknown> = Promise.resolve();

  constructor(private readonly projectId: number, private readonly deps: WorkflowStoreDeps) {}

  async saveFile(path: string, content: string, category: FileCategory): Promise<{ version: number }> {
    const saved = await this.deps.files.saveGeneratedFile('system', this.projectId, path, content, category);
    return { version: saved.version };
  }

  async saveArtifact(stage: StageName, name: string, content: string): Promise<void> {
    await this.deps.workflow.saveArtifact(this.projectId, stage, name, content);
  }

  async saveCheckpoint(checkpoint: WorkflowCheckpoint): Promise<void> {
    await this.deps.workflow.saveCheckpoint(this.projectId, checkpoint.workflow_id, checkpoint as unknown as Record<string, unknown>);
  }

  async loadCheckpoint(): Promise<WorkflowCheckpoint | undefined> {
    return (await this.deps.workflow.loadCheckpoint(this.projectId)) as WorkflowCheckpoint | undefined;
  }

  async recordActivity(activity: AgentActivityRecord): Promise<void> {
    await this.deps.activities.create({
      projectId: this.projectId,
      agentName: activity.agent_name,
      stage: activity.stage,
      status: activity.status,
      inputData: activity.input_data,
      outputData: activity.output_data,
      executionTimeSeconds: activity.execution_time_seconds,
      tokensUsed: activity.tokens_used,
      errorMessage: activity.error_message,
      startedAt: activity.started_at,
      completedAt: activity.completed_at,
    });
  }

  /** Stores the event under the next sequence number, then hands it to live subscribers. */
  emit(event: WorkflowEvent): Promise<void> {
    const stored = this.events.then(async () => {
      const row = await this.deps.workflow.appendEvent(this.projectId, event.event, event.data as unknown as Record<string, unknown>);
      this.deps.hub.publish({ projectId: this.projectId, seq: row.seq, event: event.event, data: row.payload });
    });
    this.events = stored.catch(() => undefined);
    return stored;
  }

  async updateProject(update: ProjectUpdate): Promise<void> {
    await this.deps.workflow.updateProject(this.projectId, projectState(update));
  }
}
