import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';
import type { SsoRepository, SsoSettingsRow, SsoUserRow } from '../db/repositories/sso.ts';
import type { SsoMemberRole } from '../db/schema/index.ts';
import { AppError, fieldError } from '../errors.ts';
import { type AuditChain, auditActor, auditOrigin } from '../governance/audit-chain.ts';
import { hashPassword } from '../security/passwords.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { AuthService, LoginResult } from './auth.ts';
import { type OidcClientSettings, OidcFailure, type OidcProviders } from './oidc-providers.ts';
import type { OrganizationService } from './organizations.ts';
import type { Principal, RequestMeta } from './principal.ts';

export interface SsoSettingsView {
  configured: boolean;
  enabled: boolean;
  issuer: string | null;
  client_id: string | null;
  client_secret_set: boolean;
  allowed_domains: string[];
  default_role: SsoMemberRole;
  group_claim: string | null;
  group_teams: Array<{ group: string; team_id: number }>;
  enforce: boolean;
  redirect_uri: string;
  start_url: string;
}

export interface SsoSettingsInput {
  issuer: string;
  client_id: string;
  client_secret?: string | undefined;
  allowed_domains: string[];
  default_role: SsoMemberRole;
  group_claim?: string | null | undefined;
  group_teams?: Array<{ group: string; team_id: number }> | undefined;
  enforce: boolean;
  enabled?: boolean | undefined;
}

export interface SsoProbeView {
  ok: true;
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_keys: number;
}

export const SSO_CALLBACK_PATH = '/api/auth/sso/callback';
const ATTEMPT_TTL_MS = 10 * 60_000;
const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,50}$/;

const ssoError = (status: number, code: string, message: string): AppError => new AppError(status, message, { errorCode: code, code });
const hashState = (state: string): string => createHash('sha256').update(state).digest('hex');
const secretContext = (organizationId: number): string => `organization_sso:${organizationId}`;
export const ssoStartPath = (slug: string): string => `/api/auth/sso/${encodeURIComponent(slug)}/start`;

/** A path on this site to return to after signing in; anything else (other hosts, `//x`, `/\x`) is dropped. */
export function safeReturnPath(value: string | undefined): string | undefined {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.length > 2000) return undefined;
  return value;
}

function failureOf(error: OidcFailure): AppError {
  if (error.kind === 'token') return ssoError(400, 'SSO_TOKEN_INVALID', error.message);
  if (error.kind === 'discovery') return ssoError(400, 'SSO_DISCOVERY_FAILED', error.message);
  return ssoError(400, 'SSO_PROVIDER_ERROR', error.message);
}

/** A username from the provider's preferred one or the email's local part, made unique with a short suffix. */
async function freeUsername(claims: Record<string, unknown>, email: string, taken: (name: string) => Promise<boolean>): Promise<string> {
  const preferred = typeof claims.preferred_username === 'string' && USERNAME_PATTERN.test(claims.preferred_username) ? claims.preferred_username : undefined;
  const base = (preferred ?? email.split('@')[0]!.replace(/[^A-Za-z0-9_.-]/g, '-')).slice(0, 40).padEnd(3, '-');
  if (!(await taken(base))) return base;
  for (;;) {
    const candidate = `${base}-${randomBytes(3).toString('hex')}`;
    if (!(await taken(candidate))) return candidate;
  }
}

/**
 * Single sign-on through an organisation's OpenID Connect provider: its settings (org owners/admins), the
 * authorization-code flow with PKCE, and just-in-time provisioning of the members it vouches for.
 */
export class SsoService {
  constructor(
    private readonly repo: SsoRepository,
    private readonly organizations: OrganizationService,
    private readonly auth: AuthService,
    private readonly providers: OidcProviders,
    private readonly secrets: SecretBox,
    private readonly audit: AuditChain,
  ) {}

  async settings(principal: Principal, organizationId: number, baseUrl: string): Promise<SsoSettingsView> {
    const organization = await this.organizations.requireManager(principal, organizationId);
    return this.view(organization, await this.repo.settingsOf(organizationId), baseUrl);
  }

