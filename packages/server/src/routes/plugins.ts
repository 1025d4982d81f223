import { PLUGIN_CATEGORIES } from '@resoftai/plugins';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, requireAuth } from '../http/authentication.ts';
import { authenticated, errorResponses, pagingQuery, totalCountHeader } from './schemas.ts';

const pluginItemSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    version: z.string().describe('The newest version'),
    description: z.string(),
    category: z.string(),
    author: z.string(),
    rating: z.number().describe('Mean review rating (1–5), 0 while unreviewed'),
    downloads: z.number().int().describe('Installations ever made'),
    tags: z.array(z.string()),
    created_at: z.string(),
  })
  .meta({ id: 'MarketplacePlugin' });

const settingCommon = { description: z.string(), required: z.boolean() };
const settingSpecSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('string'), ...settingCommon,
      secret: z.boolean().describe('Stored sealed; its value is never returned, only whether it is set'),
      format: z.enum(['url', 'text']), max_length: z.number().int(), default: z.string().optional(),
    }),
    z.object({ type: z.literal('boolean'), ...settingCommon, default: z.boolean().optional() }),
    z.object({ type: z.literal('integer'), ...settingCommon, min: z.number().int().optional(), max: z.number().int().optional(), default: z.number().int().optional() }),
    z.object({ type: z.literal('enum'), ...settingCommon, options: z.array(z.string()), default: z.string().optional() }),
  ])
  .meta({ id: 'PluginSettingSpec' });
const settingSpecsSchema = z.record(z.string(), settingSpecSchema);

const settingsValuesShape = {
  slug: z.string(),
  settings: z.record(z.string(), z.unknown()).describe('Values of the settings that are not secret'),
  secrets_set: z.array(z.string()).describe('Secret settings that hold a value; values are never returned'),
  missing_required: z.array(z.string()).describe('Required settings without a value: the plugin does not run until they are set'),
  updated_at: z.string(),
};

const pluginDetailSchema = pluginItemSchema
  .extend({
    long_description: z.string(),
    homepage: z.string(),
    repository: z.string(),
    dependencies: z.array(z.string()),
    compatibility: z.object({ min_version: z.string(), max_version: z.string() }),
    versions: z.array(z.object({ version: z.string(), released_at: z.string() })),
    reviews: z.array(z.object({ rating: z.number().int(), comment: z.string(), author: z.string(), created_at: z.string() })),
    settings: settingSpecsSchema.describe('The settings the newest compatible version (else the newest valid one) declares, by name'),
    updated_at: z.string(),
  })
  .meta({ id: 'MarketplacePluginDetail' });

const slugParam = z.strictObject({ slug: z.string().min(1).max(100) });
const tags = ['plugins'];

