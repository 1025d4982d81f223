import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALERT_SEVERITIES } from '../db/schema/index.ts';
import { forbidden, unauthorized } from '../errors.ts';
import { bearerToken, principalOf, requireAuth } from '../http/authentication.ts';
import { authenticated, errorResponses, idParam, idQuery, pagingQuery, totalCountHeader } from './schemas.ts';

const days = (fallback: number) => z.coerce.number().int().min(1).max(365).default(fallback);
const rate = z.number().nullable();
const timestamp = z.string();

const alertSchema = z
  .object({
    id: z.number().int(),
    alert_type: z.string(),
    severity: z.enum(ALERT_SEVERITIES),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
    is_resolved: z.boolean(),
    created_at: timestamp,
    resolved_at: timestamp.nullable(),
  })
  .meta({ id: 'Alert' });

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** `/metrics` needs the `METRICS_TOKEN` bearer token when one is set, otherwise a loopback client. */
function authorizeScrape(request: FastifyRequest, token: string | undefined): void {
  if (token === undefined) {
    if (!LOOPBACK.has(request.ip)) throw forbidden('Metrics are served to loopback clients only unless METRICS_TOKEN is set');
    return;
  }
  const given = Buffer.from(bearerToken(request) ?? '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthorized('Send the METRICS_TOKEN as a bearer token');
}

export const monitoringRoutes = (options: { metricsToken: string | undefined }): FastifyPluginAsyncZod => async (app) => {
  const { monitoring, alerts, prometheus } = app.services;
  const tags = ['monitoring'];

  app.get('/api/monitoring/dashboard/overview', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'Running workflows, success rate, completion time and cache hit rate (last 7 days), tokens today, open alerts',
      security: authenticated,
      response: {
        200: z.object({
          active_workflows: z.number().int(),
          success_rate: rate,
          avg_completion_time_seconds: rate,
          total_tokens_used_today: z.number(),
          cache_hit_rate: rate,
          active_alerts: z.number().int(),
          timestamp,
        }),
        ...errorResponses(401),
      },
    },
  }, async (request) => monitoring.dashboard(principalOf(request)));

  app.get('/api/monitoring/workflows/stats', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'Outcomes, tokens, completion time, cache hit rate and stage timings of workflow runs started in the last `days` days',
      security: authenticated,
      querystring: z.strictObject({ project_id: idQuery.optional(), days: days(7) }),
      response: {
        200: z.object({
          total: z.number().int(),
          successful: z.number().int(),
          failed: z.number().int(),
          avg_tokens: rate,
          avg_completion_time_seconds: rate,
          cache_hit_rate: rate,
          stage_timings: z.record(z.string(), rate),
          failures_by_stage: z.record(z.string(), z.number().int()).describe('Failed runs by the stage they failed in (`before_any_stage` when the run could not start)'),
          recent_failures: z.array(z.object({
            project_id: z.number().int(),
            workflow_id: z.string(),
            stage: z.string().nullable(),
            agent: z.string().nullable(),
            error_code: z.string().nullable(),
            error_message: z.string().nullable(),
            failed_at: z.string(),
          })).describe('The newest failed runs with their reason, newest first'),
          by_day: z.array(z.object({ date: z.string(), total: z.number().int(), successful: z.number().int(), failed: z.number().int() }))
            .describe('Every UTC day of the period (YYYY-MM-DD), oldest first: the finished runs started that day; days without runs are zeros'),
        }),
        ...errorResponses(401, 404, 422),
      },
    },
  }, async (request) => monitoring.workflowStats(principalOf(request), { projectId: request.query.project_id, days: request.query.days }));

  app.get('/api/monitoring/agents/summary', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'Executions, durations, tokens and cache hit rate per agent over the last `days` days',
      security: authenticated,
      querystring: z.strictObject({ days: days(7) }),
      response: {
        200: z.object({
          agents: z.array(z.object({
            agent_name: z.string(),
            total_executions: z.number().int(),
            successful_executions: z.number().int(),
            failed_executions: z.number().int(),
            avg_execution_time_seconds: rate,
            avg_tokens_used: rate,
            cache_hit_rate: rate,
          })),
          period_start: timestamp,
          period_end: timestamp,
        }),
        ...errorResponses(401, 422),
      },
    },
  }, async (request) => monitoring.agentsSummary(principalOf(request), request.query.days));

  app.get('/api/monitoring/system/metrics', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'Host CPU, memory and disk use, active connections and requests in the last minute (administrators)',
      security: authenticated,
      response: {
        200: z.object({
          cpu_usage_percent: z.number(),
          memory_usage_percent: z.number(),
          disk_usage_percent: z.number(),
          active_connections: z.number().int(),
          requests_per_minute: z.number().int(),
          timestamp,
        }),
        ...errorResponses(401, 403),
      },
    },
  }, async (request) => monitoring.systemMetrics(principalOf(request)));

  app.get('/api/monitoring/llm/usage', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'Tokens and cost of model calls over the last `days` days, by provider and by project',
      security: authenticated,
      querystring: z.strictObject({ days: days(30) }),
      response: {
        200: z.object({
          total_tokens: z.number(),
          total_cost: z.number(),
          by_provider: z.array(z.object({ provider: z.string(), tokens: z.number(), cost: z.number(), percentage: z.number() })),
          by_project: z.array(z.object({ project_id: z.number().int(), project_name: z.string().nullable(), tokens: z.number(), cost: z.number() })),
          by_day: z.array(z.object({ date: z.string(), tokens: z.number(), cost: z.number() }))
            .describe('Every UTC day of the period (YYYY-MM-DD), oldest first, from the day of period_start to the day of period_end; days without calls are zeros'),
          period_start: timestamp,
          period_end: timestamp,
        }),
        ...errorResponses(401, 422),
      },
    },
  }, async (request) => monitoring.llmUsage(principalOf(request), request.query.days));

  app.get('/api/monitoring/alerts', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'Alerts, newest first (total in X-Total-Count)',
      security: authenticated,
      querystring: z.strictObject({
        severity: z.enum(ALERT_SEVERITIES).optional(),
        is_resolved: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
        ...pagingQuery,
      }),
      response: { 200: z.array(alertSchema), ...errorResponses(401, 422) },
    },
  }, async (request, reply) => {
    const { severity, is_resolved, skip, limit } = request.query;
    const { items, total } = await alerts.list(principalOf(request), { severity, isResolved: is_resolved }, { skip, limit });
    return reply.header(totalCountHeader, String(total)).send(items);
  });

  app.post('/api/monitoring/alerts', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'Create an alert by hand',
      security: authenticated,
      body: z.strictObject({
        alert_type: z.string().trim().min(1).max(100),
        severity: z.enum(ALERT_SEVERITIES),
        message: z.string().trim().min(1).max(2000),
        details: z.record(z.string(), z.unknown()).default({}),
      }),
      response: { 201: alertSchema, ...errorResponses(401, 422) },
    },
  }, async (request, reply) => reply.code(201).send(await alerts.create(principalOf(request), request.body)));

  app.post('/api/monitoring/alerts/:alert_id/resolve', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'Mark an alert resolved',
      security: authenticated,
      params: idParam('alert_id'),
      response: { 200: z.object({ id: z.number().int(), is_resolved: z.boolean(), resolved_at: timestamp.nullable() }), ...errorResponses(401, 404, 422) },
    },
  }, async (request) => {
    const alert = await alerts.resolve(principalOf(request), request.params.alert_id);
    return { id: alert.id, is_resolved: alert.is_resolved, resolved_at: alert.resolved_at };
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    authorizeScrape(request, options.metricsToken);
    return reply.type(prometheus.contentType).send(await prometheus.render());
  });
};