  async saveSettings(principal: Principal, organizationId: number, input: SsoSettingsInput, baseUrl: string): Promise<SsoSettingsView> {
    const organization = await this.organizations.requireManager(principal, organizationId);
    const teamIds = new Set((await this.organizations.teamRowsOf(organizationId)).map((team) => team.id));
    (input.group_teams ?? []).forEach((mapping, index) => {
      if (!teamIds.has(mapping.team_id)) throw fieldError(422, ['body', 'group_teams', index, 'team_id'], `Team ${mapping.team_id} is not a team of organization ${organizationId}`);
    });
    const previous = await this.repo.settingsOf(organizationId);
    const clientSecretSealed = input.client_secret !== undefined ? this.secrets.seal(input.client_secret, secretContext(organizationId)) : previous?.clientSecretSealed ?? null;
    const candidate: SsoSettingsRow = {
      organizationId, issuer: input.issuer, clientId: input.client_id, clientSecretSealed,
      allowedDomains: [...new Set(input.allowed_domains.map((domain) => domain.toLowerCase()))], defaultRole: input.default_role,
      groupClaim: input.group_claim ?? null, groupTeams: input.group_teams ?? [], enforce: input.enforce,
      createdAt: previous?.createdAt ?? new Date(), updatedAt: new Date(),
    };
    if (input.enabled === true) await this.assertReady(candidate);
    const enabled = input.enabled ?? organization.ssoEnabled;
    const saved = await this.repo.transaction(async (tx) => {
      const { organizationId: _id, createdAt: _created, updatedAt: _updated, ...fields } = candidate;
      const row = await this.repo.saveSettings(organizationId, fields, tx);
      if (enabled !== organization.ssoEnabled) await this.organizations.setSsoEnabled(organizationId, enabled, tx);
      await this.audit.append({
        ...auditActor(principal), entity: 'sso', action: 'settings_update', resourceId: organizationId, organizationId,
        payload: {
          issuer: row.issuer, client_id: row.clientId, client_secret_changed: input.client_secret !== undefined, allowed_domains: row.allowedDomains,
          default_role: row.defaultRole, group_claim: row.groupClaim, group_teams: row.groupTeams, enforce: row.enforce, enabled,
        },
      }, tx);
      return row;
    });
    return this.view({ ...organization, ssoEnabled: enabled }, saved, baseUrl);
  }

  /** Discovers the stored provider afresh and reads its keys. */
  async testConnection(principal: Principal, organizationId: number): Promise<SsoProbeView> {
    await this.organizations.requireManager(principal, organizationId);
    const settings = await this.repo.settingsOf(organizationId);
    if (!settings) throw ssoError(400, 'SSO_SETTINGS_INCOMPLETE', `Organization ${organizationId} has no identity provider configured yet; save the settings first`);
    const probe = await this.probe(settings);
    return { ok: true, issuer: probe.issuer, authorization_endpoint: probe.authorizationEndpoint, token_endpoint: probe.tokenEndpoint, jwks_keys: probe.jwksKeys };
  }

  /** Refuses to enable single sign-on until the stored settings are complete and the provider answers. */
  async assertReadyToEnable(organizationId: number): Promise<void> {
    const settings = await this.repo.settingsOf(organizationId);
    if (!settings) throw ssoError(400, 'SSO_SETTINGS_INCOMPLETE', `Organization ${organizationId} has no identity provider configured: set issuer, client_id and allowed_domains through PUT /api/organizations/${organizationId}/sso`);
    await this.assertReady(settings);
  }

  /** Where to send the browser to sign in with the organisation's provider. */
  async start(slug: string, returnTo: string | undefined, baseUrl: string): Promise<string> {
    const organization = await this.repo.enabledBySlug(slug);
    if (!organization || !organization.isActive) throw ssoError(404, 'SSO_NOT_ENABLED', `No active organization "${slug}" signs in with single sign-on`);
    const request = await this.providers
      .authorizationRequest(this.version(organization.settings), this.clientSettings(organization.settings), `${baseUrl}${SSO_CALLBACK_PATH}`)
      .catch((error: unknown) => { throw error instanceof OidcFailure ? failureOf(error) : error; });
    await this.repo.createAttempt({
      stateHash: hashState(request.state), organizationId: organization.organizationId, nonce: request.nonce, codeVerifier: request.codeVerifier,
      returnTo: safeReturnPath(returnTo) ?? null, expiresAt: new Date(Date.now() + ATTEMPT_TTL_MS),
    });
    return request.url;
  }

