// Single sign-on settings of an organisation, through the SDK (the app's session, retries and error envelope).
import type { JsonBody, Schemas } from '@resoftai/sdk';
import { api } from './client.ts';

export type SsoRole = Schemas['SsoSettings']['default_role'];
export const SSO_ROLES: SsoRole[] = ['admin', 'member', 'viewer'];
export type SsoGroupTeam = Schemas['SsoSettings']['group_teams'][number];
export type SsoSettings = Schemas['SsoSettings'];
export type SsoSettingsInput = JsonBody<'putOrganizationsByOrgIdSso'>;
export type SsoTestResult = Schemas['SsoConnectionTest'];

export const sso = {
  /** The organisation's settings: its owners and admins and platform administrators (404 for others). */
  get: (organizationId: number) => api.organizations.sso(organizationId),
  /** Turns single sign-on on or off, keeping the stored settings; the same call as `save`, for those who may not change the organisation itself. */
  setEnabled: (organizationId: number, stored: SsoSettings & { issuer: string; client_id: string }, enabled: boolean) => api.organizations.configureSso(organizationId, {
    issuer: stored.issuer, client_id: stored.client_id, allowed_domains: stored.allowed_domains, default_role: stored.default_role,
    group_claim: stored.group_claim, group_teams: stored.group_teams, enforce: stored.enforce, enabled,
  }),
  save: (organizationId: number, body: SsoSettingsInput) => api.organizations.configureSso(organizationId, body),
  /** Discovery and signing keys of the stored settings. */
  test: (organizationId: number) => api.organizations.testSso(organizationId),
};

/** Where the browser goes to sign in through the organisation's provider (a full page load: the server redirects on). */
export const ssoStartUrl = (slug: string, returnTo: string) =>
  `/api/auth/sso/${encodeURIComponent(slug)}/start?return_to=${encodeURIComponent(returnTo)}`;

/** A path inside this app to go to after sign-in: one leading `/` (not `//` or `/\`, which leave the site), else `/`. */
export function safeReturnPath(candidate: string | null | undefined): string {
  if (!candidate || !/^\/(?![/\\])/.test(candidate)) return '/';
  const url = new URL(candidate, window.location.origin);
  return url.origin === window.location.origin ? `${url.pathname}${url.search}${url.hash}` : '/';
}
