import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SessionCache } from '../src/db/repositories/session-cache.ts';
import type { UserRow } from '../src/db/repositories/users.ts';

const user = (id: number): UserRow => ({
  id, username: `u${id}`, email: `u${id}@example.com`, fullName: null, passwordHash: 'x', role: 'user', status: 'active',
  mustChangePassword: false, passwordExpiresAt: null, deletedAt: null, createdAt: new Date(0), updatedAt: new Date(0),
});

test('a read that raced an invalidation is not cached', () => {
  const cache = new SessionCache();
  const stamp = cache.readStamp();
  cache.deleteUser(1);
  cache.set('s1', user(1), new Date(Date.now() + 60_000), stamp);
  assert.equal(cache.get('s1', 1), undefined);
});

test('entries expire with the session or the TTL, and are dropped per session and per user', () => {
  const cache = new SessionCache(10, 1000);
  const now = 1_000_000;
  cache.set('a', user(1), new Date(now + 500), cache.readStamp(), now);
  cache.set('b', user(1), new Date(now + 60_000), cache.readStamp(), now);
  cache.set('c', user(2), new Date(now + 60_000), cache.readStamp(), now);
  assert.equal(cache.get('a', 1, now + 400)?.id, 1);
  assert.equal(cache.get('a', 1, now + 600), undefined);
  assert.equal(cache.get('b', 1, now + 1001), undefined);
  assert.equal(cache.get('c', 1, now), undefined, 'a session is only valid for its own user');
  cache.set('c', user(2), new Date(now + 60_000), cache.readStamp(), now);
  cache.deleteUser(2);
  assert.equal(cache.get('c', 2, now), undefined);
});

test('the cache is bounded', () => {
  const cache = new SessionCache(2);
  for (const id of ['x', 'y', 'z']) cache.set(id, user(1), new Date(Date.now() + 60_000), cache.readStamp());
  assert.equal(cache.get('x', 1), undefined);
  assert.equal(cache.get('z', 1)?.id, 1);
});
