import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, requireAdmin, requireAuth } from '../http/authentication.ts';
import { authenticated, errorResponses, isoTimestamp } from './schemas.ts';

const auditLogSchema = z
  .object({
    id: z.string(),
    entity: z.string(),
    action: z.string(),
    actor_id: z.number().int().nullable(),
    resource_id: z.string().nullable(),
    organization_id: z.number().int().nullable(),
    status: z.enum(['success', 'failure']),
    timestamp: z.string(),
    payload: z.record(z.string(), z.unknown()),
    ip_address: z.string().nullable(),
    user_agent: z.string().nullable(),
    prev_hash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditLog' });

const verificationSchema = z.object({
  valid: z.boolean(),
  verified_count: z.number().int(),
  tampered_count: z.number().int(),
  tampered_logs: z.array(z.string()),
  broken_chains: z.array(
    z.object({
      log_id: z.string(),
      previous_log_id: z.string().nullable(),
      expected_prev_hash: z.string(),
      actual_prev_hash: z.string(),
      missing_entries: z.number().int(),
    }),
  ),
  anchor: z
    .object({
      checkpoint: z.object({ seq: z.number().int(), hash: z.string(), at: z.string(), signature: z.string().meta({ description: 'Base64 Ed25519 over the canonical JSON of {at, hash, seq}' }) }),
      public_key: z.string().meta({ description: 'SPKI PEM of the checkpoint signing key' }),
      head_seq: z.number().int().meta({ description: "The chain's newest entry now" }),
      truncated: z.boolean().meta({ description: 'The checkpointed entry is gone: the newest entries were removed' }),
      rewritten: z.boolean().meta({ description: 'The checkpointed entry is there with another hash' }),
    })
    .nullable()
    .meta({ description: 'The chain against its newest signed checkpoint (kept outside the database); null before the first one' }),
  verification_time_ms: z.number().int(),
});

const resoftAuditLogSchema = z
  .object({
    id: z.number().int(),
    action: z.string(),
    resource_type: z.string(),
    resource_id: z.union([z.number().int(), z.string()]).nullable(),
    user_id: z.number().int().nullable(),
    organization_id: z.number().int().nullable(),
    description: z.string(),
    changes: z.record(z.string(), z.unknown()),
    ip_address: z.string().nullable(),
    user_agent: z.string().nullable(),
    timestamp: z.string(),
  })
  .meta({ id: 'ResoftAuditLog' });

const name = z.string().min(1).max(64);
const positiveInt = z.coerce.number().int().positive().max(2_147_483_647);

/** CodeRev `/api/admin/audit/*`: administrators only. */
export const adminAuditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { audit } = app.services;
  app.addHook('onRequest', requireAdmin);

  app.get('/api/admin/audit/logs', {
    schema: {
      tags: ['audit'],
      summary: 'Query the audit chain, newest first',
      security: authenticated,
      querystring: z.strictObject({
        entity: name.optional(),
        action: name.optional(),
        actor_id: positiveInt.optional(),
        from_ts: isoTimestamp.optional(),
        to_ts: isoTimestamp.optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        offset: z.coerce.number().int().min(0).max(100_000_000).default(0),
      }),
      response: { 200: z.object({ logs: z.array(auditLogSchema), total: z.number().int(), has_more: z.boolean() }), ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const q = request.query;
    return audit.list(principalOf(request), { entity: q.entity, action: q.action, actorId: q.actor_id, from: q.from_ts, to: q.to_ts }, q.limit, q.offset);
  });

  app.post('/api/admin/audit/verify', {
    schema: {
      tags: ['audit'],
      summary: 'Recompute the whole (HMAC-keyed) chain and report tampered entries and broken links in the range, and a truncation since the last signed checkpoint',
      security: authenticated,
      body: z.strictObject({ from_ts: isoTimestamp.optional(), to_ts: isoTimestamp.optional(), entity: name.optional() }).nullish(),
      response: { 200: verificationSchema, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    const body = request.body ?? {};
    return audit.verify(principalOf(request), { from: body.from_ts, to: body.to_ts, entity: body.entity });
  });

  app.get('/api/admin/audit/export', {
    schema: {
      tags: ['audit'],
      summary: 'Stream the chain (with hashes) as a JSON array or CSV',
      security: authenticated,
      querystring: z.strictObject({ format: z.enum(['json', 'csv']).default('json'), from_ts: isoTimestamp.optional(), to_ts: isoTimestamp.optional() }),
      response: { 200: z.unknown().describe('A JSON array of AuditLog, or CSV with the same columns'), ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const file = await audit.export(principalOf(request), q.format, { from: q.from_ts, to: q.to_ts });
    // The stream bypasses the response serializer.
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
  });

  app.post('/api/admin/audit/exports', {
    schema: {
      tags: ['audit'],
      summary: 'Request an export of the chain under multi-signature approval (data_export)',
      security: authenticated,
      body: z.strictObject({ format: z.enum(['json', 'csv']).default('json'), from_ts: isoTimestamp.optional(), to_ts: isoTimestamp.optional(), reason: z.string().trim().min(1).max(2000) }),
      response: { 202: z.object({ success: z.literal(true), status: z.literal('pending_approval'), request_id: z.string() }), ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => {
    const b = request.body;
    return reply.code(202).send(await audit.requestExport(principalOf(request), b.format, { from: b.from_ts, to: b.to_ts }, b.reason));
  });

  app.get('/api/admin/audit/exports/:request_id', {
    schema: {
      tags: ['audit'],
      summary: 'Download an approved export (its requester only), up to the chain head pinned at approval',
      security: authenticated,
      params: z.strictObject({ request_id: z.string().min(1).max(100) }),
      response: { 200: z.unknown().describe('A JSON array of AuditLog, or CSV with the same columns'), ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const file = await audit.downloadApproved(principalOf(request), request.params.request_id);
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
  });
};

/** ResoftAI `/api/audit-logs`: the organisation view of the same chain. */
export const auditLogRoutes: FastifyPluginAsyncZod = async (app) => {
  const { audit } = app.services;

  app.get('/api/audit-logs', {
    onRequest: requireAuth,
    schema: {
      tags: ['audit'],
      summary: 'Audit log entries (administrators: all; other users: their own)',
      security: authenticated,
      querystring: z.strictObject({
        organization_id: positiveInt.optional(),
        action: z.enum(['CREATE', 'READ', 'UPDATE', 'DELETE', 'LOGIN', 'LOGOUT']).optional(),
        resource_type: name.optional(),
        user_id: positiveInt.optional(),
        days: z.coerce.number().int().min(1).max(3650).optional(),
        skip: z.coerce.number().int().min(0).max(100_000_000).default(0),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      response: { 200: z.array(resoftAuditLogSchema), ...errorResponses(401, 403, 422) },
    },
  }, async (request) => {
    const q = request.query;
    return audit.listForResoft(
      principalOf(request),
      { organizationId: q.organization_id, action: q.action, resourceType: q.resource_type, userId: q.user_id, days: q.days },
      q.limit,
      q.skip,
    );
  });
};
