import { readFileSync } from 'node:fs';

// Every package of the platform carries its version, so a server installed from its package reads its own.
const serverPackage = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const VERSION = serverPackage.version;
