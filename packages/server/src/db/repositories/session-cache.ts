import type { UserRow } from './users.ts';

interface Entry {
  user: UserRow;
  expiresAt: number;
}

/**
 * Active sessions and their users, kept in this process so authentication needs no query.
 * Exact only while this process is the database's sole writer (the embedded database); the
 * repositories invalidate it on every revocation and user change.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private invalidations = 0;

  constructor(
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 60_000,
  ) {}

  get(sessionId: string, userId: number, now = Date.now()): UserRow | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (entry.expiresAt <= now || entry.user.id !== userId) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry.user;
  }

  /** Marks the start of a database read whose result may later be cached. */
  readStamp(): number {
    return this.invalidations;
  }

  /** Caches a read unless anything was invalidated since it started, so a stale row never lands. */
  set(sessionId: string, user: UserRow, sessionExpiresAt: Date, readStamp: number, now = Date.now()): void {
    if (readStamp !== this.invalidations) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(sessionId, { user, expiresAt: Math.min(now + this.ttlMs, sessionExpiresAt.getTime()) });
  }

  deleteSession(sessionId: string): void {
    this.invalidations += 1;
    this.entries.delete(sessionId);
  }

  deleteUser(userId: number): void {
    this.invalidations += 1;
    for (const [sessionId, entry] of this.entries) if (entry.user.id === userId) this.entries.delete(sessionId);
  }
}
