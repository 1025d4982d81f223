import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, requireAdmin } from '../http/authentication.ts';
import { userSchema } from './auth.ts';
import { authenticated, errorResponses, idParam } from './schemas.ts';

const adminUserSchema = userSchema
  .extend({ status: z.enum(['active', 'suspended']), must_change_password: z.boolean() })
  .meta({ id: 'AdminUser' });

const userIdParam = idParam('user_id');

/** CodeRev `/api/admin/users`: administrators only. */
export const adminUserRoutes: FastifyPluginAsyncZod = async (app) => {
  const { userAdmin, userDeletion } = app.services;
  app.addHook('onRequest', requireAdmin);

  app.get('/api/admin/users', {
    schema: {
      tags: ['admin'],
      summary: 'List users, newest first',
      security: authenticated,
      querystring: z.strictObject({
        status: z.enum(['active', 'suspended']).optional(),
        role: z.enum(['admin', 'user']).optional(),
        search: z.string().trim().min(1).max(254).optional(),
        page: z.coerce.number().int().min(1).max(1_000_000).default(1),
        limit: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: {
        200: z.object({ users: z.array(adminUserSchema), total: z.number().int(), page: z.number().int(), limit: z.number().int() }),
        ...errorResponses(400, 401, 403),
      },
    },
  }, async (request) => {
    const { status, role, search, page, limit } = request.query;
    return userAdmin.list(principalOf(request), { status, role, search }, page, limit);
  });

  app.post('/api/admin/users/:user_id/suspend', {
    schema: {
      tags: ['admin'],
      summary: "Suspend a user: ends their sessions and deletes their API keys at once",
      security: authenticated,
      params: userIdParam,
      body: z.strictObject({ reason: z.string().trim().min(1).max(1000) }),
      response: { 200: adminUserSchema, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => userAdmin.suspend(principalOf(request), request.params.user_id, request.body.reason));

  app.delete('/api/admin/users/:user_id', {
    schema: {
      tags: ['admin'],
      summary: 'Request deletion of a user (multi-signature approval); once approved the account is anonymised',
      security: authenticated,
      params: userIdParam,
      body: z.strictObject({ reason: z.string().trim().min(1).max(1000) }),
      response: {
        202: z.object({ success: z.literal(true), status: z.literal('pending_approval'), request_id: z.string(), user_id: z.number().int() }),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  }, async (request, reply) => reply.code(202).send(await userDeletion.request(principalOf(request), request.params.user_id, request.body.reason)));

  app.post('/api/admin/users/:user_id/reactivate', {
    schema: {
      tags: ['admin'],
      summary: 'Reactivate a suspended user',
      security: authenticated,
      params: userIdParam,
      response: { 200: adminUserSchema, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => userAdmin.reactivate(principalOf(request), request.params.user_id));

  app.post('/api/admin/users/:user_id/reset-password', {
    schema: {
      tags: ['admin'],
      summary: 'Issue a temporary password (24 h) that must be changed at the next login',
      security: authenticated,
      params: userIdParam,
      response: { 200: z.object({ temporary_password: z.string(), expires_at: z.string() }), ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request) => userAdmin.resetPassword(principalOf(request), request.params.user_id));

  app.put('/api/admin/users/:user_id/role', {
    schema: {
      tags: ['admin'],
      summary: 'Grant or remove the administrator role',
      security: authenticated,
      params: userIdParam,
      body: z.strictObject({ role: z.enum(['admin', 'user']) }),
      response: { 200: adminUserSchema, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => userAdmin.setRole(principalOf(request), request.params.user_id, request.body.role));
};
