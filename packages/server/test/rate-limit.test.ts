import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.ts';
import { RateLimitCounterRepository } from '../src/db/repositories/rate-limits.ts';
import { classifyRoute, MemoryRateLimitStore, RateLimiter, ReservingRateLimitStore } from '../src/http/rate-limit.ts';
import { createTestApp, createUser, openTestDatabase, queryRows, testConfig, type TestApp } from './support.ts';

describe('RateLimiter', () => {
  const config = { ...testConfig().rateLimit, enabled: true, perMinuteByTier: { free: 5, starter: 50, professional: 50, enterprise: 100 }, generalPerHour: 3 };

  test('reports the tighter of the tier and class limits, and resets with the window', async () => {
    const limiter = new RateLimiter(config, new MemoryRateLimitStore());
    const now = 1_000_000;
    const first = await limiter.check({ path: '/api/projects', ip: '1.1.1.1', userId: 7, tier: 'free' }, now);
    assert.deepEqual([first.limit, first.remaining, first.exceeded], [3, 2, false]);
    await limiter.check({ path: '/api/projects', ip: '1.1.1.1', userId: 7, tier: 'free' }, now);
    await limiter.check({ path: '/api/projects', ip: '1.1.1.1', userId: 7, tier: 'free' }, now);
    const fourth = await limiter.check({ path: '/api/projects', ip: '1.1.1.1', userId: 7, tier: 'free' }, now);
    assert.equal(fourth.exceeded, true);
    const otherUser = await limiter.check({ path: '/api/projects', ip: '1.1.1.1', userId: 8, tier: 'free' }, now);
    assert.equal(otherUser.exceeded, false);
    const nextHour = await limiter.check({ path: '/api/projects', ip: '1.1.1.1', userId: 7, tier: 'free' }, now + 3_600_001);
    assert.equal(nextHour.exceeded, false);
  });

  test('the tier decides the per-minute limit', async () => {
    const limiter = new RateLimiter({ ...config, generalPerHour: 1000 }, new MemoryRateLimitStore());
    const free = await limiter.check({ path: '/api/projects', ip: 'a', userId: 1, tier: 'free' });
    const enterprise = await limiter.check({ path: '/api/projects', ip: 'a', userId: 2, tier: 'enterprise' });
    assert.equal(free.limit, 5);
    assert.equal(enterprise.limit, 100);
  });

  test('routes are classified as the documents say', () => {
    assert.equal(classifyRoute('/api/auth/login'), 'auth');
    assert.equal(classifyRoute('/api/auth/me'), 'general');
    assert.equal(classifyRoute('/api/analyze/code'), 'analysis');
    assert.equal(classifyRoute('/api/code-analysis/project/3'), 'analysis');
    assert.equal(classifyRoute('/api/admin/users'), 'admin');
    assert.equal(classifyRoute('/api/projects'), 'general');
  });
});

describe('counters reserved in blocks by two processes sharing the database', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database?.close());

  /** Alternates `hits` requests over two stores on one table; how many were admitted, and the shared counter after. */
  async function alternate(key: string, limit: number, hits: number): Promise<{ admitted: number; shared: number }> {
    const stores = [new ReservingRateLimitStore(new RateLimitCounterRepository(database.db)), new ReservingRateLimitStore(new RateLimitCounterRepository(database.db))];
    const now = Date.now();
    let admitted = 0;
    for (let i = 0; i < hits; i += 1) {
      // Two requests at once on one store share its reservation.
      const counters = await Promise.all([stores[i % 2]!.hit([{ key, windowMs: 60_000, limit }], now), stores[i % 2]!.hit([{ key, windowMs: 60_000, limit }], now)]);
      admitted += counters.filter(([counter]) => counter!.count <= limit).length;
    }
    const [row] = await queryRows<{ count: number }>(database, sql`SELECT count FROM rate_limit_counters WHERE key = ${key}`);
    return { admitted, shared: row!.count };
  }

  test('a small limit is exact across both; past it, requests are refused without reserving more', async () => {
    // 40 requests: one position reserved for each of the 12 admitted, then one past the limit per store.
    assert.deepEqual(await alternate('small', 12, 20), { admitted: 12, shared: 14 });
  });

  test('a large limit holds across both, reserved 10 positions at a time', async () => {
    const { admitted, shared } = await alternate('large', 500, 400);
    // At most one unused block per store short of the limit.
    assert.ok(admitted <= 500 && admitted >= 480, `${admitted} admitted`);
    // 800 requests reserved no more than the limit and one block past it per store (52 updates, not 800).
    assert.ok(shared > 500 && shared <= 520, `shared counter ${shared}`);
  });
});

describe('rate limiting over HTTP', () => {
  let t: TestApp;
  before(async () => {
    const defaults = testConfig().rateLimit;
    t = await createTestApp({ rateLimit: { ...defaults, enabled: true, authPerMinute: 3, perMinuteByTier: { ...defaults.perMinuteByTier, free: 4 } } });
  });
  after(() => t.close());

  test('every API response carries X-RateLimit headers; the 4th auth call from one IP gets 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'Whatever1!' } });
      statuses.push(last.statusCode);
      assert.ok(last.headers['x-ratelimit-limit'] && last.headers['x-ratelimit-remaining'] && last.headers['x-ratelimit-reset']);
    }
    assert.deepEqual(statuses, [401, 401, 401, 429]);
    assert.equal(last!.headers['x-ratelimit-limit'], '3');
    assert.equal(last!.headers['x-ratelimit-remaining'], '0');
    const retryAfter = Number(last!.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60);
    const body = last!.json();
    assert.equal(body.status_code, 429);
    assert.equal(body.error.code, 'RATE_LIMITED');
    assert.match(body.detail, /^Rate limit exceeded\. Try again in \d+ seconds\.$/);
  });

  test('an authenticated caller is limited per user by tier', async () => {
    const defaults = testConfig().rateLimit;
    const fresh = await createTestApp({ rateLimit: { ...defaults, enabled: true, perMinuteByTier: { ...defaults.perMinuteByTier, free: 3 } } });
    try {
      const user = await createUser(fresh.app, 'limited_user');
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fresh.app.inject({ method: 'GET', url: '/api/auth/me', headers: user.auth })).statusCode);
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      const health = await fresh.app.inject({ method: 'GET', url: '/api/health' });
      assert.equal(health.statusCode, 200);
    } finally {
      await fresh.close();
    }
  });
});
