import * as oidc from 'openid-client';

export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
}

/** Why a provider could not be used or its answer was refused, with what a person should read. */
export class OidcFailure extends Error {
  constructor(
    readonly kind: 'discovery' | 'provider' | 'token',
    message: string,
  ) {
    super(message);
    this.name = 'OidcFailure';
  }
}

const DISCOVERY_TTL_MS = 10 * 60_000;
const HTTP_TIMEOUT_SECONDS = 10;

// A provider on the same machine may speak plain HTTP (development, tests); anywhere else HTTPS is required.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function issuerUrl(issuer: string): URL {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new OidcFailure('discovery', `The issuer "${issuer}" is not a URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw new OidcFailure('discovery', `The issuer must use https (plain http only on this machine's loopback): ${issuer}`);
  }
  return url;
}

function describe(error: unknown): string {
  if (error instanceof oidc.ResponseBodyError) return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** What was wrong with a refused ID token, in the words of the check that failed (openid-client wraps it as `cause`). */
function tokenProblem(error: oidc.ClientError): string | undefined {
  const check = error.cause instanceof Error ? error.cause.message : error.message;
  switch (error.code) {
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
      return check;
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      return `the ID token is outside its validity period: ${check}`;
    case 'OAUTH_KEY_SELECTION_FAILED':
      return `no key of the provider's JWKS matches the ID token's signature: ${check}`;
    case 'OAUTH_INVALID_RESPONSE':
      return /signature/i.test(check) ? 'the ID token\'s signature does not verify with the provider\'s keys' : `the provider's answer is invalid: ${check}`;
    default:
      return undefined;
  }
}

/**
 * Identity providers reached through openid-client: discovery (cached per settings version), the authorization
 * request with PKCE, state and nonce, and the code exchange with the ID token's signature checked against the JWKS.
 */
export class OidcProviders {
  private readonly configurations = new Map<string, { configuration: Promise<oidc.Configuration>; expiresAt: number }>();

  /** Discovers the provider afresh, for a connection test; the keys it publishes are counted. */
  async probe(settings: OidcClientSettings): Promise<{ issuer: string; authorizationEndpoint: string; tokenEndpoint: string; jwksKeys: number }> {
    const configuration = await this.discover(settings);
    const metadata = configuration.serverMetadata();
    if (!metadata.jwks_uri) throw new OidcFailure('discovery', 'The provider publishes no jwks_uri, so ID token signatures cannot be checked');
    let keys: unknown;
    try {
      const response = await fetch(metadata.jwks_uri, { signal: AbortSignal.timeout(HTTP_TIMEOUT_SECONDS * 1000), headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      keys = ((await response.json()) as { keys?: unknown }).keys;
    } catch (error) {
      throw new OidcFailure('discovery', `The provider's JWKS (${metadata.jwks_uri}) could not be read: ${describe(error)}`);
    }
    return {
      issuer: metadata.issuer,
      authorizationEndpoint: metadata.authorization_endpoint ?? '',
      tokenEndpoint: metadata.token_endpoint ?? '',
      jwksKeys: Array.isArray(keys) ? keys.length : 0,
    };
  }

  /** The provider's address to send the browser to, and the checks the callback must then pass. */
  async authorizationRequest(version: string, settings: OidcClientSettings, redirectUri: string): Promise<{ url: string; state: string; nonce: string; codeVerifier: string }> {
    const configuration = await this.configuration(version, settings);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Exchanges the callback's code; the ID token's signature, issuer, audience, nonce and expiry are all checked. */
  async exchange(
    version: string,
    settings: OidcClientSettings,
    callbackUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<{ subject: string; claims: Record<string, unknown> }> {
    const configuration = await this.configuration(version, settings);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true,
      });
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError) {
        throw new OidcFailure('provider', `The identity provider refused the sign-in: ${error.error}${error.error_description ? ` (${error.error_description})` : ''}`);
      }
      if (error instanceof oidc.ClientError) {
        const problem = tokenProblem(error);
        if (problem) throw new OidcFailure('token', `The identity provider's ID token was refused: ${problem}`);
      }
      throw new OidcFailure('provider', `The code could not be exchanged at the identity provider: ${describe(error)}`);
    }
    const claims = tokens.claims();
    if (!claims) throw new OidcFailure('token', 'The identity provider returned no ID token');
    if (claims.email !== undefined || !configuration.serverMetadata().userinfo_endpoint) return { subject: claims.sub, claims: { ...claims } };
    // Providers that keep the ID token small hand the profile out at the userinfo endpoint, for the same subject only.
    try {
      const profile = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      return { subject: claims.sub, claims: { ...profile, ...claims } };
    } catch (error) {
      throw new OidcFailure('provider', `The identity provider's userinfo could not be read: ${describe(error)}`);
    }
  }

  private configuration(version: string, settings: OidcClientSettings): Promise<oidc.Configuration> {
    const now = Date.now();
    for (const [key, entry] of this.configurations) if (entry.expiresAt <= now) this.configurations.delete(key);
    const cached = this.configurations.get(version);
    if (cached) return cached.configuration;
    const configuration = this.discover(settings);
    this.configurations.set(version, { configuration, expiresAt: now + DISCOVERY_TTL_MS });
    configuration.catch(() => this.configurations.delete(version));
    return configuration;
  }

  private async discover(settings: OidcClientSettings): Promise<oidc.Configuration> {
    const url = issuerUrl(settings.issuer);
    const insecure = url.protocol === 'http:';
    try {
      return await oidc.discovery(
        url,
        settings.clientId,
        undefined,
        settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
        { execute: [...(insecure ? [oidc.allowInsecureRequests] : []), oidc.enableNonRepudiationChecks], timeout: HTTP_TIMEOUT_SECONDS },
      );
    } catch (error) {
      throw new OidcFailure('discovery', `Discovery at ${url.href} failed: ${describe(error)}`);
    }
  }
}
