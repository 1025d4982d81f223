import { ReadCache } from './read-cache.ts';
import type { UserRow } from './users.ts';

/**
 * Active sessions and their users, so authentication needs no query on the embedded database. The repositories
 * invalidate it on every revocation and user change.
 */
export class SessionCache {
  private readonly users: ReadCache<string, UserRow>;

  constructor(maxEntries?: number, ttlMs?: number) {
    this.users = new ReadCache(maxEntries, ttlMs);
  }

  /** The session's user, when cached and the session is really that user's. */
  get(sessionId: string, userId: number, now = Date.now()): UserRow | undefined {
    const user = this.users.get(sessionId, now);
    return user?.id === userId ? user : undefined;
  }

  readStamp(): number {
    return this.users.readStamp();
  }

  /** Kept no longer than the session itself. */
  set(sessionId: string, user: UserRow, sessionExpiresAt: Date, readStamp: number, now = Date.now()): void {
    this.users.set(sessionId, user, readStamp, now, sessionExpiresAt.getTime());
  }

  deleteSession(sessionId: string): void {
    this.users.invalidate((id) => id === sessionId);
  }

  deleteUser(userId: number): void {
    this.users.invalidate((_sessionId, user) => user.id === userId);
  }
}
