import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ORGANIZATION_TIERS, QUOTA_RESOURCES, TEAM_ROLES } from '../db/schema/index.ts';
import { principalOf, requireAuth } from '../http/authentication.ts';
import { authenticated, errorResponses, idParam, idQuery } from './schemas.ts';

const organizationSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    slug: z.string(),
    tier: z.enum(ORGANIZATION_TIERS),
    contact_email: z.string().nullable(),
    description: z.string().nullable(),
    is_active: z.boolean(),
    sso_enabled: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Organization' });

const teamSchema = z
  .object({
    id: z.number().int(),
    organization_id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    is_default: z.boolean(),
    created_at: z.string(),
  })
  .meta({ id: 'Team' });

const teamMemberSchema = z
  .object({
    id: z.number().int(),
    team_id: z.number().int(),
    user_id: z.number().int(),
    role: z.enum(TEAM_ROLES),
    joined_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'TeamMember' });

const quotaSchema = z
  .object({
    id: z.number().int(),
    organization_id: z.number().int(),
    resource_type: z.enum(QUOTA_RESOURCES),
    limit: z.number().int(),
    used: z.number().int(),
    reset_at: z.string().nullable().describe('When a monthly quota (api_calls, llm_tokens) starts over; null for the others'),
  })
  .meta({ id: 'Quota' });

const name = z.string().trim().min(1).max(200);
const slug = z.string().min(1).max(100).regex(/^[a-z0-9-]+$/, 'slug may contain only lowercase letters, digits and hyphens');
const contactEmail = z.email().max(254).nullable();
const description = z.string().trim().max(10_000).nullable();
const role = z.enum(TEAM_ROLES);
const bodyId = z.number().int().positive().max(2_147_483_647);
const teamParams = idParam('team_id');
const memberParams = z.strictObject({ ...teamParams.shape, ...idParam('user_id').shape });

