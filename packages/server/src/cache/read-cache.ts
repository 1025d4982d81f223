interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * Database reads kept in this process for a while, bounded in size. Exact because every change invalidates the entries
 * it touches in every process (see `InvalidationBus`), and a read that started before an invalidation — local or from
 * another process — is never stored, so a stale row cannot land. While invalidations may be missed (a lost LISTEN
 * connection) the cache is suspended: it serves and stores nothing.
 */
export class ReadCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private invalidations = 0;
  private suspended = false;

  constructor(
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 60_000,
  ) {}

  get(key: K, now = Date.now()): V | undefined {
    if (this.suspended) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Marks the start of a database read whose result may later be cached. */
  readStamp(): number {
    return this.invalidations;
  }

  /** Caches a read unless anything was invalidated since it started; kept for the TTL, or until `notAfter` if sooner. */
  set(key: K, value: V, readStamp: number, now = Date.now(), notAfter = Infinity): void {
    if (this.suspended || readStamp !== this.invalidations) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt: Math.min(now + this.ttlMs, notAfter) });
  }

  /** Forgets the entries `matches` picks (all of them without it). */
  invalidate(matches?: (key: K, value: V) => boolean): void {
    this.invalidations += 1;
    if (!matches) return this.entries.clear();
    for (const [key, entry] of this.entries) if (matches(key, entry.value)) this.entries.delete(key);
  }

  /** Forgets everything and caches nothing until `resume`. */
  suspend(): void {
    this.suspended = true;
    this.invalidate();
  }

  /** Caches again, from empty: reads that started before are not stored. */
  resume(): void {
    this.invalidate();
    this.suspended = false;
  }

  get active(): boolean {
    return !this.suspended;
  }
}
