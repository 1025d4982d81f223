interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * Database reads kept in this process for a while, bounded in size. Exact only while this process is the database's
 * sole writer (the embedded database): the repositories invalidate entries on every change, and a read that started
 * before an invalidation is never stored, so a stale row cannot land.
 */
export class ReadCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private invalidations = 0;

  constructor(
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 60_000,
  ) {}

  get(key: K, now = Date.now()): V | undefined {
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
    if (readStamp !== this.invalidations) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt: Math.min(now + this.ttlMs, notAfter) });
  }

  /** Forgets the entries `matches` picks (all of them without it). */
  invalidate(matches?: (key: K, value: V) => boolean): void {
    this.invalidations += 1;
    if (!matches) return this.entries.clear();
    for (const [key, entry] of this.entries) if (matches(key, entry.value)) this.entries.delete(key);
  }
}