  /** Completes a sign-in the provider sent back: checks it, provisions or finds the member, opens a session. */
  async complete(callbackUrl: URL, meta: RequestMeta): Promise<{ login: LoginResult; returnTo: string }> {
    const state = callbackUrl.searchParams.get('state');
    const attempt = state ? await this.repo.takeAttempt(hashState(state)) : undefined;
    if (!attempt) throw ssoError(400, 'SSO_STATE_INVALID', 'This sign-in is unknown, expired or already used (state); start again from the sign-in page');
    try {
      const settings = await this.repo.settingsOf(attempt.organizationId);
      const organization = await this.organizations.findRow(attempt.organizationId);
      if (!settings || !organization?.ssoEnabled || !organization.isActive) {
        throw ssoError(400, 'SSO_NOT_ENABLED', `Organization ${attempt.organizationId} no longer signs in with single sign-on`);
      }
      const { subject, claims } = await this.providers
        .exchange(this.version(settings), this.clientSettings(settings), callbackUrl, { state: state!, nonce: attempt.nonce, codeVerifier: attempt.codeVerifier })
        .catch((error: unknown) => { throw error instanceof OidcFailure ? failureOf(error) : error; });
      const email = this.allowedEmail(settings, claims);
      const login = await this.repo.transaction(async (tx) => {
        const { user, provisioned } = await this.member(settings, subject, email, claims, tx);
        if (user.status !== 'active' || user.deletedAt) throw ssoError(403, 'SSO_ACCOUNT_DISABLED', 'This account is suspended');
        await this.organizations.joinThroughSso(tx, user.id, attempt.organizationId, this.teamsFor(settings, claims), settings.defaultRole);
        if (provisioned) {
          await this.audit.append({
            ...auditOrigin(meta), actorId: user.id, entity: 'sso', action: 'provision', resourceId: user.id, organizationId: attempt.organizationId,
            payload: { username: user.username, email: user.email, issuer: settings.issuer, subject, role: settings.defaultRole },
          }, tx);
        }
        return this.auth.openSession(user, meta, { entity: 'sso', action: 'login', organizationId: attempt.organizationId, payload: { issuer: settings.issuer, subject } }, tx);
      });
      return { login, returnTo: attempt.returnTo ?? '/' };
    } catch (error) {
      if (error instanceof AppError) {
        await this.audit.append({
          ...auditOrigin(meta), actorId: null, entity: 'sso', action: 'login', status: 'failure', organizationId: attempt.organizationId,
          payload: { reason: error.errorCode, detail: error.message.slice(0, 500) },
        });
      }
      throw error;
    }
  }

  /** Refuses a password sign-in for members of an organisation that enforces its provider (administrators excepted). */
  async assertPasswordLoginAllowed(user: { id: number; role: string }): Promise<void> {
    if (user.role === 'admin') return;
    const enforcing = await this.repo.enforcingOrganizationOf(user.id);
    if (enforcing) {
      throw ssoError(403, 'SSO_REQUIRED', `Your organization requires single sign-on: sign in through ${ssoStartPath(enforcing.slug)}`);
    }
  }

  private async member(settings: SsoSettingsRow, subject: string, email: string, claims: Record<string, unknown>, tx: Db): Promise<{ user: SsoUserRow; provisioned: boolean }> {
    const identity = await this.repo.identity(settings.issuer, subject, tx);
    if (identity) {
      if (identity.organizationId !== settings.organizationId) {
        throw ssoError(409, 'SSO_ACCOUNT_CONFLICT', 'This identity is already linked to an account of another organization');
      }
      await this.repo.touchIdentity(identity.id, tx);
      return { user: (await this.repo.userById(identity.userId, tx))!, provisioned: false };
    }
    const existing = await this.repo.userByEmail(email, tx);
    if (existing) {
      // Linking by email only within the organisation, never an administrator: its provider cannot claim outside accounts.
      const membership = await this.organizations.membershipOf(existing.id, tx);
      if (existing.role === 'admin' || membership?.organizationId !== settings.organizationId) {
        throw ssoError(409, 'SSO_ACCOUNT_CONFLICT', `An account with the email ${email} already exists outside this organization's single sign-on; sign in with its password`);
      }
      await this.repo.linkIdentity({ organizationId: settings.organizationId, issuer: settings.issuer, subject, userId: existing.id }, tx);
      return { user: existing, provisioned: false };
    }
    const username = await freeUsername(claims, email, (name) => this.repo.usernameTaken(name, tx));
    const fullName = typeof claims.name === 'string' ? claims.name.slice(0, 200) : null;
    // The account signs in through its provider; its password is random and known to no one.
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    const user = await this.repo.createUser({ username, email, fullName, passwordHash }, tx);
    await this.repo.linkIdentity({ organizationId: settings.organizationId, issuer: settings.issuer, subject, userId: user.id }, tx);
    return { user, provisioned: true };
  }

