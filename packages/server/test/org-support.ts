import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/client.ts';
import type { QuotaAlertSink, QuotaThresholdEvent } from '../src/services/quotas.ts';
import { queryRows, type TestUser } from './support.ts';

/** Calls the API as a user with an optional JSON body; answers status and parsed body. */
export async function api(app: FastifyInstance, user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) {
  const response = await app.inject({ method, url, headers: user.auth, ...(payload === undefined ? {} : { payload }) });
  const json = String(response.headers['content-type'] ?? '').startsWith('application/json');
  return { status: response.statusCode, body: json ? response.json() : response.rawPayload, headers: response.headers };
}

export async function createOrganization(app: FastifyInstance, admin: TestUser, slug: string, tier = 'professional'): Promise<number> {
  const response = await api(app, admin, 'POST', '/api/organizations', { name: `Org ${slug}`, slug, tier });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.id;
}

export async function createTeam(app: FastifyInstance, caller: TestUser, organizationId: number, name = 'dev'): Promise<number> {
  const response = await api(app, caller, 'POST', '/api/teams', { organization_id: organizationId, name });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.id;
}

export async function addMember(app: FastifyInstance, caller: TestUser, teamId: number, user: TestUser, role: string): Promise<void> {
  const response = await api(app, caller, 'POST', `/api/teams/${teamId}/members`, { user_id: user.id, role });
  assert.equal(response.status, 201, JSON.stringify(response.body));
}

const COUNTED_TABLES = ['organizations', 'teams', 'team_members', 'quotas', 'audit_logs', 'projects'] as const;

/** Row counts of the tables this area writes, to prove a refused request wrote nothing. */
export async function organizationCounts(database: Database): Promise<Record<string, number | string>> {
  const counts: Record<string, number | string> = {};
  for (const table of COUNTED_TABLES) {
    const [row] = await queryRows<{ n: number }>(database, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
    counts[table] = row!.n;
  }
  const [latest] = await queryRows<{ orgs: string | null; members: string | null; quotas: string | null }>(database, sql`
    SELECT (SELECT max(updated_at)::text FROM organizations) AS orgs, (SELECT max(updated_at)::text FROM team_members) AS members,
           (SELECT max(updated_at)::text FROM quotas) AS quotas`);
  counts.latest = JSON.stringify(latest);
  return counts;
}

/** A sink that keeps every threshold event it is given. */
export class RecordingAlertSink implements QuotaAlertSink {
  readonly events: QuotaThresholdEvent[] = [];
  /** Refuse the next event, as an alert service that is down would. */
  failNext = false;

  async thresholdCrossed(event: QuotaThresholdEvent): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('alert service unavailable');
    }
    this.events.push(event);
  }

  of(resource: QuotaThresholdEvent['resourceType']): number[] {
    return this.events.filter((event) => event.resourceType === resource).map((event) => event.threshold);
  }
}
