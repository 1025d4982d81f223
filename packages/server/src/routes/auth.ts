import formBody from '@fastify/formbody';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { unauthorized } from '../errors.ts';
import { bearerToken, principalOf, requestMeta, requireAuth } from '../http/authentication.ts';
import { PASSWORD_MAX_LENGTH } from '../security/passwords.ts';
import { authenticated, errorResponses, idParam, messageSchema } from './schemas.ts';

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    email: z.string(),
    full_name: z.string().nullable(),
    role: z.enum(['admin', 'user']),
    is_admin: z.boolean(),
    is_active: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'User' });

// The login form's fields are short; nothing larger is a login.
const LOGIN_FORM_LIMIT_BYTES = 16 * 1024;

const username = z.string().min(3).max(50).regex(/^[A-Za-z0-9_.-]+$/, 'Only letters, digits, dot, underscore and dash');
const email = z.email().max(254);
const password = z.string().min(1).max(PASSWORD_MAX_LENGTH);
const fullName = z.string().trim().max(200).nullable().optional();

const loginBody = z
  .strictObject({
    username: z.string().min(1).max(254).optional(),
    email: z.string().min(1).max(254).optional(),
    password,
    // OAuth2 password-flow form fields some clients always send.
    grant_type: z.string().max(50).optional(),
    scope: z.string().max(500).optional(),
    client_id: z.string().max(200).optional(),
    client_secret: z.string().max(200).optional(),
  })
  .refine((body) => body.username !== undefined || body.email !== undefined, {
    message: 'username or email is required',
    path: ['username'],
  });

const tokenPairSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number().int(),
  user: userSchema,
});

const accessTokenSchema = z.object({ access_token: z.string(), token_type: z.literal('bearer'), expires_in: z.number().int() });

const apiKeySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { auth, apiKeys } = app.services;

  app.post('/api/auth/register', {
    schema: {
      tags: ['auth'],
      summary: 'Register a user (the first one becomes admin)',
      body: z.strictObject({ username, email, password, full_name: fullName }),
      response: { 201: userSchema, ...errorResponses(400, 415, 422) },
    },
  }, async (request, reply) => reply.code(201).send(await auth.register(request.body, requestMeta(request))));

  // Form bodies are taken by this route only (OAuth2 password-flow clients); every other route reads JSON.
  await app.register(async (scope) => {
    await scope.register(formBody, { bodyLimit: LOGIN_FORM_LIMIT_BYTES });
    scope.withTypeProvider<ZodTypeProvider>().post('/api/auth/login', {
      schema: {
        tags: ['auth'],
        summary: 'Log in with username or email (form-encoded or JSON)',
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: loginBody,
        response: { 200: tokenPairSchema, ...errorResponses(401, 403, 415, 422) },
      },
    }, async (request) => {
      const { username: name, email: mail, password: secret } = request.body;
      return auth.login({ login: (mail ?? name)!, password: secret }, requestMeta(request));
    });
  });

  app.post('/api/auth/refresh', {
    schema: {
      tags: ['auth'],
      summary: 'Exchange a refresh token (Bearer header or JSON body) for a new access token',
      body: z.strictObject({ refresh_token: z.string().min(1).max(4096) }).nullish(),
      response: { 200: accessTokenSchema, ...errorResponses(401, 403, 422) },
    },
  }, async (request) => {
    const token = request.body?.refresh_token ?? bearerToken(request);
    if (!token) throw unauthorized('A refresh token is required');
    return auth.refresh(token);
  });

  app.post('/api/auth/logout', {
    onRequest: requireAuth,
    schema: {
      tags: ['auth'],
      summary: 'Revoke the access and refresh tokens of this session',
      security: authenticated,
      response: { 200: messageSchema, ...errorResponses(400, 401, 403) },
    },
  }, async (request) => {
    await auth.logout(principalOf(request));
    return { message: 'Logged out' };
  });

  app.get('/api/auth/me', {
    onRequest: requireAuth,
    schema: { tags: ['auth'], summary: 'The current user', security: authenticated, response: { 200: userSchema, ...errorResponses(401, 403) } },
  }, async (request) => auth.me(principalOf(request)));

  app.put('/api/auth/me', {
    onRequest: requireAuth,
    schema: {
      tags: ['auth'],
      summary: 'Update the current user',
      security: authenticated,
      body: z.strictObject({ full_name: fullName, email: email.optional() }),
      response: { 200: userSchema, ...errorResponses(400, 401, 403, 422) },
    },
  }, async (request) => auth.updateMe(principalOf(request), request.body));

  app.post('/api/auth/change-password', {
    onRequest: requireAuth,
    schema: {
      tags: ['auth'],
      summary: "Change the current user's password and end their other sessions",
      security: authenticated,
      body: z.strictObject({ current_password: password, new_password: password }),
      response: { 200: messageSchema, ...errorResponses(401, 403, 422) },
    },
  }, async (request) => {
    await auth.changePassword(principalOf(request), request.body.current_password, request.body.new_password);
    return { message: 'Password changed successfully' };
  });

  app.post('/api/auth/api-keys', {
    onRequest: requireAuth,
    schema: {
      tags: ['auth'],
      summary: 'Create an API key (the secret is shown once)',
      security: authenticated,
      body: z.strictObject({ name: z.string().trim().min(1).max(100) }),
      response: { 201: apiKeySchema.extend({ key: z.string() }), ...errorResponses(401, 403, 422) },
    },
  }, async (request, reply) => reply.code(201).send(await apiKeys.create(principalOf(request), request.body.name)));

  app.get('/api/auth/api-keys', {
    onRequest: requireAuth,
    schema: { tags: ['auth'], summary: "The caller's API keys (without secrets)", security: authenticated, response: { 200: z.array(apiKeySchema), ...errorResponses(401, 403) } },
  }, async (request) => apiKeys.list(principalOf(request)));

  app.delete('/api/auth/api-keys/:key_id', {
    onRequest: requireAuth,
    schema: {
      tags: ['auth'],
      summary: 'Delete an API key',
      security: authenticated,
      params: idParam('key_id'),
      response: { 204: z.null(), ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    await apiKeys.delete(principalOf(request), request.params.key_id);
    return reply.code(204).send(null);
  });

};
