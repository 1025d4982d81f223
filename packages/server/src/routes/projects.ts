import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAGES } from '@resoftai/engine';
import { EXECUTION_STRATEGIES, PROJECT_STATUSES, WORKFLOW_RUN_STATUSES } from '../db/schema/index.ts';
import { principalOf, requireAuth } from '../http/authentication.ts';
import { authenticated, errorResponses, idParam, pagingQuery, totalCountHeader } from './schemas.ts';

const workflowConfig = z.strictObject({
  execution_strategy: z.enum(EXECUTION_STRATEGIES).optional(),
  enable_cache: z.boolean().optional(),
  enable_checkpoints: z.boolean().optional(),
  parallel_stages: z
    .array(z.enum(STAGES))
    .max(STAGES.length)
    .refine((stages) => new Set(stages).size === stages.length, 'parallel_stages must not repeat a stage')
    .optional(),
});

const name = z.string().trim().min(1).max(200);
const description = z.string().trim().max(10_000).nullable();
const requirements = z.string().trim().min(10).max(100_000);
const llmConfigId = z.number().int().positive().nullable().describe("One of the owner's LLM configs; null uses the owner's default");
const teamId = z.number().int().positive().max(2_147_483_647).nullable().describe('Share with one of your teams (viewers read, members also edit and run, admins and owners also delete); null keeps it to its owner');

const projectSummarySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    status: z.enum(PROJECT_STATUSES),
    progress: z.number().int(),
    current_stage: z.enum(STAGES).nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    completed_at: z.string().nullable(),
    team_id: z.number().int().nullable(),
  })
  .meta({ id: 'ProjectSummary' });

const projectSchema = projectSummarySchema
  .extend({
    user_id: z.number().int(),
    requirements: z.string(),
    config: z.record(z.string(), z.unknown()),
    deliverables: z.record(z.string(), z.unknown()).describe('Filled by the workflow when it completes; {} until then'),
    llm_config_id: z.number().int().nullable(),
  })
  .meta({ id: 'Project' });

const lastRunSchema = z
  .object({
    workflow_id: z.string(),
    mode: z.enum(['execute', 'resume']),
    status: z.enum(WORKFLOW_RUN_STATUSES),
    started_at: z.string(),
    ended_at: z.string().nullable(),
    error_code: z.string().nullable(),
    error_message: z.string().nullable().describe('Why the run failed or stopped, as the workflow_failed event said'),
    failed_stage: z.enum(STAGES).nullable(),
    failed_agent: z.string().nullable(),
  })
  .meta({ id: 'WorkflowRun' });

const projectDetailSchema = projectSchema
  .extend({ last_run: lastRunSchema.nullable().describe('The latest workflow run; null before the first') })
  .meta({ id: 'ProjectDetail' });

const projectId = idParam('project_id');

export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  const { projects, projectArchiver } = app.services;

  app.post('/api/projects', {
    onRequest: requireAuth,
    schema: {
      tags: ['projects'],
      summary: 'Create a project',
      security: authenticated,
      body: z.strictObject({ name, description: description.optional(), requirements, config: workflowConfig.optional(), llm_config_id: llmConfigId.optional(), team_id: teamId.optional() }),
      response: { 201: projectSchema, ...errorResponses(401, 403, 415, 422) },
    },
  }, async (request, reply) => reply.code(201).send(await projects.create(principalOf(request), request.body)));

  app.get('/api/projects', {
    onRequest: requireAuth,
    schema: {
      tags: ['projects'],
      summary: "The caller's projects and those shared with their teams, newest first (total in X-Total-Count)",
      security: authenticated,
      querystring: z.strictObject({ ...pagingQuery, status: z.enum(PROJECT_STATUSES).optional() }),
      response: { 200: z.array(projectSummarySchema), ...errorResponses(401, 403, 422) },
    },
  }, async (request, reply) => {
    const { skip, limit, status } = request.query;
    const { items, total } = await projects.list(principalOf(request), { status }, { skip, limit });
    return reply.header(totalCountHeader, String(total)).send(items);
  });

  app.get('/api/projects/:project_id', {
    onRequest: requireAuth,
    schema: {
      tags: ['projects'],
      summary: 'A project with its configuration, deliverables and latest run (with the failure, when it failed)',
      security: authenticated,
      params: projectId,
      response: { 200: projectDetailSchema, ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request) => projects.get(principalOf(request), request.params.project_id));

  app.put('/api/projects/:project_id', {
    onRequest: requireAuth,
    schema: {
      tags: ['projects'],
      summary: 'Update a pending project (409 once its workflow has started)',
      security: authenticated,
      params: projectId,
      body: z
        .strictObject({ name: name.optional(), description: description.optional(), requirements: requirements.optional(), config: workflowConfig.optional(), llm_config_id: llmConfigId.optional(), team_id: teamId.optional() })
        .refine((body) => Object.keys(body).length > 0, 'Give at least one field to change'),
      response: { 200: projectSchema, ...errorResponses(401, 403, 404, 409, 415, 422) },
    },
  }, async (request) => projects.update(principalOf(request), request.params.project_id, request.body));

  app.delete('/api/projects/:project_id', {
    onRequest: requireAuth,
    schema: {
      tags: ['projects'],
      summary: 'Delete a project with its files, versions and activities',
      security: authenticated,
      params: projectId,
      response: { 204: z.null(), ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    await projects.delete(principalOf(request), request.params.project_id);
    return reply.code(204).send(null);
  });

  app.get('/api/projects/:project_id/download', {
    onRequest: requireAuth,
    schema: {
      tags: ['projects'],
      summary: 'Download the project as a zip: every current file, plus the deliverables as Markdown under docs/',
      security: authenticated,
      params: projectId,
      produces: ['application/zip'],
      response: { 200: z.any().describe('application/zip'), ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    const archive = await projectArchiver.archive(principalOf(request), request.params.project_id);
    return reply.type('application/zip').header('content-disposition', `attachment; filename="${archive.filename}"`).send(archive.stream);
  });
};
