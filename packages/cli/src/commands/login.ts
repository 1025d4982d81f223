import { ResoftClient } from '@resoftai/sdk';
import type { Command } from 'commander';
import { forgetLogin, readStoredLogin, storeLogin } from '../client/credentials.ts';
import { InterruptedError, UsageError } from '../errors.ts';

interface LoginFlags {
  server: string;
  apiKey?: string;
  user?: string;
  passwordStdin?: boolean;
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new InterruptedError('login interrupted'));
          return;
        }
        value = char === '\u007f' || char === '\b' ? value.slice(0, -1) : value + char;
      }
    };
    stdin.on('data', onData);
  });
}

async function passwordOf(flags: LoginFlags): Promise<string> {
  if (flags.passwordStdin) return readStdin();
  if (!process.stdin.isTTY) throw new UsageError('no terminal to ask the password on: pass it with --password-stdin');
  return promptHidden(`password for ${flags.user}: `);
}

/** `resoftai login` / `logout`: keeps the server and a credential in the user's config directory (0600). */
export function registerLoginCommands(program: Command): void {
  program
    .command('login')
    .description('Sign in to a ResoftAI server for the client commands (project, build, review --server)')
    .option('--server <url>', 'server URL', process.env.RESOFTAI_URL ?? 'http://127.0.0.1:8000')
    .option('--api-key <key>', 'keep an rsk_ API key (suits CI); checked against the server first')
    .option('-u, --user <login>', 'username or email; the password is asked, or read with --password-stdin')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (flags: LoginFlags) => {
      const server = flags.server.replace(/\/+$/, '');
      if (Boolean(flags.apiKey) === Boolean(flags.user)) throw new UsageError('give either --api-key KEY or --user LOGIN');
      if (flags.apiKey) {
        const me = await new ResoftClient({ baseUrl: server, apiKey: flags.apiKey }).auth.me();
        const file = storeLogin({ server, api_key: flags.apiKey, user: me.username });
        console.log(`logged in to ${server} as ${me.username} with an API key (kept in ${file})`);
        return;
      }
      const client = new ResoftClient({ baseUrl: server });
      const session = await client.auth.login({ login: flags.user!, password: await passwordOf(flags) });
      const user = (session.user as { username: string }).username;
      const file = storeLogin({ server, access_token: session.access_token, refresh_token: session.refresh_token, user });
      console.log(`logged in to ${server} as ${user} (session kept in ${file})`);
    });

  program
    .command('logout')
    .description('Forget the credential kept by `resoftai login`')
    .action(async () => {
      const stored = readStoredLogin();
      // A password login's session is ended on the server too; an API key stays valid until revoked.
      if (stored?.access_token) await new ResoftClient({ baseUrl: stored.server, token: stored.access_token }).auth.logout().catch(() => undefined);
      console.log(forgetLogin() ? 'logged out' : 'not logged in');
    });
}
