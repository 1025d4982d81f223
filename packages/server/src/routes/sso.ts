import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, badRequest } from '../errors.ts';
import { principalOf, requestMeta, requireAuth } from '../http/authentication.ts';
import { SSO_MEMBER_ROLES } from '../db/schema/index.ts';
import { authenticated, errorResponses, idParam } from './schemas.ts';
import { userSchema } from './auth.ts';

const ssoSettingsSchema = z
  .object({
    configured: z.boolean().describe('Whether an identity provider was ever saved'),
    enabled: z.boolean().describe('Whether members can sign in through it (the organisation\'s sso_enabled)'),
    issuer: z.string().nullable(),
    client_id: z.string().nullable(),
    client_secret_set: z.boolean().describe('The secret itself is never returned'),
    allowed_domains: z.array(z.string()),
    default_role: z.enum(SSO_MEMBER_ROLES),
    group_claim: z.string().nullable(),
    group_teams: z.array(z.object({ group: z.string(), team_id: z.number().int() })),
    enforce: z.boolean().describe('Members cannot sign in with a password (API keys keep working)'),
    redirect_uri: z.string().describe('Register this redirect URI with the identity provider'),
    start_url: z.string().describe('Where members start signing in'),
  })
  .meta({ id: 'SsoSettings' });

const domain = z
  .string()
  .min(3)
  .max(253)
  .regex(/^(?=.{3,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/, 'must be a domain name such as example.com');

const ssoSettingsBody = z.strictObject({
  issuer: z.url({ protocol: /^https?$/ }).max(500).describe('The provider\'s issuer URL (https; http only on loopback)'),
  client_id: z.string().min(1).max(200),
  client_secret: z.string().min(1).max(500).optional().describe('Omit to keep the stored secret'),
  allowed_domains: z.array(domain).min(1).max(50),
  default_role: z.enum(SSO_MEMBER_ROLES),
  group_claim: z.string().min(1).max(100).nullable().optional(),
  group_teams: z.array(z.strictObject({ group: z.string().min(1).max(200), team_id: z.number().int().positive().max(2_147_483_647) })).max(100).optional(),
  enforce: z.boolean(),
  enabled: z.boolean().optional().describe('Turn single sign-on on (checked: complete settings, provider discovery) or off'),
});

const ssoProbeSchema = z
  .object({ ok: z.literal(true), issuer: z.string(), authorization_endpoint: z.string(), token_endpoint: z.string(), jwks_keys: z.number().int() })
  .meta({ id: 'SsoConnectionTest' });

const loginSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number().int(),
  user: userSchema,
});

/** Browsers are sent on to the web app; other clients get JSON. */
const wantsPage = (request: FastifyRequest): boolean => (request.headers.accept ?? '').includes('text/html');

export function ssoRoutes(options: { publicUrl: string | undefined }): FastifyPluginAsyncZod {
  // Normalised as URLs print themselves (no default port), so the redirect URI is the same string at start and callback.
  const baseUrl = (request: FastifyRequest): string => {
    try {
      return new URL(options.publicUrl ?? `${request.protocol}://${request.host}`).href.replace(/\/$/, '');
    } catch {
      throw badRequest(`The Host header "${request.host.slice(0, 100)}" is not a host name; set PUBLIC_URL behind proxies that rewrite it`);
    }
  };

  return async (app) => {
    const { sso } = app.services;

    app.get('/api/organizations/:org_id/sso', {
      onRequest: requireAuth,
      schema: {
        tags: ['enterprise'],
        summary: 'An organisation\'s single sign-on settings (its owners and admins, administrators)',
        security: authenticated,
        params: idParam('org_id'),
        response: { 200: ssoSettingsSchema, ...errorResponses(401, 403, 404, 422) },
      },
    }, async (request) => sso.settings(principalOf(request), request.params.org_id, baseUrl(request)));

    app.put('/api/organizations/:org_id/sso', {
      onRequest: requireAuth,
      schema: {
        tags: ['enterprise'],
        summary: 'Configure the organisation\'s OpenID Connect provider; `enabled: true` is accepted once it is complete and discovery succeeds',
        security: authenticated,
        params: idParam('org_id'),
        body: ssoSettingsBody,
        response: { 200: ssoSettingsSchema, ...errorResponses(400, 401, 403, 404, 415, 422) },
      },
    }, async (request) => sso.saveSettings(principalOf(request), request.params.org_id, request.body, baseUrl(request)));

    app.post('/api/organizations/:org_id/sso/test', {
      onRequest: requireAuth,
      schema: {
        tags: ['enterprise'],
        summary: 'Discover the stored identity provider afresh and read its signing keys',
        security: authenticated,
        params: idParam('org_id'),
        response: { 200: ssoProbeSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    }, async (request) => sso.testConnection(principalOf(request), request.params.org_id));

    app.get('/api/auth/sso/:org_slug/start', {
      schema: {
        tags: ['auth'],
        summary: 'Start signing in through an organisation\'s identity provider (redirects there: code flow with PKCE)',
        params: z.strictObject({ org_slug: z.string().min(1).max(100) }),
        querystring: z.strictObject({ return_to: z.string().max(2000).optional().describe('A path on this site to land on afterwards') }),
        response: { 302: z.null().describe('To the identity provider'), ...errorResponses(400, 404, 422) },
      },
    }, async (request, reply) => {
      try {
        return await reply.redirect(await sso.start(request.params.org_slug, request.query.return_to, baseUrl(request)), 302);
      } catch (error) {
        return failToPage(request, reply, error);
      }
    });

    app.get('/api/auth/sso/callback', {
      schema: {
        tags: ['auth'],
        summary: 'Where the identity provider returns: verifies the ID token, provisions the member, issues tokens',
        description: 'Browsers are redirected to the web app (tokens in the URL fragment; errors as `/signin?sso_error=CODE`); other clients get JSON.',
        querystring: z.object({
          code: z.string().max(4096).optional(),
          state: z.string().max(4096).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(2000).optional(),
          iss: z.string().max(500).optional(),
        }),
        response: { 200: loginSchema, 303: z.null().describe('To the web app'), ...errorResponses(400, 403, 409, 422) },
      },
    }, async (request, reply) => {
      try {
        const { login, returnTo } = await sso.complete(new URL(request.url, baseUrl(request)), requestMeta(request));
        if (!wantsPage(request)) return login;
        const fragment = new URLSearchParams({
          access_token: login.access_token, refresh_token: login.refresh_token, expires_in: String(login.expires_in), return_to: returnTo,
        });
        return await reply.header('cache-control', 'no-store').redirect(`/sso/complete#${fragment.toString()}`, 303);
      } catch (error) {
        return failToPage(request, reply, error);
      }
    });
  };
}

/** A refusal a browser shows on the sign-in page (its code only: a message in the URL could be forged); JSON otherwise. */
async function failToPage(request: FastifyRequest, reply: FastifyReply, error: unknown): Promise<FastifyReply> {
  if (!(error instanceof AppError) || !wantsPage(request)) throw error;
  return reply.redirect(`/signin?${new URLSearchParams({ sso_error: error.errorCode }).toString()}`, 303);
}
