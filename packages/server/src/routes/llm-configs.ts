import { PROVIDERS } from '@resoftai/llm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, requireAuth } from '../http/authentication.ts';
import { authenticated, errorResponses, idParam } from './schemas.ts';

const PROVIDER_LIST = PROVIDERS.map((info) => info.id).join(', ');

const settingsFields = {
  temperature: z.number().min(0).max(2),
  max_tokens: z.number().int().positive().max(1_000_000),
  top_p: z.number().gt(0).max(1),
  max_concurrency: z.number().int().positive().max(1000),
  timeout_seconds: z.number().int().positive().max(3600),
};

const settingsSchema = z
  .strictObject({
    temperature: settingsFields.temperature.optional(),
    max_tokens: settingsFields.max_tokens.optional(),
    top_p: settingsFields.top_p.optional(),
    max_concurrency: settingsFields.max_concurrency.optional(),
    timeout_seconds: settingsFields.timeout_seconds.optional(),
  })
  .meta({ description: 'Sampling defaults (temperature 0–2, max_tokens > 0, top_p in (0, 1]) and client limits (calls in flight, seconds per call)' });

const settingsPatchSchema = z
  .strictObject({
    temperature: settingsFields.temperature.nullable().optional(),
    max_tokens: settingsFields.max_tokens.nullable().optional(),
    top_p: settingsFields.top_p.nullable().optional(),
    max_concurrency: settingsFields.max_concurrency.nullable().optional(),
    timeout_seconds: settingsFields.timeout_seconds.nullable().optional(),
  })
  .meta({ description: 'Merged into the stored config key by key; null removes a key' });

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  }, 'api_base must be an http(s) URL');

const name = z.string().trim().min(1).max(100);
const model = z.string().trim().min(1).max(200);
const apiKey = z.string().trim().min(1, 'api_key must not be empty').max(4096);
// Checked by the service, which answers an unknown provider with 400 "Invalid provider: X".
const provider = z.string().max(100).meta({ description: `One of ${PROVIDER_LIST}` });

const createBody = z.strictObject({
  name,
  provider,
  model: model.optional().meta({ description: "Defaults to the provider's default model" }),
  api_key: apiKey,
  api_base: httpUrl.nullable().optional(),
  is_default: z.boolean().optional().meta({ description: "Defaults to true for a user's first config" }),
  is_active: z.boolean().optional(),
  config: settingsSchema.optional(),
});

const updateBody = z.strictObject({
  name: name.optional(),
  provider: provider.optional(),
  model: model.optional(),
  api_key: apiKey.optional(),
  api_base: httpUrl.nullable().optional(),
  is_default: z.boolean().optional(),
  is_active: z.boolean().optional(),
  config: settingsPatchSchema.optional(),
});

const llmConfigSchema = z
  .object({
    id: z.number().int(),
    user_id: z.number().int(),
    name: z.string(),
    provider: z.string(),
    model: z.string(),
    api_base: z.string().nullable(),
    api_key_mask: z.string().meta({ description: 'The ends of the key only, e.g. sk-x…abcd; the key is never returned' }),
    is_default: z.boolean(),
    is_active: z.boolean(),
    config: settingsSchema,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'LlmConfig' });

const testResultSchema = z
  .object({
    success: z.boolean(),
    model: z.string(),
    response_time_ms: z.number().int(),
    test_output: z.string().nullable(),
    error: z
      .object({
        kind: z.string().meta({ description: 'http, network, timeout, malformed_response, empty_response, …' }),
        provider_status: z.number().int().nullable(),
        reason: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'LlmConfigTestResult' });

const providerSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    default_model: z.string().nullable().meta({ description: 'Used when a config names no model; null where the server decides (OpenAI-compatible)' }),
    default_api_base: z.string().nullable().meta({ description: 'null: api_base is required (a local or self-hosted OpenAI-compatible server)' }),
  })
  .meta({ id: 'LlmProvider' });

const PROVIDER_LIST_REPLY = PROVIDERS.map((info) => ({
  id: info.id,
  label: info.label,
  default_model: info.defaultModel ?? null,
  default_api_base: info.defaultApiBase ?? null,
}));

const configId = idParam('config_id');

export const llmConfigRoutes: FastifyPluginAsyncZod = async (app) => {
  const { llmConfigs } = app.services;
  const tags = ['llm-configs'];

  app.post('/api/llm-configs', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'Add an LLM provider config (the API key is stored encrypted and never returned)',
      security: authenticated,
      body: createBody,
      response: { 201: llmConfigSchema, ...errorResponses(400, 401, 403, 415, 422) },
    },
  }, async (request, reply) => reply.code(201).send(await llmConfigs.create(principalOf(request), request.body)));

  app.get('/api/llm-configs', {
    onRequest: requireAuth,
    schema: { tags, summary: "The caller's LLM configs", security: authenticated, response: { 200: z.array(llmConfigSchema), ...errorResponses(401, 403) } },
  }, async (request) => llmConfigs.list(principalOf(request)));

  app.get('/api/llm-configs/providers', {
    onRequest: requireAuth,
    schema: { tags, summary: 'The providers a config can name, with their default model and API base', security: authenticated, response: { 200: z.array(providerSchema), ...errorResponses(401, 403) } },
  }, async () => PROVIDER_LIST_REPLY);

  app.get('/api/llm-configs/:config_id', {
    onRequest: requireAuth,
    schema: { tags, summary: 'One of the caller\'s LLM configs', security: authenticated, params: configId, response: { 200: llmConfigSchema, ...errorResponses(401, 403, 404, 422) } },
  }, async (request) => llmConfigs.get(principalOf(request), request.params.config_id));

  app.put('/api/llm-configs/:config_id', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'Update an LLM config (partial; config merges; is_default true clears the old default)',
      security: authenticated,
      params: configId,
      body: updateBody,
      response: { 200: llmConfigSchema, ...errorResponses(400, 401, 403, 404, 415, 422) },
    },
  }, async (request) => llmConfigs.update(principalOf(request), request.params.config_id, request.body));

  app.delete('/api/llm-configs/:config_id', {
    onRequest: requireAuth,
    schema: { tags, summary: 'Delete an LLM config', security: authenticated, params: configId, response: { 204: z.null(), ...errorResponses(401, 403, 404, 422) } },
  }, async (request, reply) => {
    await llmConfigs.delete(principalOf(request), request.params.config_id);
    return reply.code(204).send(null);
  });

  app.post('/api/llm-configs/:config_id/test', {
    onRequest: requireAuth,
    schema: {
      tags,
      summary: 'Make one short real call through the config',
      description:
        'A provider that refuses (e.g. 401) or cannot be reached answers 200 with success:false and the reason in error; ' +
        'a config that cannot be used (e.g. a key that no longer decrypts) answers 400 LLM_002.',
      security: authenticated,
      params: configId,
      response: { 200: testResultSchema, ...errorResponses(400, 401, 403, 404, 422) },
    },
  }, async (request) => llmConfigs.test(principalOf(request), request.params.config_id));
};
