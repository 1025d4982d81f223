import type { WorkflowEventName } from '@resoftai/engine';

/** A stored workflow event: its payload plus the project's sequence number. */
export interface NumberedWorkflowEvent {
  projectId: number;
  seq: number;
  event: WorkflowEventName;
  data: Record<string, unknown>;
}

export type WorkflowEventListener = (event: NumberedWorkflowEvent) => void;

/** Hands every stored workflow event to the live listeners (the Socket.IO gateway). */
export class WorkflowEventHub {
  private readonly listeners = new Set<WorkflowEventListener>();

  listen(listener: WorkflowEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: NumberedWorkflowEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
