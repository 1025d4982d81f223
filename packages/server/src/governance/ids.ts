import { randomBytes } from 'node:crypto';

/** A CodeRev identifier: `<prefix>-` and 24 random hex digits (`req-…`, `exp-…`, `promo-…`, `q-…`, `key-…`). */
export const prefixedId = (prefix: string): string => `${prefix}-${randomBytes(12).toString('hex')}`;
