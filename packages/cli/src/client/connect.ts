import { type ClientOptions, CodeRevClient, ResoftClient } from '@resoftai/sdk';
import { UsageError } from '../errors.ts';
import { readStoredLogin, storeLogin } from './credentials.ts';

/** Options every client command takes; flags win over the environment, which wins over `resoftai login`. */
export interface ConnectionFlags {
  server?: string;
  token?: string;
}

const DEFAULT_SERVER = 'http://127.0.0.1:8000';

function clientOptions(flags: ConnectionFlags): ClientOptions {
  const stored = readStoredLogin();
  const server = (flags.server ?? process.env.RESOFTAI_URL ?? stored?.server ?? DEFAULT_SERVER).replace(/\/+$/, '');
  const explicit = flags.token ?? process.env.RESOFTAI_TOKEN ?? process.env.RESOFTAI_API_KEY;
  if (explicit) return explicit.startsWith('rsk_') ? { baseUrl: server, apiKey: explicit } : { baseUrl: server, token: explicit };
  if (!stored || stored.server !== server) {
    throw new UsageError(`not logged in to ${server}: run \`resoftai login --server ${server}\`, or pass --token (or set RESOFTAI_TOKEN)`);
  }
  if (stored.api_key) return { baseUrl: server, apiKey: stored.api_key };
  // A renewed session replaces the stored one, so the next command starts from it.
  return { baseUrl: server, token: stored.access_token, refreshToken: stored.refresh_token, onTokens: (tokens) => storeLogin({ ...stored, ...tokens }) };
}

export const resoftClient = (flags: ConnectionFlags) => new ResoftClient(clientOptions(flags));
export const codeRevClient = (flags: ConnectionFlags) => new CodeRevClient(clientOptions(flags));
