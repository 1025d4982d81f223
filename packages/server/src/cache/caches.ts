import type { Invalidation, InvalidationBus, InvalidationSink, SqlExecutor } from './invalidation-bus.ts';
import { MembershipCache } from './membership-cache.ts';
import { SessionCache } from './session-cache.ts';

/**
 * The per-process read caches and the bus that keeps them exact across processes. Repositories announce their changes
 * here; the bus applies them locally at once and in every other process as it hears of them.
 */
export class Caches<User extends { id: number }, Membership> implements InvalidationSink {
  readonly sessions = new SessionCache<User>();
  readonly memberships = new MembershipCache<Membership>();

  constructor(private readonly bus: InvalidationBus) {
    bus.attach(this);
  }

  sessionRevoked(sessionId: string, executor: SqlExecutor): Promise<void> {
    return this.bus.publish({ kind: 'session', sessionId }, executor);
  }

  /** The user's row or all of their sessions changed. */
  userChanged(userId: number, executor: SqlExecutor): Promise<void> {
    return this.bus.publish({ kind: 'user', userId }, executor);
  }

  membershipsChanged(executor: SqlExecutor): Promise<void> {
    return this.bus.publish({ kind: 'memberships' }, executor);
  }

  apply(invalidation: Invalidation): void {
    if (invalidation.kind === 'session') this.sessions.deleteSession(invalidation.sessionId);
    else if (invalidation.kind === 'user') this.sessions.deleteUser(invalidation.userId);
    else this.memberships.invalidate();
  }

  suspend(): void {
    this.sessions.suspend();
    this.memberships.suspend();
  }

  resume(): void {
    this.sessions.resume();
    this.memberships.resume();
  }

  start(): Promise<void> {
    return this.bus.start();
  }

  /** Throws unless changes made by other processes reach these caches. */
  check(): Promise<void> {
    return this.bus.check();
  }

  close(): Promise<void> {
    return this.bus.close();
  }
}
