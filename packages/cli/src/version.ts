import { readFileSync } from 'node:fs';

/** The CLI's own package version: what `resoftai --version` prints. */
export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
