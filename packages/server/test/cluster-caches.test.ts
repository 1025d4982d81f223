import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { UserRepository } from '../src/db/repositories/users.ts';
import { type Cluster, pollUntil, sessionIdOf, startCluster, terminateListeners } from './cluster-support.ts';
import { addMember, api, createOrganization, createTeam } from './org-support.ts';
import { createUser, type TestUser, testConfig } from './support.ts';

// The bound for a revocation on one process to take effect on every other one.
const REVOCATION_MS = 100;
// For changes without a stated bound: generous, as CI machines are loaded.
const PROPAGATION_MS = 5000;

const skip = process.env.TEST_DATABASE !== 'postgres' ? 'two processes share only a PostgreSQL database' : false;

const me = async (cluster: Cluster, on: 'a' | 'b', user: TestUser): Promise<number> =>
  (await cluster[on].inject({ method: 'GET', url: '/api/auth/me', headers: user.auth })).statusCode;

describe('caches of two API instances on one PostgreSQL', { skip }, () => {
  let cluster: Cluster;
  let admin: TestUser;
  before(async () => {
    cluster = await startCluster();
    admin = await createUser(cluster.a, 'cluster_admin');
  });
  after(() => cluster?.close());

  test('sessions are cached on PostgreSQL; a logout on A is refused on B within 100 ms', async () => {
    const user = await createUser(cluster.a, 'cluster_logout');
    const sid = sessionIdOf(user.accessToken);
    assert.equal(await me(cluster, 'b', user), 200);
    assert.equal(cluster.b.services.caches.sessions.get(sid, user.id)?.id, user.id, 'B serves the session from its cache');
    const logout = await cluster.a.inject({ method: 'POST', url: '/api/auth/logout', headers: user.auth });
    assert.ok(logout.statusCode < 300, logout.body);
    assert.equal(await me(cluster, 'a', user), 401);
    await pollUntil(async () => (await me(cluster, 'b', user)) === 401, REVOCATION_MS, 'the logged-out token refused on B');
  });

  test('a membership change on A is seen on B', async () => {
    const member = await createUser(cluster.a, 'cluster_member');
    assert.equal(await cluster.b.services.organizations.membershipOf(member.id), undefined);
    assert.equal(cluster.b.services.caches.memberships.get(member.id), null, 'B caches "no membership"');
    const organizationId = await createOrganization(cluster.a, admin, 'cluster-org');
    const teamId = await createTeam(cluster.a, admin, organizationId);
    await addMember(cluster.a, admin, teamId, member, 'member');
    await pollUntil(async () => (await cluster.b.services.organizations.membershipOf(member.id))?.organizationId === organizationId, PROPAGATION_MS, 'the new membership on B');
    const promoted = await api(cluster.a, admin, 'PUT', `/api/teams/${teamId}/members/${member.id}/role`, { role: 'admin' });
    assert.equal(promoted.status, 200, JSON.stringify(promoted.body));
    await pollUntil(async () => (await cluster.b.services.organizations.membershipOf(member.id))?.role === 'admin', PROPAGATION_MS, 'the new role on B');
  });

  test('a user suspended on A is refused on B', async () => {
    const user = await createUser(cluster.a, 'cluster_suspended');
    assert.equal(await me(cluster, 'b', user), 200);
    const suspended = await api(cluster.a, admin, 'POST', `/api/admin/users/${user.id}/suspend`, { reason: 'cluster test' });
    assert.equal(suspended.status, 200, JSON.stringify(suspended.body));
    await pollUntil(async () => (await me(cluster, 'b', user)) !== 200, REVOCATION_MS, 'the suspended user refused on B');
  });

  test('a change of the user row alone (sessions kept) reaches B too', async () => {
    const user = await createUser(cluster.a, 'cluster_status');
    assert.equal(await me(cluster, 'b', user), 200);
    await new UserRepository(cluster.database.db, cluster.a.services.caches).update(user.id, { status: 'suspended' });
    await pollUntil(async () => (await me(cluster, 'b', user)) === 403, REVOCATION_MS, 'the suspended status seen on B');
  });

  test('a lost listener empties the caches, which cache again once it is back, and invalidations flow again', async () => {
    const user = await createUser(cluster.a, 'cluster_listener');
    const sid = sessionIdOf(user.accessToken);
    assert.equal(await me(cluster, 'b', user), 200);
    assert.ok(cluster.b.services.caches.sessions.get(sid, user.id));
    assert.equal(await terminateListeners(cluster.database), 2);
    await pollUntil(() => cluster.b.services.caches.sessions.get(sid, user.id) === undefined, PROPAGATION_MS, 'B forgets its cached sessions');
    await pollUntil(async () => (await cluster.b.inject({ method: 'GET', url: '/api/ready' })).statusCode === 200, PROPAGATION_MS, 'B ready again');
    assert.equal(cluster.b.services.caches.sessions.get(sid, user.id), undefined, 'nothing from before the loss comes back');
    assert.equal(await me(cluster, 'b', user), 200);
    assert.ok(cluster.b.services.caches.sessions.get(sid, user.id), 'B caches again');
    const logout = await cluster.a.inject({ method: 'POST', url: '/api/auth/logout', headers: user.auth });
    assert.ok(logout.statusCode < 300, logout.body);
    await pollUntil(async () => (await me(cluster, 'b', user)) === 401, REVOCATION_MS, 'the logged-out token refused on B after the reconnection');
  });
});

describe('rate limits across two API instances on one PostgreSQL', { skip }, () => {
  const LIMIT = 4;
  let cluster: Cluster;
  before(async () => {
    const defaults = testConfig().rateLimit;
    cluster = await startCluster({ rateLimit: { ...defaults, enabled: true, perMinuteByTier: { ...defaults.perMinuteByTier, free: LIMIT } } });
  });
  after(() => cluster?.close());

  test('N requests split over both instances use up a limit of N per minute; the next one is refused on either', async () => {
    const user = await createUser(cluster.a, 'cluster_limited');
    const statuses = [];
    for (let i = 0; i < LIMIT; i++) statuses.push(await me(cluster, i % 2 === 0 ? 'a' : 'b', user));
    assert.deepEqual(statuses, Array(LIMIT).fill(200));
    const onA = await cluster.a.inject({ method: 'GET', url: '/api/auth/me', headers: user.auth });
    const onB = await cluster.b.inject({ method: 'GET', url: '/api/auth/me', headers: user.auth });
    assert.deepEqual([onA.statusCode, onB.statusCode], [429, 429]);
    assert.equal(onB.json().error.code, 'RATE_LIMITED');
    assert.equal(onB.headers['x-ratelimit-remaining'], '0');
    const other = await createUser(cluster.b, 'cluster_unlimited');
    assert.equal(await me(cluster, 'a', other), 200, 'counters are per caller');
  });
});
