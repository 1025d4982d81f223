import { ReadCache } from './read-cache.ts';

/** Active sessions and their users, so authentication needs no query. Invalidated per session and per user. */
export class SessionCache<User extends { id: number }> {
  private readonly users: ReadCache<string, User>;

  constructor(maxEntries?: number, ttlMs?: number) {
    this.users = new ReadCache(maxEntries, ttlMs);
  }

  /** The session's user, when cached and the session is really that user's. */
  get(sessionId: string, userId: number, now = Date.now()): User | undefined {
    const user = this.users.get(sessionId, now);
    return user?.id === userId ? user : undefined;
  }

  readStamp(): number {
    return this.users.readStamp();
  }

  /** Kept no longer than the session itself. */
  set(sessionId: string, user: User, sessionExpiresAt: Date, readStamp: number, now = Date.now()): void {
    this.users.set(sessionId, user, readStamp, now, sessionExpiresAt.getTime());
  }

  deleteSession(sessionId: string): void {
    this.users.invalidate((id) => id === sessionId);
  }

  deleteUser(userId: number): void {
    this.users.invalidate((_sessionId, user) => user.id === userId);
  }

  suspend(): void {
    this.users.suspend();
  }

  resume(): void {
    this.users.resume();
  }

  get active(): boolean {
    return this.users.active;
  }
}
