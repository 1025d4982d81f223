import type { NumberedWorkflowEvent } from '../services/workflow-events.ts';

export type EventSender = (event: NumberedWorkflowEvent) => void;
/** The project's stored events after a sequence number, oldest first. */
export type StoredEventReader = (since: number) => Promise<NumberedWorkflowEvent[]>;

/**
 * One socket's subscription to one project; every event goes out once, in sequence order. The stored events are
 * read whenever the live ones skip a number (a relay from another process can reorder or lose one), and live
 * events that arrive meanwhile wait in a buffer.
 */
export class ProjectSubscription {
  private catchingUp = false;
  private closed = false;
  private buffer: NumberedWorkflowEvent[] = [];
  private lastSeq = 0;

  constructor(private readonly send: EventSender, private readonly readStored: StoredEventReader) {}

  /** Sends the stored events after `since`, then whatever arrived meanwhile, and goes live. */
  async start(since: number | (() => Promise<number>)): Promise<void> {
    this.catchingUp = true;
    try {
      this.lastSeq = typeof since === 'number' ? since : await since();
    } catch (error) {
      this.close();
      throw error;
    }
    await this.catchUp();
  }

  deliver(event: NumberedWorkflowEvent): void {
    if (this.catchingUp) this.buffer.push(event);
    else if (event.seq > this.lastSeq + 1) {
      this.catchingUp = true;
      this.buffer.push(event);
      // A failed read leaves the gap; the buffered events still go out.
      this.catchUp().catch(() => undefined);
    } else this.forward(event);
  }

  /** Sends nothing more. */
  close(): void {
    this.closed = true;
    this.buffer = [];
  }

  get seq(): number {
    return this.lastSeq;
  }

  private async catchUp(): Promise<void> {
    try {
      for (const event of await this.readStored(this.lastSeq)) this.forward(event);
    } finally {
      this.catchingUp = false;
      const waiting = this.buffer.sort((a, b) => a.seq - b.seq);
      this.buffer = [];
      for (const event of waiting) this.forward(event);
    }
  }

  private forward(event: NumberedWorkflowEvent): void {
    if (this.closed || event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    this.send(event);
  }
}
