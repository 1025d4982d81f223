// The one door to the HTTP API: tokens, refresh, the error envelope. Pages reach it through hooks.

export interface ValidationDetail {
  loc: Array<string | number>;
  msg: string;
  type: string;
}

interface ErrorEnvelope {
  detail: string | ValidationDetail[];
  status_code: number;
  error_code: string;
  request_id?: string;
}

/** A refused or failed call: the server's envelope, or `network` when the server could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly fields: ValidationDetail[];
  readonly retryAfterSeconds: number | undefined;
  readonly requestId: string | undefined;

  constructor(status: number, errorCode: string, message: string, options: { fields?: ValidationDetail[]; retryAfterSeconds?: number; requestId?: string } = {}) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.fields = options.fields ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.requestId = options.requestId;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }

  /** The message the server gave for one body field (`detail[].loc` ending in it). */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((detail) => detail.loc.at(-1) === field)?.msg;
  }
}

interface Tokens {
  access_token: string;
  refresh_token: string;
}

const TOKENS_KEY = 'resoftai.tokens';

function readTokens(): Tokens | undefined {
  try {
    const stored = localStorage.getItem(TOKENS_KEY);
    return stored ? (JSON.parse(stored) as Tokens) : undefined;
  } catch {
    return undefined;
  }
}

let tokens: Tokens | undefined = readTokens();
const sessionListeners = new Set<() => void>();

export function saveTokens(next: Tokens | undefined): void {
  tokens = next;
  if (next) localStorage.setItem(TOKENS_KEY, JSON.stringify(next));
  else localStorage.removeItem(TOKENS_KEY);
}

export function accessToken(): string | undefined {
  return tokens?.access_token;
}

/** Called when the session ended (refresh refused): the app returns to sign-in, keeping the page to come back to. */
export function onSessionEnded(listener: () => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

async function errorOf(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('retry-after'));
  let envelope: ErrorEnvelope | undefined;
  try {
    envelope = (await response.json()) as ErrorEnvelope;
  } catch {
    envelope = undefined;
  }
  const fields = Array.isArray(envelope?.detail) ? envelope.detail : [];
  const message = typeof envelope?.detail === 'string' ? envelope.detail : fields.map((field) => field.msg).join('; ') || response.statusText;
  return new ApiError(response.status, envelope?.error_code ?? `HTTP_${response.status}`, message, {
    fields,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    requestId: envelope?.request_id ?? response.headers.get('x-request-id') ?? undefined,
  });
}

let refreshing: Promise<boolean> | undefined;

/** One refresh at a time, however many calls found the access token expired. */
function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const refresh = tokens?.refresh_token;
    if (!refresh) return false;
    try {
      const response = await fetch('/api/auth/refresh', { method: 'POST', headers: { authorization: `Bearer ${refresh}` } });
      if (!response.ok) return false;
      const body = (await response.json()) as { access_token: string };
      saveTokens({ access_token: body.access_token, refresh_token: refresh });
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Return the raw response (downloads) instead of parsed JSON. */
  raw?: boolean;
}

function urlOf(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {};
  if (tokens) headers.authorization = `Bearer ${tokens.access_token}`;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  try {
    return await fetch(urlOf(path, options.query), { method, headers, body });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached');
  }
}

/** A call with the session's token; an expired token is refreshed once and the call repeated. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(method, path, options);
  if (response.status === 401 && tokens && !path.startsWith('/api/auth/login')) {
    if (await refreshSession()) response = await send(method, path, options);
    else {
      saveTokens(undefined);
      for (const listener of sessionListeners) listener();
    }
  }
  if (!response.ok) throw await errorOf(response);
  if (options.raw) return response as T;
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A list whose total the server sends in `X-Total-Count`. */
export async function requestPage<T>(path: string, query: RequestOptions['query']): Promise<{ items: T[]; total: number }> {
  const response = await request<Response>('GET', path, { query, raw: true });
  const items = (await response.json()) as T[];
  return { items, total: Number(response.headers.get('x-total-count') ?? items.length) };
}

/** Saves a response body as a file the browser downloads. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await request<Response>('GET', path, { raw: true });
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : plain ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
