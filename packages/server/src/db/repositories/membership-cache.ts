import type { Membership } from './organizations.ts';

interface Entry {
  membership: Membership | null;
  expiresAt: number;
}

/**
 * Users' organisation memberships, kept in this process so the per-request rate-limit and quota checks need no query.
 * Exact only while this process is the database's sole writer (the embedded database); the repositories clear it on
 * every change of a membership or an organisation.
 */
export class MembershipCache {
  private readonly entries = new Map<number, Entry>();
  private invalidations = 0;

  constructor(
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 60_000,
  ) {}

  /** The cached membership (null: none), or undefined when it must be read. */
  get(userId: number, now = Date.now()): Membership | null | undefined {
    const entry = this.entries.get(userId);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(userId);
      return undefined;
    }
    return entry.membership;
  }

  /** Marks the start of a database read whose result may later be cached. */
  readStamp(): number {
    return this.invalidations;
  }

  /** Caches a read unless anything was invalidated since it started, so a stale membership never lands. */
  set(userId: number, membership: Membership | null, readStamp: number, now = Date.now()): void {
    if (readStamp !== this.invalidations) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(userId, { membership, expiresAt: now + this.ttlMs });
  }

  /** Forgets everything: an organisation's tier or state changes the membership of all its members. */
  clear(): void {
    this.invalidations += 1;
    this.entries.clear();
  }
}
