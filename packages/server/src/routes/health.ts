import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from './schemas.ts';

export interface HealthDeps {
  version: string;
  database: 'embedded' | 'postgres';
  ping: () => Promise<void>;
}

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.enum(['embedded', 'postgres']),
  uptime_seconds: z.number().int(),
});

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
  };
}
