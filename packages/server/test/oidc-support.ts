// A real OpenID Connect provider (oidc-provider) on loopback for single sign-on tests, and a way to tamper with the
// ID tokens its token endpoint issues (wrong audience, expired, signed by another key) without faking the protocol.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import Provider from 'oidc-provider';

export interface TestAccount {
  email: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

/** Rewrites an ID token's claims; `otherKey` signs it with a key the provider never published. */
export interface IdTokenTamper {
  claims?: (claims: JWTPayload) => JWTPayload;
  otherKey?: boolean;
}

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Applied to the ID token of every token response until cleared. */
  tamper: IdTokenTamper | undefined;
  close(): Promise<void>;
}

export async function startIdentityProvider(options: { redirectUris: string[]; clientId?: string; clientSecret?: string }): Promise<TestIdentityProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingJwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' } as JWK;
  const other = await generateKeyPair('RS256', { extractable: true });
  const accounts = new Map<string, TestAccount>();
  const clientId = options.clientId ?? 'resoftai';
  const clientSecret = options.clientSecret ?? 'a-client-secret-for-tests-only';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [signingJwk] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    // A first-party client: consent is implied, so the provider asks only for the login.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
  });
  const state: TestIdentityProvider = {
    issuer, clientId, clientSecret, accounts, tamper: undefined,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  provider.use(async (ctx, next) => {
    await next();
    const tamper = state.tamper;
    const body = ctx.body as { id_token?: string } | undefined;
    if (!tamper || ctx.path !== '/token' || typeof body?.id_token !== 'string') return;
    const claims = tamper.claims ? tamper.claims(decodeJwt(body.id_token)) : decodeJwt(body.id_token);
    const key = tamper.otherKey ? other.privateKey : await importJWK(signingJwk, 'RS256');
    body.id_token = await new SignJWT(claims).setProtectedHeader({ ...decodeProtectedHeader(body.id_token), alg: 'RS256', kid: 'test-key' }).sign(key);
  });
  server.on('request', provider.callback());
  return state;
}

/** Cookies kept between requests, the way a browser keeps them for one site. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, index).trim(), pair!.slice(index + 1).trim());
    }
  }
}

/**
 * Walks the provider's side of a sign-in as a browser would: the authorization request, the login form (devInteractions,
 * account id as login), and the redirects back; returns the callback URL the provider sends the browser to.
 */
export async function signInAtProvider(authorizationUrl: string, accountId: string, rewrite?: (url: URL) => void): Promise<URL> {
  const jar = new CookieJar();
  const target = new URL(authorizationUrl);
  rewrite?.(target);
  let url = target.href;
  for (let hop = 0; hop < 10; hop += 1) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(response);
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.origin !== target.origin) return next;
      url = next.href;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action || !html.includes('name="login"')) throw new Error(`unexpected page at ${url}: ${response.status} ${html.slice(0, 300)}`);
    const submitted = await fetch(new URL(action, url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login: accountId, password: 'any' }).toString(),
    });
    jar.store(submitted);
    url = new URL(submitted.headers.get('location')!, url).href;
  }
  throw new Error('the provider never sent the browser back');
}
