import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MembershipCache } from '../src/cache/membership-cache.ts';
import type { Membership } from '../src/db/repositories/organizations.ts';

const member: Membership = { organizationId: 7, tier: 'starter', isActive: true, role: 'member' };

test('a read that raced a change is not cached', () => {
  const cache = new MembershipCache<Membership>();
  const stamp = cache.readStamp();
  cache.invalidate();
  cache.set(1, member, stamp);
  assert.equal(cache.get(1), undefined);
});

test('"no membership" is cached too, entries expire, and a change forgets them all', () => {
  const cache = new MembershipCache<Membership>(10, 1000);
  const now = 1_000_000;
  cache.set(1, member, cache.readStamp(), now);
  cache.set(2, null, cache.readStamp(), now);
  assert.deepEqual(cache.get(1, now + 999), member);
  assert.equal(cache.get(2, now + 999), null);
  assert.equal(cache.get(1, now + 1000), undefined);
  cache.set(1, member, cache.readStamp(), now);
  cache.invalidate();
  assert.equal(cache.get(1, now), undefined);
  assert.equal(cache.get(2, now), undefined);
});

test('the cache is bounded', () => {
  const cache = new MembershipCache<Membership>(2);
  for (const userId of [1, 2, 3]) cache.set(userId, member, cache.readStamp());
  assert.equal(cache.get(1), undefined);
  assert.deepEqual(cache.get(3), member);
});
