import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAGES } from '@resoftai/engine';
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

export const workflowRoutes: FastifyPluginAsyncZod = async (app) => {
  const { workflows } = app.services;
  const projectId = idParam('project_id');

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
