import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SessionCache } from '../src/cache/session-cache.ts';
import type { UserRow } from '../src/db/repositories/users.ts';

const user = (id: number): UserRow => ({
  id, username: `u${id}`, email: `u${id}@example.com`, fullName: null, passwordHash: 'x', role: 'user', status: 'active',
  mustChangePassword: false, passwordExpiresAt: null, deletedAt: null, createdAt: new Date(0), updatedAt: new Date(0),
});

test('a read that raced an invalidation is not cached', () => {
  const cache = new SessionCache<UserRow>();
  const stamp = cache.readStamp();
  cache.deleteUser(1);
  cache.set('s1', user(1), new Date(Date.now() + 60_000), stamp);
  assert.equal(cache.get('s1', 1), undefined);
});

test('entries expire with the session or the TTL, and are dropped per session and per user', () => {
  const cache = new SessionCache<UserRow>(10, 1000);
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
  const cache = new SessionCache<UserRow>(2);
  for (const id of ['x', 'y', 'z']) cache.set(id, user(1), new Date(Date.now() + 60_000), cache.readStamp());
  assert.equal(cache.get('x', 1), undefined);
  assert.equal(cache.get('z', 1)?.id, 1);
});

test('a suspended cache serves and stores nothing; resuming starts empty and drops reads that spanned it', () => {
  const cache = new SessionCache<UserRow>();
  const expires = new Date(Date.now() + 60_000);
  cache.set('kept', user(1), expires, cache.readStamp());
  const spanning = cache.readStamp();
  cache.suspend();
  assert.equal(cache.get('kept', 1), undefined);
  cache.set('during', user(2), expires, cache.readStamp());
  assert.equal(cache.get('during', 2), undefined);
  cache.resume();
  assert.equal(cache.get('kept', 1), undefined, 'what was cached before is gone');
  cache.set('spanning', user(3), expires, spanning);
  assert.equal(cache.get('spanning', 3), undefined, 'a read that started before the loss is not stored');
  cache.set('after', user(4), expires, cache.readStamp());
  assert.equal(cache.get('after', 4)?.id, 4);
});
