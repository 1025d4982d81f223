import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Caches } from '../src/cache/caches.ts';
import { InProcessInvalidationBus } from '../src/cache/in-process-bus.ts';
import { decodeInvalidation, encodeInvalidation, type Invalidation } from '../src/cache/invalidation-bus.ts';

const noExecutor = { execute: () => Promise.reject(new Error('the in-process bus sends nothing')) };

test('invalidations survive the notification payload; anything else is ignored', () => {
  const invalidations: Invalidation[] = [{ kind: 'session', sessionId: 's-1' }, { kind: 'user', userId: 42 }, { kind: 'memberships' }];
  for (const invalidation of invalidations) assert.deepEqual(decodeInvalidation(encodeInvalidation(invalidation)), invalidation);
  for (const payload of [undefined, '', 'not json', 'null', '{"kind":"user","userId":"42"}', '{"kind":"session"}', '{"kind":"other"}']) {
    assert.equal(decodeInvalidation(payload), undefined, String(payload));
  }
});

test('on the in-process bus a change invalidates at once', async () => {
  const caches = new Caches<{ id: number }, string>(new InProcessInvalidationBus());
  const expires = new Date(Date.now() + 60_000);
  caches.sessions.set('s1', { id: 1 }, expires, caches.sessions.readStamp());
  caches.sessions.set('s2', { id: 1 }, expires, caches.sessions.readStamp());
  caches.sessions.set('s3', { id: 2 }, expires, caches.sessions.readStamp());
  caches.memberships.set(1, 'member', caches.memberships.readStamp());
  await caches.sessionRevoked('s1', noExecutor);
  assert.deepEqual([caches.sessions.get('s1', 1), caches.sessions.get('s2', 1)?.id], [undefined, 1]);
  await caches.userChanged(1, noExecutor);
  assert.deepEqual([caches.sessions.get('s2', 1), caches.sessions.get('s3', 2)?.id], [undefined, 2]);
  await caches.membershipsChanged(noExecutor);
  assert.equal(caches.memberships.get(1), undefined);
  await caches.check();
});