  private allowedEmail(settings: SsoSettingsRow, claims: Record<string, unknown>): string {
    const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : undefined;
    if (!email || !/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 254) {
      throw ssoError(403, 'SSO_EMAIL_NOT_ALLOWED', 'The identity provider sent no email address (the "email" scope and claim are needed)');
    }
    if (claims.email_verified === false) throw ssoError(403, 'SSO_EMAIL_NOT_ALLOWED', `The identity provider says ${email} is not verified`);
    const domain = email.split('@')[1]!;
    if (!settings.allowedDomains.includes(domain)) {
      throw ssoError(403, 'SSO_EMAIL_NOT_ALLOWED', `${email} is outside the organization's allowed email domains (${settings.allowedDomains.join(', ')})`);
    }
    return email;
  }

  /** The teams the provider's groups map to. */
  private teamsFor(settings: SsoSettingsRow, claims: Record<string, unknown>): number[] {
    const groups = settings.groupClaim ? claims[settings.groupClaim] : undefined;
    const names = new Set(Array.isArray(groups) ? groups.filter((group): group is string => typeof group === 'string') : typeof groups === 'string' ? [groups] : []);
    return [...new Set(settings.groupTeams.filter((mapping) => names.has(mapping.group)).map((mapping) => mapping.team_id))];
  }

  private async assertReady(settings: SsoSettingsRow): Promise<void> {
    const missing = [
      !settings.issuer && 'issuer',
      !settings.clientId && 'client_id',
      settings.allowedDomains.length === 0 && 'allowed_domains',
    ].filter((field): field is string => typeof field === 'string');
    if (missing.length > 0) throw ssoError(400, 'SSO_SETTINGS_INCOMPLETE', `Single sign-on cannot be enabled: ${missing.join(', ')} missing`);
    if (settings.groupTeams.length === 0 && !(await this.organizations.teamRowsOf(settings.organizationId)).some((team) => team.isDefault)) {
      throw ssoError(400, 'SSO_SETTINGS_INCOMPLETE', 'Single sign-on cannot be enabled: new members need a team to join — create a default team or map groups to teams');
    }
    await this.probe(settings);
  }

  private async probe(settings: SsoSettingsRow): Promise<Awaited<ReturnType<OidcProviders['probe']>>> {
    try {
      return await this.providers.probe(this.clientSettings(settings));
    } catch (error) {
      throw error instanceof OidcFailure ? failureOf(error) : error;
    }
  }

  private clientSettings(settings: SsoSettingsRow): OidcClientSettings {
    return {
      issuer: settings.issuer,
      clientId: settings.clientId,
      clientSecret: settings.clientSecretSealed ? this.secrets.open(settings.clientSecretSealed, secretContext(settings.organizationId)) : undefined,
    };
  }

  /** Discovery is cached per version of the settings, so a change is used at once by every process. */
  private version(settings: SsoSettingsRow): string {
    return `${settings.organizationId}:${settings.updatedAt.getTime()}`;
  }

  private view(organization: { id: number; slug: string; ssoEnabled: boolean }, settings: SsoSettingsRow | undefined, baseUrl: string): SsoSettingsView {
    return {
      configured: settings !== undefined,
      enabled: organization.ssoEnabled,
      issuer: settings?.issuer ?? null,
      client_id: settings?.clientId ?? null,
      client_secret_set: settings?.clientSecretSealed != null,
      allowed_domains: settings?.allowedDomains ?? [],
      default_role: settings?.defaultRole ?? 'member',
      group_claim: settings?.groupClaim ?? null,
      group_teams: settings?.groupTeams ?? [],
      enforce: settings?.enforce ?? false,
      redirect_uri: `${baseUrl}${SSO_CALLBACK_PATH}`,
      start_url: `${baseUrl}${ssoStartPath(organization.slug)}`,
    };
  }
}
