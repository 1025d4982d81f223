import type { Invalidation, InvalidationBus, InvalidationSink } from './invalidation-bus.ts';

/** For the embedded database, which only this process uses: an invalidation is a direct call. */
export class InProcessInvalidationBus implements InvalidationBus {
  private sink: InvalidationSink | undefined;

  attach(sink: InvalidationSink): void {
    this.sink = sink;
  }

  async publish(invalidation: Invalidation): Promise<void> {
    this.sink?.apply(invalidation);
  }

  async start(): Promise<void> {}

  async check(): Promise<void> {}

  async close(): Promise<void> {}
}
