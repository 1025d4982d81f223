import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { errorResponses } from './schemas.ts';

export interface HealthDeps {
  version: string;
  database: 'embedded' | 'postgres';
  ping: () => Promise<void>;
  /** What `/api/ready` checks besides the database; each throws when failing. */
  readinessChecks: { cache_invalidation?: () => Promise<void> };
}

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.enum(['embedded', 'postgres']),
  uptime_seconds: z.number().int(),
});

const readySchema = z.object({
  status: z.literal('ready'),
  checks: z.object({
    database: z.literal('ok').describe('The database answers `SELECT 1`'),
    cache_invalidation: z.literal('ok').optional()
      .describe('PostgreSQL only: the LISTEN connection that keeps this process\'s caches exact with the other processes is up'),
    job_queue: z.literal('ok').optional().describe('PostgreSQL only: the workflow job queue (pg-boss) answers'),
  }),
});

// A check that has not answered by then counts as failed, so a load balancer's probe gets an answer.
const CHECK_TIMEOUT_MS = 5000;

async function passes(check: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(deps: HealthDeps): FastifyPluginAsyncZod {
  const startedAt = Date.now();
  return async (app) => {
    app.get('/api/health', {
      schema: { tags: ['health'], summary: 'Liveness and database reachability', response: { 200: healthSchema, 503: healthSchema, ...errorResponses() } },
    }, async (_request, reply) => {
      const reachable = await deps.ping().then(() => true, () => false);
      return reply.code(reachable ? 200 : 503).send({
        status: reachable ? 'ok' : 'degraded',
        version: deps.version,
        database: deps.database,
        uptime_seconds: Math.floor((Date.now() - startedAt) / 1000),
      });
    });

    app.get('/api/ready', {
      schema: {
        tags: ['health'],
        summary: 'Readiness for a load balancer',
        description: 'Ready (200) when the database answers and, on PostgreSQL, the cache invalidation listener is connected; '
          + 'otherwise 503 in the error envelope, naming the failing checks. Each check is given 5 seconds. '
          + '`/api/health` stays the liveness probe.',
        response: { 200: readySchema, ...errorResponses(503) },
      },
    }, async () => {
      const checks = { database: deps.ping, ...deps.readinessChecks };
      const results = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await passes(check)] as const));
      const failing = results.filter(([, ok]) => !ok).map(([name]) => name);
      if (failing.length > 0) throw new AppError(503, `Not ready: ${failing.join(', ')} failing`);
      return { status: 'ready' as const, checks: Object.fromEntries(results.map(([name]) => [name, 'ok' as const])) as z.infer<typeof readySchema>['checks'] };
    });
  };
}
