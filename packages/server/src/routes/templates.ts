import { TEMPLATE_CATEGORIES } from '@resoftai/templates';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, requireAuth } from '../http/authentication.ts';
import { authenticated, errorResponses, idParam, idQuery } from './schemas.ts';

const variableSchema = z
  .looseObject({
    type: z.enum(['string', 'boolean', 'enum', 'integer']),
    description: z.string(),
    required: z.boolean(),
    default: z.unknown().optional(),
    pattern: z.string().optional(),
    options: z.array(z.string()).optional(),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
  })
  .meta({ id: 'TemplateVariable' });

const templateSummarySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    category: z.enum(TEMPLATE_CATEGORIES),
    version: z.string(),
    variables: z.record(z.string(), variableSchema),
    created_at: z.string(),
  })
  .meta({ id: 'TemplateSummary' });

const templateDetailSchema = templateSummarySchema
  .extend({
    files: z.array(z.string()).describe('Source paths as authored; path expressions such as {{ project_name | snake_case }} are kept'),
    preview: z.string().describe("The template's README rendered with the defaults"),
  })
  .meta({ id: 'Template' });

const applicationSchema = z
  .object({
    project_id: z.number().int(),
    template_id: z.number().int(),
    applied_at: z.string(),
    generated_files: z.array(z.string()).describe('Paths of the files written to the project'),
    files: z
      .array(z.object({ id: z.number().int(), filename: z.string(), category: z.string(), size: z.number().int(), version: z.number().int() }))
      .describe('The project files written, with the version each now has'),
  })
  .meta({ id: 'TemplateApplication' });

const templateId = idParam('template_id');

export const templateRoutes: FastifyPluginAsyncZod = async (app) => {
  const { templates } = app.services;

  app.get('/api/templates', {
    onRequest: requireAuth,
    schema: {
      tags: ['templates'],
      summary: 'The built-in project templates',
      security: authenticated,
      querystring: z.strictObject({ category: z.enum(TEMPLATE_CATEGORIES).optional() }),
      response: { 200: z.array(templateSummarySchema), ...errorResponses(401, 403, 422) },
    },
  }, async (request) => templates.list(request.query.category));

  app.get('/api/templates/:template_id', {
    onRequest: requireAuth,
    schema: {
      tags: ['templates'],
      summary: 'A template with its files and a preview',
      security: authenticated,
      params: templateId,
      response: { 200: templateDetailSchema, ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request) => templates.get(request.params.template_id));

  app.post('/api/templates/:template_id/apply', {
    onRequest: requireAuth,
    schema: {
      tags: ['templates'],
      summary: "Render a template into a project's files (each a new file or a new version)",
      security: authenticated,
      params: templateId,
      body: z.strictObject({ project_id: idQuery, variables: z.record(z.string(), z.unknown()).default({}) }),
      response: { 200: applicationSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
    },
  }, async (request) => templates.apply(principalOf(request), request.params.template_id, request.body.project_id, request.body.variables));
};
