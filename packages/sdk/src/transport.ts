import createClient, { type Client } from 'openapi-fetch';
import { errorOf, NetworkError, retryAfterSecondsOf } from './errors.ts';
import type { paths } from './generated/api.ts';

/** The token pair the server issues at login; `onTokens` hands each new one over so it can be kept. */
export interface Tokens {
  access_token: string;
  refresh_token: string;
}

export interface ClientOptions {
  /** Where the server listens, e.g. `http://localhost:8000`; `''` in a browser page served by it. */
  baseUrl: string;
  /** An `rsk_…` API key: sent as `X-API-Key`, never expires, suits CI. */
  apiKey?: string;
  /** A JWT access token (with its refresh token, renewed when it expires). */
  token?: string;
  refreshToken?: string;
  /** Username or email and password: the client logs in on first use and again when the session ends. */
  credentials?: { login: string; password: string };
  /** Called with every token pair the client obtains (login or refresh). */
  onTokens?: (tokens: Tokens) => void;
  /** Called when the server refused the session's token and it could not be renewed (expired, revoked): sign in again. */
  onSessionEnded?: () => void;
  /** How many times a 429 or 503 reply is retried after its `Retry-After` (default 3). */
  maxRetries?: number;
  /** The longest single wait before a retry, in ms (default 30 s): a longer `Retry-After` is not waited out. */
  maxRetryDelayMs?: number;
  fetch?: typeof fetch;
}

const RETRIED_STATUSES = new Set([429, 503]);
const AUTH_PATHS = ['/api/auth/login', '/api/auth/refresh', '/api/auth/register'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Credentials and the token pair they lead to; at most one login or refresh runs at a time. */
export class Session {
  private tokens: Partial<Tokens>;
  private renewing: Promise<boolean> | undefined;

  constructor(private readonly options: ClientOptions, private readonly send: (request: Request) => Promise<Response>) {
    this.tokens = { access_token: options.token, refresh_token: options.refreshToken };
  }

  /** The credential for a Socket.IO handshake or a request. */
  async credential(): Promise<string | undefined> {
    if (this.options.apiKey) return this.options.apiKey;
    if (!this.tokens.access_token && this.options.credentials) await this.renew();
    return this.tokens.access_token;
  }

  async authorize(headers: Headers): Promise<void> {
    if (this.options.apiKey) headers.set('x-api-key', this.options.apiKey);
    else {
      const token = await this.credential();
      if (token) headers.set('authorization', `Bearer ${token}`);
    }
  }

  get holdsToken(): boolean {
    return !this.options.apiKey && Boolean(this.tokens.access_token ?? this.tokens.refresh_token);
  }

  get renewable(): boolean {
    return !this.options.apiKey && (Boolean(this.tokens.refresh_token) || Boolean(this.options.credentials));
  }

  /** A new access token: by refresh token first, by logging in again when that is refused. */
  renew(): Promise<boolean> {
    this.renewing ??= this.refreshOrLogin().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  /** Logs in with the given credentials (or those of the options) and keeps the tokens. */
  async login(credentials = this.options.credentials): Promise<Tokens & Record<string, unknown>> {
    if (!credentials) throw new Error('login needs credentials: { login, password }');
    const field = credentials.login.includes('@') ? 'email' : 'username';
    const response = await this.post('/api/auth/login', { [field]: credentials.login, password: credentials.password });
    if (!response.ok) throw await errorOf(response);
    const body = (await response.json()) as Tokens & Record<string, unknown>;
    this.keep({ access_token: body.access_token, refresh_token: body.refresh_token });
    return body;
  }

  forget(): void {
    this.tokens = {};
  }

  private async refreshOrLogin(): Promise<boolean> {
    const refresh = this.tokens.refresh_token;
    if (refresh) {
      const response = await this.send(new Request(`${this.options.baseUrl}/api/auth/refresh`, { method: 'POST', headers: { authorization: `Bearer ${refresh}` } }));
      if (response.ok) {
        const body = (await response.json()) as { access_token: string; refresh_token?: string };
        this.keep({ access_token: body.access_token, refresh_token: body.refresh_token ?? refresh });
        return true;
      }
    }
    if (!this.options.credentials) return false;
    await this.login();
    return true;
  }

  private keep(tokens: Tokens): void {
    this.tokens = tokens;
    this.options.onTokens?.(tokens);
  }

  private post(path: string, body: unknown): Promise<Response> {
    return this.send(new Request(`${this.options.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
  }
}

export interface Transport {
  /** The typed client of every operation in the OpenAPI document; refused replies throw an `ApiError`. */
  http: Client<paths>;
  session: Session;
  options: ClientOptions;
}

/** Requests with the session's credential, one renewal on 401, bounded retries on 429/503, errors thrown typed. */
export function createTransport(options: ClientOptions): Transport {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const maxRetries = options.maxRetries ?? 3;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
  const reach = async (request: Request): Promise<Response> => {
    try {
      return await baseFetch(request);
    } catch (error) {
      throw new NetworkError(`${request.method} ${request.url}: the server cannot be reached (${(error as Error).message})`, { cause: error });
    }
  };
  const session = new Session(options, reach);
  const authenticated = async (request: Request): Promise<Response> => {
    const attempt = request.clone();
    await session.authorize(attempt.headers);
    return reach(attempt);
  };
  const send = async (request: Request): Promise<Response> => {
    const isAuthCall = AUTH_PATHS.some((path) => new URL(request.url, 'http://base').pathname === path);
    const heldToken = session.holdsToken;
    let response = await authenticated(request);
    if (response.status === 401 && !isAuthCall && session.renewable && (await session.renew())) response = await authenticated(request);
    if (response.status === 401 && !isAuthCall && heldToken) {
      session.forget();
      options.onSessionEnded?.();
    }
    for (let retry = 0; RETRIED_STATUSES.has(response.status) && retry < maxRetries; retry++) {
      const waitMs = (retryAfterSecondsOf(response) ?? 2 ** retry) * 1000;
      if (waitMs > maxRetryDelayMs) break;
      await sleep(waitMs);
      response = await authenticated(request);
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  };
  return { http: createClient<paths>({ baseUrl: options.baseUrl, fetch: send }), session, options };
}

/** The body of a call that succeeded (the transport has thrown for every other). */
export async function dataOf<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  const { data } = await call;
  return data as T;
}

/** A list and its total from `X-Total-Count`. */
export async function pageOf<T>(call: Promise<{ data?: T[]; response: Response }>): Promise<{ items: T[]; total: number }> {
  const { data, response } = await call;
  const items = data ?? [];
  return { items, total: Number(response.headers.get('x-total-count') ?? items.length) };
}
