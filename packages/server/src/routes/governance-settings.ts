import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, requireAdmin } from '../http/authentication.ts';
import { authenticated, errorResponses } from './schemas.ts';

const settingSchema = z
  .object({ name: z.string(), description: z.string(), value: z.number(), default: z.number(), updated_at: z.string().nullable(), request_id: z.string().nullable() })
  .meta({ id: 'GovernanceSetting' });

/** `/api/admin/settings`: governance thresholds, changed only through approved `config_change` requests. */
export const governanceSettingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { governanceSettings } = app.services;
  app.addHook('onRequest', requireAdmin);

  app.get('/api/admin/settings', {
    schema: { tags: ['admin'], summary: 'Promotion and monitor thresholds in force', security: authenticated, response: { 200: z.object({ settings: z.array(settingSchema) }), ...errorResponses(401, 403) } },
  }, async (request) => ({ settings: await governanceSettings.list(principalOf(request)) }));

  app.post('/api/admin/settings/changes', {
    schema: {
      tags: ['admin'],
      summary: 'Request a setting change (config_change, multi-signature approval); applied when approved',
      security: authenticated,
      body: z.strictObject({ name: z.string().min(1).max(100), value: z.number(), reason: z.string().trim().min(1).max(2000) }),
      response: {
        202: z.object({ success: z.literal(true), status: z.literal('pending_approval'), request_id: z.string(), setting: z.string(), from: z.number(), to: z.number() }),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  }, async (request, reply) => reply.code(202).send(await governanceSettings.requestChange(principalOf(request), request.body.name, request.body.value, request.body.reason)));
};
