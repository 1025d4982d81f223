// The one door to the HTTP API: the SDK's ResoftClient with the session kept in the browser. Pages reach it through hooks.
import { ApiError, NetworkError, ResoftClient, type Tokens } from '@resoftai/sdk';

export { ApiError };

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

function saveTokens(next: Tokens | undefined): void {
  tokens = next;
  if (next) localStorage.setItem(TOKENS_KEY, JSON.stringify(next));
  else localStorage.removeItem(TOKENS_KEY);
}

/** The app's client: same origin, the stored session renewed by its refresh token, every new pair kept. */
export const api = new ResoftClient({
  baseUrl: '',
  token: tokens?.access_token,
  refreshToken: tokens?.refresh_token,
  onTokens: saveTokens,
  onSessionEnded: () => {
    saveTokens(undefined);
    for (const listener of sessionListeners) listener();
  },
});

export function accessToken(): string | undefined {
  return tokens?.access_token;
}

/**
 * Keeps a token pair obtained outside the client (single sign-on hands it to the page) where password sign-in keeps its
 * pair; the client reads it when the app next loads.
 */
export function storeTokens(next: Tokens): void {
  saveTokens({ access_token: next.access_token, refresh_token: next.refresh_token });
}

/** Forgets the stored session (after signing out). */
export function clearSession(): void {
  saveTokens(undefined);
}

/** Called when the session ended (refresh refused): the app returns to sign-in, keeping the page to come back to. */
export function onSessionEnded(listener: () => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** Any failure as an `ApiError`; one that never reached the server has status 0. */
export function asApiError(failure: unknown): ApiError {
  if (failure instanceof ApiError) return failure;
  if (failure instanceof NetworkError) return new ApiError(0, 'NETWORK', 'The server cannot be reached');
  return new ApiError(0, 'CLIENT', String(failure));
}

export const isNetworkError = (error: ApiError) => error.status === 0 && error.errorCode === 'NETWORK';

/** The message the server gave for one body field (`detail[].loc` ending in it). */
export const fieldMessage = (error: ApiError, field: string) => error.fields.find((detail) => detail.loc.at(-1) === field)?.msg;

/** Saves a downloaded body as a file, under the name the server's Content-Disposition gives. */
export async function saveDownload(call: Promise<{ data?: Blob; response: Response }>, fallbackName: string): Promise<void> {
  const { data, response } = await call;
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  saveBlob(data!, encoded ? decodeURIComponent(encoded) : plain ?? fallbackName);
}

/** Offers a blob made in the page (or downloaded) as a file to save. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
