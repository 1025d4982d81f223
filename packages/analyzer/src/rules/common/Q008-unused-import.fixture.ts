// ruleid: Q008
import { readFileSync } from 'node:fs';
// ok: Q008
import { join } from 'node:path';
// ok: Q008
import type { Stats } from 'node:fs';

export const where = join('a', 'b');
export type S = Stats;
