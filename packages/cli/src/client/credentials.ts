import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What `resoftai login` keeps: the server and an API key, or the token pair of a password login (never the password). */
export interface StoredLogin {
  server: string;
  api_key?: string;
  access_token?: string;
  refresh_token?: string;
  user?: string;
}

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RESOFTAI_CONFIG_DIR) return env.RESOFTAI_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'resoftai');
}

const credentialsFile = () => join(configDir(), 'credentials.json');

export function readStoredLogin(): StoredLogin | undefined {
  const file = credentialsFile();
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as StoredLogin;
}

/** Written readable by its owner only: it opens the account. */
export function storeLogin(login: StoredLogin): string {
  const dir = configDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = credentialsFile();
  writeFileSync(file, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

export function forgetLogin(): boolean {
  const file = credentialsFile();
  if (!existsSync(file)) return false;
  rmSync(file);
  return true;
}
