import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAGES, WORKFLOW_EVENT_NAMES } from '@resoftai/engine';
import { PROJECT_STATUSES } from '../db/schema/index.ts';
import { principalOf, requireAuth } from '../http/authentication.ts';
import { authenticated, errorResponses, idParam } from './schemas.ts';

const started = z
  .object({
    project_id: z.number().int(),
    workflow_id: z.string(),
    status: z.literal('running'),
    current_stage: z.enum(STAGES),
    started_at: z.string(),
  })
  .meta({ id: 'WorkflowStarted' });

const stopped = z
  .object({ project_id: z.number().int(), status: z.enum(PROJECT_STATUSES), stopped_at: z.string() })
  .meta({ id: 'WorkflowStopped' });

const resumed = z
  .object({
    project_id: z.number().int(),
    workflow_id: z.string(),
    status: z.literal('running'),
    current_stage: z.enum(STAGES),
    resumed_at: z.string(),
    checkpoint_stage: z.enum(STAGES).nullable(),
  })
  .meta({ id: 'WorkflowResumed' });

const storedEvent = z
  .object({
    seq: z.number().int().describe("The event's place in the project's history (what `since` counts)"),
    event: z.enum(WORKFLOW_EVENT_NAMES),
    data: z.record(z.string(), z.unknown()).describe('The payload the socket sent (see x-socketio)'),
    created_at: z.string(),
  })
  .meta({ id: 'WorkflowEvent' });

const EVENTS_PAGE_MAX = 1000;

export const workflowRoutes: FastifyPluginAsyncZod = async (app) => {
  const { workflows } = app.services;
  const projectId = idParam('project_id');

  app.get('/api/projects/:project_id/events', {
    onRequest: requireAuth,
    schema: {
      tags: ['workflows'],
      summary: "The project's stored workflow events after `since`, oldest first — what a socket subscription replays; page on with the last `seq`",
      security: authenticated,
      params: projectId,
      querystring: z.strictObject({
        since: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
        limit: z.coerce.number().int().min(1).max(EVENTS_PAGE_MAX).default(EVENTS_PAGE_MAX),
      }),
      response: { 200: z.array(storedEvent), ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request) => workflows.events(principalOf(request), request.params.project_id, request.query.since, request.query.limit));

  app.post('/api/projects/:project_id/execute', {
    onRequest: requireAuth,
    schema: {
      tags: ['workflows'],
      summary: "Start the project's workflow from the beginning (400 PROJ_002 when it is running; 422 LLM_002 without a usable LLM config)",
      security: authenticated,
      params: projectId,
      response: { 200: started, ...errorResponses(400, 401, 403, 404, 422) },
    },
  }, async (request) => workflows.execute(principalOf(request), request.params.project_id));

  app.post('/api/projects/:project_id/stop', {
    onRequest: requireAuth,
    schema: {
      tags: ['workflows'],
      summary: 'Stop the running workflow; in-flight model calls are aborted and it ends cancelled',
      security: authenticated,
      params: projectId,
      response: { 200: stopped, ...errorResponses(400, 401, 403, 404, 422) },
    },
  }, async (request) => workflows.stop(principalOf(request), request.params.project_id));

  app.post('/api/projects/:project_id/resume', {
    onRequest: requireAuth,
    schema: {
      tags: ['workflows'],
      summary: 'Continue the workflow after its last checkpoint (400 with the reason when there is none)',
      security: authenticated,
      params: projectId,
      response: { 200: resumed, ...errorResponses(400, 401, 403, 404, 422) },
    },
  }, async (request) => workflows.resume(principalOf(request), request.params.project_id));
};
