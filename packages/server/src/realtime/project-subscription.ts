import type { NumberedWorkflowEvent } from '../services/workflow-events.ts';

export type EventSender = (event: NumberedWorkflowEvent) => void;

/**
 * One socket's subscription to one project. Live events that arrive while the stored ones are
 * being replayed wait in a buffer, and every event goes out once, in sequence order.
 */
export class ProjectSubscription {
  private replaying = true;
  private buffer: NumberedWorkflowEvent[] = [];

  constructor(private lastSeq: number, private readonly send: EventSender) {}

  deliver(event: NumberedWorkflowEvent): void {
    if (this.replaying) this.buffer.push(event);
    else this.forward(event);
  }

  /** Sends the stored events, then whatever arrived meanwhile, and goes live. */
  finishReplay(stored: NumberedWorkflowEvent[]): void {
    for (const event of stored) this.forward(event);
    this.replaying = false;
    const waiting = this.buffer.sort((a, b) => a.seq - b.seq);
    this.buffer = [];
    for (const event of waiting) this.forward(event);
  }

  get seq(): number {
    return this.lastSeq;
  }

  private forward(event: NumberedWorkflowEvent): void {
    if (event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    this.send(event);
  }
}