export const pluginRoutes: FastifyPluginAsyncZod = async (app) => {
  const { plugins } = app.services;

  app.get('/api/marketplace/plugins', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'The plugin marketplace',
      security: authenticated,
      querystring: z.strictObject({
        category: z.enum(PLUGIN_CATEGORIES).optional(),
        sort: z.enum(['popularity', 'rating', 'recent']).default('popularity'),
        search: z.string().trim().min(1).max(100).optional(),
        ...pagingQuery,
      }),
      response: { 200: z.array(pluginItemSchema), ...errorResponses(401, 403, 422) },
    },
  }, async (request, reply) => {
    const { category, sort, search, skip, limit } = request.query;
    const { rows, total } = await plugins.list(principalOf(request), { category, sort, search }, { skip, limit });
    return reply.header(totalCountHeader, String(total)).send(rows);
  });

  app.get('/api/marketplace/plugins/:slug', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'A plugin with its versions and reviews',
      security: authenticated,
      params: slugParam,
      response: { 200: pluginDetailSchema, ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request) => plugins.detail(principalOf(request), request.params.slug));

  app.post('/api/marketplace/plugins/:slug/install', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'Install a plugin for the caller (with its dependencies when auto_dependencies is set)',
      security: authenticated,
      params: slugParam,
      body: z.strictObject({
        version: z.string().min(1).max(50).optional().describe('Default: the newest version compatible with this platform'),
        auto_dependencies: z.boolean().default(false),
      }).nullish(),
      response: {
        200: z.object({ slug: z.string(), version: z.string(), status: z.literal('installed'), installed_at: z.string() }),
        ...errorResponses(400, 401, 403, 404, 409, 415, 422),
      },
    },
  }, async (request) => plugins.install(principalOf(request), request.params.slug, { version: request.body?.version, autoDependencies: request.body?.auto_dependencies ?? false }));

  app.get('/api/plugins/installed', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: "The caller's installed plugins",
      security: authenticated,
      response: {
        200: z.array(z.object({ slug: z.string(), name: z.string(), version: z.string(), is_active: z.boolean(), installed_at: z.string() })),
        ...errorResponses(401, 403),
      },
    },
  }, async (request) => plugins.installed(principalOf(request)));

  app.post('/api/plugins/:slug/toggle', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: "Activate or deactivate one of the caller's plugins",
      security: authenticated,
      params: slugParam,
      response: { 200: z.object({ slug: z.string(), is_active: z.boolean(), updated_at: z.string() }), ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request) => plugins.toggle(principalOf(request), request.params.slug));

  app.get('/api/plugins/:slug/settings', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: "An installed plugin's current settings with the installed version's specs (secret values never: only whether they are set)",
      security: authenticated,
      params: slugParam,
      response: {
        200: z.object({ ...settingsValuesShape, specs: settingSpecsSchema.describe("The installed version's settings, by name") }),
        ...errorResponses(401, 403, 404, 422),
      },
    },
  }, async (request) => plugins.settings(principalOf(request), request.params.slug));

  app.put('/api/plugins/:slug/settings', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: "Change an installed plugin's settings (validated by its manifest; null removes a value)",
      security: authenticated,
      params: slugParam,
      body: z.record(z.string(), z.unknown()),
      response: {
        200: z.object(settingsValuesShape),
        ...errorResponses(401, 403, 404, 415, 422),
      },
    },
  }, async (request) => plugins.updateSettings(principalOf(request), request.params.slug, request.body));

  app.delete('/api/plugins/:slug', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: "Uninstall one of the caller's plugins",
      security: authenticated,
      params: slugParam,
      response: { 204: z.null(), ...errorResponses(401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    await plugins.uninstall(principalOf(request), request.params.slug);
    return reply.code(204).send(null);
  });

  app.get('/api/marketplace/updates/check', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: "Newer compatible versions of the caller's plugins",
      security: authenticated,
      response: {
        200: z.object({ updates_available: z.record(z.string(), z.object({ current_version: z.string(), latest_version: z.string(), changelog: z.string() })) }),
        ...errorResponses(401, 403),
      },
    },
  }, async (request) => plugins.checkUpdates(principalOf(request)));

  app.post('/api/marketplace/plugins/:slug/update', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'Update an installed plugin to its newest compatible version',
      security: authenticated,
      params: slugParam,
      response: {
        200: z.object({ slug: z.string(), old_version: z.string(), new_version: z.string(), updated_at: z.string() }),
        ...errorResponses(400, 401, 403, 404, 422),
      },
    },
  }, async (request) => plugins.update(principalOf(request), request.params.slug));

  app.post('/api/marketplace/plugins/:slug/reviews', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'Rate and review a plugin (one review per user)',
      security: authenticated,
      params: slugParam,
      body: z.strictObject({ rating: z.number().int().min(1).max(5), comment: z.string().max(2000).default('') }),
      response: {
        201: z.object({ id: z.number().int(), plugin_slug: z.string(), rating: z.number().int(), comment: z.string(), author_id: z.number().int(), created_at: z.string() }),
        ...errorResponses(401, 403, 404, 409, 415, 422),
      },
    },
  }, async (request, reply) => reply.code(201).send(await plugins.review(principalOf(request), request.params.slug, request.body)));
};