export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { organizations, quotas } = app.services;

  app.post('/api/organizations', {
    onRequest: requireAuth,
    schema: {
      tags: ['enterprise'],
      summary: 'Create an organisation with its tier\'s quotas (administrators)',
      security: authenticated,
      body: z.strictObject({ name, slug, tier: z.enum(ORGANIZATION_TIERS), contact_email: contactEmail.optional(), description: description.optional() }),
      response: { 201: organizationSchema, ...errorResponses(401, 403, 409, 415, 422) },
    },
  }, async (request, reply) => reply.code(201).send(await organizations.create(principalOf(request), request.body)));

  app.get('/api/organizations', {
    onRequest: requireAuth,
    schema: {
      tags: ['enterprise'],
      summary: 'Organisations: every one for administrators, the caller\'s own for everyone else',
      security: authenticated,
      querystring: z.strictObject({
        tier: z.enum(ORGANIZATION_TIERS).optional(),
        is_active: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
      }),
      response: { 200: z.array(organizationSchema), ...errorResponses(401, 422) },
    },
  }, async (request) => organizations.list(principalOf(request), request.query));

  app.put('/api/organizations/:org_id', {
    onRequest: requireAuth,
    schema: {
      tags: ['enterprise'],
      summary: 'Update an organisation (administrators); a tier change moves limits still at the old tier\'s defaults',
      security: authenticated,
      params: idParam('org_id'),
      body: z
        .strictObject({
          name: name.optional(),
          slug: slug.optional(),
          tier: z.enum(ORGANIZATION_TIERS).optional(),
          contact_email: contactEmail.optional(),
          description: description.optional(),
          is_active: z.boolean().optional(),
          sso_enabled: z.boolean().optional().describe('true once the identity provider is configured (PUT …/sso) and answers; else 400 SSO_SETTINGS_INCOMPLETE or SSO_DISCOVERY_FAILED'),
        })
        .refine((body) => Object.keys(body).length > 0, 'Give at least one field to change'),
      response: { 200: organizationSchema, ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
    },
  }, async (request) => organizations.update(principalOf(request), request.params.org_id, request.body));

  app.get('/api/organizations/:org_id/teams', {
    onRequest: requireAuth,
    schema: {
      tags: ['enterprise'],
      summary: 'An organisation\'s teams with member counts, by name (its members and administrators; 404 for others)',
      security: authenticated,
      params: idParam('org_id'),
      response: {
        200: z.array(z.object({
          id: z.number().int(),
          name: z.string(),
          description: z.string().nullable(),
          is_default: z.boolean(),
          member_count: z.number().int(),
          created_at: z.string(),
        }).meta({ id: 'OrganizationTeam' })),
        ...errorResponses(401, 404, 422),
      },
    },
  }, async (request) => organizations.teamsOf(principalOf(request), request.params.org_id));

  app.get('/api/teams/:team_id/members', {
    onRequest: requireAuth,
    schema: {
      tags: ['enterprise'],
      summary: 'A team\'s members, by username (members of its organisation and administrators; 404 for others)',
      security: authenticated,
      params: teamParams,
      response: {
        200: z.array(z.object({
          user_id: z.number().int(),
          username: z.string(),
          full_name: z.string().nullable(),
          email: z.string().nullable().describe('Only for organisation owners and admins and administrators; null for other members'),
          role,
          joined_at: z.string(),
        }).meta({ id: 'TeamMemberListing' })),
        ...errorResponses(401, 404, 422),
      },
    },
  }, async (request) => organizations.membersOf(principalOf(request), request.params.team_id));

  app.get('/api/teams', {
    onRequest: requireAuth,
    schema: {
      tags: ['enterprise'],
      summary: "The caller's teams with the caller's role in each, by name",
      security: authenticated,
      response: { 200: z.array(teamSchema.extend({ role }).meta({ id: 'MyTeam' })), ...errorResponses(401) },
    },
  }, async (request) => organizations.myTeams(principalOf(request)));

  app.post('/api/teams', {
    onRequest: requireAuth,
    schema: {
      tags: ['enterprise'],
      summary: 'Create a team (organisation owners and admins, administrators)',
      security: authenticated,
      body: z.strictObject({ organization_id: bodyId, name, description: description.optional(), is_default: z.boolean().optional() }),
      response: { 201: teamSchema, ...errorResponses(401, 403, 404, 409, 415, 422) },
    },
  }, async (request, reply) => reply.code(201).send(await organizations.createTeam(principalOf(request), request.body)));

  app.post('/api/teams/:team_id/members', {
    onRequest: requireAuth,
    schema: {
      tags: ['enterprise'],
      summary: 'Add a user to a team (organisation owners and admins, administrators)',
      security: authenticated,
      params: teamParams,
      body: z.strictObject({ user_id: bodyId, role }),
      response: { 201: teamMemberSchema, ...errorResponses(401, 403, 404, 409, 415, 422) },
    },
  }, async (request, reply) => reply.code(201).send(await organizations.addMember(principalOf(request), request.params.team_id, request.body)));

  app.put('/api/teams/:team_id/members/:user_id/role', {
    onRequest: requireAuth,
    schema: {
      tags: ['enterprise'],
      summary: 'Change a team member\'s role',
      security: authenticated,
      params: memberParams,
      body: z.strictObject({ role }),
      response: { 200: teamMemberSchema, ...errorResponses(401, 403, 404, 415, 422) },
    },
  }, async (request) => organizations.changeRole(principalOf(request), request.params.team_id, request.params.user_id, request.body.role));

  app.delete('/api/teams/:team_id/members/:user_id', {
    onRequest: requireAuth,
    schema: {
      tags: ['enterprise'],
      summary: 'Remove a user from a team',
      security: authenticated,
      params: memberParams,
      response: { 204: z.null(), ...errorResponses(401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    await organizations.removeMember(principalOf(request), request.params.team_id, request.params.user_id);
    return reply.code(204).send(null);
  });

  app.get('/api/quotas', {
    onRequest: requireAuth,
    schema: {
      tags: ['enterprise'],
      summary: 'An organisation\'s quotas with current use (its members and administrators)',
      security: authenticated,
      querystring: z.strictObject({ organization_id: idQuery }),
      response: { 200: z.array(quotaSchema), ...errorResponses(401, 404, 422) },
    },
  }, async (request) => quotas.list(principalOf(request), request.query.organization_id));

  app.put('/api/quotas/:quota_id', {
    onRequest: requireAuth,
    schema: {
      tags: ['enterprise'],
      summary: 'Set a quota\'s limit (administrators); a limit below current use is accepted and flagged',
      security: authenticated,
      params: idParam('quota_id'),
      body: z.strictObject({ limit: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
      response: {
        200: z.object({
          id: z.number().int(),
          organization_id: z.number().int(),
          resource_type: z.enum(QUOTA_RESOURCES),
          limit: z.number().int(),
          used: z.number().int(),
          below_usage: z.boolean(),
          warning: z.string().nullable(),
          updated_at: z.string(),
        }),
        ...errorResponses(401, 403, 404, 415, 422),
      },
    },
  }, async (request) => quotas.update(principalOf(request), request.params.quota_id, request.body.limit));
};
