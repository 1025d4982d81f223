import type { SQL } from 'drizzle-orm';

/** What a change makes stale in the caches of every process. */
export type Invalidation =
  | { kind: 'session'; sessionId: string }
  | { kind: 'user'; userId: number }
  | { kind: 'memberships' };

/** Where the bus delivers: the caches of this process. */
export interface InvalidationSink {
  apply(invalidation: Invalidation): void;
  /** Invalidations may be missed from now on: forget everything and cache nothing. */
  suspend(): void;
  /** Every invalidation reaches this process again: cache afresh. */
  resume(): void;
}

/** The connection (or open transaction) a change was written with. */
export interface SqlExecutor {
  execute(query: SQL): PromiseLike<unknown>;
}

/** The port over which caches learn of changes made by any process on the database. */
export interface InvalidationBus {
  attach(sink: InvalidationSink): void;
  /**
   * Applies the invalidation here at once and tells every other process. Sent with `executor`, so when that is a
   * transaction the others learn of it when it commits.
   */
  publish(invalidation: Invalidation, executor: SqlExecutor): Promise<void>;
  start(): Promise<void>;
  /** Throws unless invalidations from other processes are being received. */
  check(): Promise<void>;
  close(): Promise<void>;
}

export function encodeInvalidation(invalidation: Invalidation): string {
  return JSON.stringify(invalidation);
}

/** The invalidation a notification carries, or undefined for anything else. */
export function decodeInvalidation(payload: string | undefined): Invalidation | undefined {
  if (!payload) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  if (message.kind === 'session' && typeof message.sessionId === 'string') return { kind: 'session', sessionId: message.sessionId };
  if (message.kind === 'user' && Number.isSafeInteger(message.userId)) return { kind: 'user', userId: message.userId as number };
  if (message.kind === 'memberships') return { kind: 'memberships' };
  return undefined;
}
