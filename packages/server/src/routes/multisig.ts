import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, requireAdmin } from '../http/authentication.ts';
import { OPERATION_TYPES } from '../services/multisig.ts';
import { authenticated, errorResponses } from './schemas.ts';

const signingKeySchema = z
  .object({ key_id: z.string(), user_id: z.number().int(), algorithm: z.enum(['ed25519', 'ecdsa-p256']), public_key: z.string(), fingerprint: z.string(), created_at: z.string() })
  .meta({ id: 'SigningKey' });

const policySchema = z
  .object({
    operation_type: z.enum(OPERATION_TYPES),
    required_signatures: z.number().int(),
    allowed_roles: z.array(z.enum(['admin', 'user'])),
    expiry_hours: z.number().int(),
    requester_may_sign: z.literal(false),
  })
  .meta({ id: 'MultisigPolicy' });

const pendingSchema = z
  .object({
    request_id: z.string(),
    operation_type: z.string(),
    requester_id: z.number().int().nullable(),
    requester_email: z.string().nullable(),
    signatures: z.number().int(),
    required_signatures: z.number().int(),
    created_at: z.string(),
    expires_at: z.string(),
    payload_hash: z.string(),
    payload: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'PendingApproval' });

const requestSchema = z
  .object({
    request_id: z.string(),
    operation_type: z.string(),
    status: z.enum(['pending', 'executed', 'failed', 'rejected', 'expired']),
    requester_id: z.number().int().nullable(),
    payload: z.record(z.string(), z.unknown()),
    payload_hash: z.string(),
    required_signatures: z.number().int(),
    signatures: z.array(z.object({ signer_id: z.number().int(), key_id: z.string(), comment: z.string().nullable(), signed_at: z.string() })),
    created_at: z.string(),
    expires_at: z.string(),
    decided_at: z.string().nullable(),
    reason: z.string().nullable(),
    result: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'ApprovalRequest' });

const requestIdParam = z.strictObject({ request_id: z.string().min(1).max(100) });
const base64 = z.string().min(1).max(1024).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Must be base64');

/** CodeRev `/api/admin/multisig/*`: administrators only. */
export const multisigRoutes: FastifyPluginAsyncZod = async (app) => {
  const { multisig } = app.services;
  app.addHook('onRequest', requireAdmin);

  app.post('/api/admin/multisig/keys', {
    schema: {
      tags: ['multisig'],
      summary: 'Register a public signing key (PEM) of the caller',
      security: authenticated,
      body: z.strictObject({ public_key: z.string().min(1).max(10_000), algorithm: z.enum(['ed25519', 'ecdsa-p256']) }),
      response: { 201: signingKeySchema, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (request, reply) => reply.code(201).send(await multisig.registerKey(principalOf(request), request.body.public_key, request.body.algorithm)));

  app.get('/api/admin/multisig/keys', {
    schema: { tags: ['multisig'], summary: "Administrators' active signing keys", security: authenticated, response: { 200: z.object({ keys: z.array(signingKeySchema) }), ...errorResponses(401, 403) } },
  }, async (request) => ({ keys: await multisig.listKeys(principalOf(request)) }));

  app.delete('/api/admin/multisig/keys/:key_id', {
    schema: {
      tags: ['multisig'],
      summary: "Revoke one of the caller's signing keys",
      security: authenticated,
      params: z.strictObject({ key_id: z.string().min(1).max(100) }),
      response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    await multisig.revokeKey(principalOf(request), request.params.key_id);
    return reply.code(204).send(null);
  });

  app.get('/api/admin/multisig/policies', {
    schema: { tags: ['multisig'], summary: 'Approval policy of every operation type', security: authenticated, response: { 200: z.object({ policies: z.array(policySchema) }), ...errorResponses(401, 403) } },
  }, async (request) => ({ policies: await multisig.listPolicies(principalOf(request)) }));

  app.put('/api/admin/multisig/policies/:operation_type', {
    schema: {
      tags: ['multisig'],
      summary: 'Set the signatures required and the expiry of an operation type (applies to new requests)',
      security: authenticated,
      params: z.strictObject({ operation_type: z.enum(OPERATION_TYPES) }),
      body: z.strictObject({ required_signatures: z.number().int().min(1).max(10), expiry_hours: z.number().int().min(1).max(720) }),
      response: { 200: policySchema, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => multisig.updatePolicy(principalOf(request), request.params.operation_type, request.body));

  app.get('/api/admin/multisig/pending', {
    schema: { tags: ['multisig'], summary: 'Requests waiting for signatures', security: authenticated, response: { 200: z.object({ requests: z.array(pendingSchema) }), ...errorResponses(401, 403) } },
  }, async (request) => ({ requests: await multisig.listPending(principalOf(request)) }));

  app.get('/api/admin/multisig/requests/:request_id', {
    schema: { tags: ['multisig'], summary: 'One request with its signatures and outcome', security: authenticated, params: requestIdParam, response: { 200: requestSchema, ...errorResponses(400, 401, 403, 404) } },
  }, async (request) => multisig.get(principalOf(request), request.params.request_id));

  app.post('/api/admin/multisig/sign/:request_id', {
    schema: {
      tags: ['multisig'],
      summary: 'Sign a request: base64 signature over the ASCII bytes of its payload_hash',
      security: authenticated,
      params: requestIdParam,
      body: z.strictObject({ signature: base64, comment: z.string().trim().max(1000).optional() }),
      response: { 200: requestSchema, ...errorResponses(400, 401, 403, 404, 409, 410) },
    },
  }, async (request) => multisig.sign(principalOf(request), request.params.request_id, request.body.signature, request.body.comment || null));

  app.post('/api/admin/multisig/reject/:request_id', {
    schema: {
      tags: ['multisig'],
      summary: 'Reject a pending request',
      security: authenticated,
      params: requestIdParam,
      body: z.strictObject({ reason: z.string().trim().min(1).max(1000) }),
      response: { 200: requestSchema, ...errorResponses(400, 401, 403, 404, 409, 410) },
    },
  }, async (request) => multisig.reject(principalOf(request), request.params.request_id, request.body.reason));
};
