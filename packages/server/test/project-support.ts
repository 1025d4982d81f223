import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/client.ts';
import { type FormPart, multipartBody } from './multipart.ts';
import { queryRows, type TestUser } from './support.ts';

export async function createProject(app: FastifyInstance, user: TestUser, body: Record<string, unknown> = {}): Promise<{ id: number } & Record<string, unknown>> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/projects',
    headers: user.auth,
    payload: { name: 'Shop', requirements: 'A web shop with carts, orders and payments.', ...body },
  });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

export function sendMultipart(app: FastifyInstance, user: TestUser, method: 'POST' | 'PUT', url: string, parts: FormPart[]) {
  const { payload, headers } = multipartBody(parts);
  return app.inject({ method, url, headers: { ...user.auth, ...headers }, payload });
}

export function uploadFile(app: FastifyInstance, user: TestUser, projectId: number, filename: string, content: Buffer | string, fields: Record<string, string> = {}) {
  const parts: FormPart[] = [{ name: 'project_id', value: String(projectId) }, ...Object.entries(fields).map(([name, value]) => ({ name, value }))];
  return sendMultipart(app, user, 'POST', '/api/files', [...parts, { name: 'file', filename, content }]);
}

export function updateFile(app: FastifyInstance, user: TestUser, fileId: number, content: Buffer | string) {
  return sendMultipart(app, user, 'PUT', `/api/files/${fileId}`, [{ name: 'file', filename: 'ignored.txt', content }]);
}

const COUNTED_TABLES = ['projects', 'project_files', 'file_versions', 'file_blobs', 'agent_activities'] as const;

/** Row counts of every table this area writes, to prove a refused request wrote nothing. */
export async function tableCounts(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    const [row] = await queryRows<{ n: number }>(database, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
    counts[table] = row!.n;
  }
  const [updated] = await queryRows<{ latest: string | null }>(database, sql`SELECT max(updated_at)::text AS latest FROM projects`);
  counts.projects_latest_update = updated!.latest === null ? 0 : Date.parse(updated!.latest);
  return counts;
}
