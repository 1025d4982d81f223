import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, requireAuth } from '../http/authentication.ts';
import { authenticated, errorResponses, idParam, idQuery, pagingQuery, totalCountHeader } from './schemas.ts';

const activitySchema = z
  .object({
    id: z.number().int(),
    project_id: z.number().int(),
    agent_name: z.string(),
    stage: z.string(),
    status: z.string(),
    input_data: z.record(z.string(), z.unknown()),
    output_data: z.record(z.string(), z.unknown()),
    execution_time_seconds: z.number().nullable(),
    tokens_used: z.number().int(),
    error_message: z.string().nullable(),
    started_at: z.string(),
    completed_at: z.string().nullable(),
  })
  .meta({ id: 'AgentActivity' });

export const agentActivityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { agentActivities } = app.services;

  app.get('/api/agent-activities', {
    onRequest: requireAuth,
    schema: {
      tags: ['agent-activities'],
      summary: "A project's agent runs, most recent first (total in X-Total-Count)",
      security: authenticated,
      querystring: z.strictObject({ project_id: idQuery, agent_name: z.string().min(1).max(100).optional(), ...pagingQuery }),
      response: { 200: z.array(activitySchema), ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    const { project_id, agent_name, skip, limit } = request.query;
    const { items, total } = await agentActivities.list(principalOf(request), project_id, { agentName: agent_name }, { skip, limit });
    return reply.header(totalCountHeader, String(total)).send(items);
  });

  app.get('/api/agent-activities/:activity_id', {
    onRequest: requireAuth,
    schema: {
      tags: ['agent-activities'],
      summary: 'One agent run with its input, output and error',
      security: authenticated,
      params: idParam('activity_id'),
      response: { 200: activitySchema, ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request) => agentActivities.get(principalOf(request), request.params.activity_id));
};
