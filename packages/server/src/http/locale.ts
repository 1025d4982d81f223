import type { Locale } from '@resoftai/analyzer';

const DEFAULT_LOCALE: Locale = 'en';

/**
 * The message language for an `Accept-Language` header: the highest-weighted `zh*` or `en*` range
 * (earlier wins a tie), English when neither is listed.
 */
export function localeOf(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  let best: { locale: Locale; weight: number } | undefined;
  for (const range of header.split(',')) {
    const [tag = '', ...params] = range.trim().toLowerCase().split(';');
    const primary = tag.trim().split('-')[0];
    if (primary !== 'zh' && primary !== 'en') continue;
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    if (!Number.isFinite(weight) || weight <= 0) continue;
    if (!best || weight > best.weight) best = { locale: primary, weight };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}
