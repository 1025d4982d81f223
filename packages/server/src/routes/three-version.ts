import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listRules, SEVERITIES } from '@resoftai/analyzer';
import { z } from 'zod';
import { principalOf, requireAdmin, requireAuth } from '../http/authentication.ts';
import { authenticated, errorResponses } from './schemas.ts';

const severity = z.enum(SEVERITIES as [string, ...string[]]);
const ruleId = z.enum(listRules().map((rule) => rule.id) as [string, ...string[]]).meta({ description: "An analyzer rule id (S001, Q011, …): see the analyzer's rule table" });

const profileConfig = z.strictObject({
  rules: z.strictObject({
    enabled: z.array(ruleId).max(1000).optional(),
    disabled: z.array(ruleId).max(1000).optional(),
    severity_overrides: z.partialRecord(ruleId, severity).optional(),
  }).optional(),
  ai_review: z.boolean().optional(),
  provider: z.string().min(1).max(100).optional(),
  model: z.string().min(1).max(200).optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().min(1).max(1_000_000).optional(),
  prompt: z.string().max(20_000).optional(),
});

const stage = z.enum(['experimenting', 'production', 'archived', 'quarantined']);

const experimentSchema = z
  .object({
    experiment_id: z.string(),
    name: z.string(),
    config: z.record(z.string(), z.unknown()),
    status: stage,
    created_by: z.number().int().nullable(),
    created_at: z.string(),
    quarantine_id: z.string().nullable(),
    reevaluated_from: z.string().nullable(),
    evaluation: z.object({ accuracy: z.number(), precision: z.number(), recall: z.number(), samples: z.number().int(), evaluated_at: z.string() }).nullable(),
    shadow_24h: z.object({ requests: z.number().int(), agreement_rate: z.number().nullable(), error_rate: z.number().nullable(), latency_p95_ms: z.number().nullable() }),
    evaluation_error: z.string().optional(),
  })
  .meta({ id: 'Experiment' });

const statusSchema = z.object({
  cycle_running: z.boolean(),
  current_phase: z.enum(['monitoring', 'idle']),
  v1: z.object({ status: z.literal('experimenting'), active_experiments: z.number().int(), avg_accuracy: z.number().nullable(), pending_promotion: z.number().int() }),
  v2: z.object({
    status: z.enum(['production', 'empty']),
    version_id: z.string().nullable(),
    requests_24h: z.number().int(),
    accuracy: z.number().nullable(),
    error_rate: z.number().nullable(),
    latency_p95_ms: z.number().nullable(),
  }),
  v3: z.object({ status: z.literal('quarantine'), archived_count: z.number().int(), pending_reevaluation: z.number().int() }),
});

const pendingApproval = z.object({ success: z.literal(true), status: z.literal('pending_approval'), request_id: z.string() });
const prefixed = z.string().min(1).max(100);

/** CodeRev `/api/three-version/*`: reading needs a user, changing needs an administrator. */
export const threeVersionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { threeVersion } = app.services;

  app.get('/api/three-version/status', {
    onRequest: requireAuth,
    schema: { tags: ['three-version'], summary: 'v1/v2/v3 state from measured evaluations and request records', security: authenticated, response: { 200: statusSchema, ...errorResponses(401, 403) } },
  }, async () => threeVersion.status());

  app.get('/api/three-version/experiments', {
    onRequest: requireAuth,
    schema: {
      tags: ['three-version'],
      summary: 'Review profiles with their measured accuracy and shadow-run metrics',
      security: authenticated,
      querystring: z.strictObject({ status: stage.optional() }),
      response: { 200: z.object({ experiments: z.array(experimentSchema) }), ...errorResponses(400, 401, 403) },
    },
  }, async (request) => ({ experiments: await threeVersion.listExperiments(request.query.status) }));

  app.post('/api/three-version/experiments', {
    onRequest: requireAdmin,
    schema: {
      tags: ['three-version'],
      summary: 'Create a v1 experiment and measure its accuracy on the labelled set',
      security: authenticated,
      body: z.strictObject({ name: z.string().trim().min(1).max(200), config: profileConfig }),
      response: { 201: experimentSchema, ...errorResponses(400, 401, 403) },
    },
  }, async (request, reply) => reply.code(201).send(await threeVersion.createExperiment(principalOf(request), request.body.name, request.body.config)));

  app.post('/api/three-version/experiments/:experiment_id/evaluate', {
    onRequest: requireAdmin,
    schema: {
      tags: ['three-version'],
      summary: 'Measure accuracy (F1) on the labelled set now',
      security: authenticated,
      params: z.strictObject({ experiment_id: prefixed }),
      response: { 200: experimentSchema, ...errorResponses(400, 401, 403, 404, 503) },
    },
  }, async (request) => threeVersion.evaluate(principalOf(request), request.params.experiment_id));

  app.post('/api/three-version/promote', {
    onRequest: requireAdmin,
    schema: {
      tags: ['three-version'],
      summary: 'Request promotion of an experiment to production (multi-signature approval)',
      security: authenticated,
      body: z.strictObject({
        experiment_id: prefixed,
        reason: z.string().trim().min(1).max(2000),
        metrics: z.record(z.string(), z.unknown()).optional(),
      }),
      response: {
        200: pendingApproval.extend({
          promotion_id: z.string(),
          previous_version: z.string().nullable(),
          new_version: z.string(),
          promoted_at: z.null(),
          measured: z.record(z.string(), z.unknown()),
        }),
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    },
  }, async (request) => threeVersion.promote(principalOf(request), request.body.experiment_id, request.body.reason, request.body.metrics));

  app.post('/api/three-version/demote', {
    onRequest: requireAdmin,
    schema: {
      tags: ['three-version'],
      summary: 'Request demotion of production to quarantine, restoring the last good profile (multi-signature approval)',
      security: authenticated,
      body: z.strictObject({
        version_id: prefixed,
        reason: z.string().trim().min(1).max(2000),
        evidence: z.record(z.string(), z.unknown()).default({}),
      }),
      response: { 200: pendingApproval.extend({ version_id: z.string(), restore_version: z.string().nullable() }), ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request) => threeVersion.demote(principalOf(request), request.body.version_id, request.body.reason, request.body.evidence));

  app.post('/api/three-version/reevaluate', {
    onRequest: requireAdmin,
    schema: {
      tags: ['three-version'],
      summary: 'Bring a quarantined profile back as a v1 experiment with configuration changes',
      security: authenticated,
      body: z.strictObject({ quarantine_id: prefixed, new_config: profileConfig }),
      response: { 201: experimentSchema, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.code(201).send(await threeVersion.reevaluate(principalOf(request), request.body.quarantine_id, request.body.new_config)));
};
