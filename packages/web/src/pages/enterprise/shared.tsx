import { useEffect, useEffectEvent, useMemo } from 'react';
import type { ApiError } from '../../api/client.ts';
import { ErrorBanner } from '../../components/ui.tsx';
import { type Language, useI18n } from '../../i18n.tsx';
import { Forbidden } from '../Forbidden.tsx';
import { NotFound } from '../NotFound.tsx';

/** A page's load failure: the 403 page when the server refuses, the 404 page when it does not know it, a banner otherwise. */
export function PageFailure({ error, onRetry }: { error: ApiError | undefined; onRetry: () => void }) {
  if (error?.status === 403) return <Forbidden />;
  if (error?.status === 404) return <NotFound />;
  return <ErrorBanner error={error} onRetry={onRetry} />;
}

/** Whether a load failed so that the page itself cannot be shown (403 or 404). */
export const isPageRefusal = (error: ApiError | undefined) => error?.status === 403 || error?.status === 404;

/** Calls `refresh` every `intervalMs` while the tab is visible, and once more when it becomes visible again. */
export function useAutoRefresh(refresh: () => void, intervalMs: number): void {
  const tick = useEffectEvent(refresh);
  useEffect(() => {
    const timer = setInterval(() => {
      if (!document.hidden) tick();
    }, intervalMs);
    const onVisible = () => {
      if (!document.hidden) tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [intervalMs]);
}

const locale = (language: Language) => (language === 'zh' ? 'zh-CN' : 'en');

/** Number, money, percentage and date formats in the page's language (the same functions until the language changes). */
export function useFormats() {
  const { language } = useI18n();
  return useMemo(() => {
    const tag = locale(language);
    const integer = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
    const decimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
    const money = new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
    const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
    const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    const time = new Intl.DateTimeFormat(tag, { timeStyle: 'medium' });
    return {
      integer: (value: number) => integer.format(value),
      decimal: (value: number) => decimal.format(value),
      money: (value: number) => money.format(value),
      /** A rate of 0–1; null (no data) as a dash. */
      percent: (value: number | null) => (value === null ? '—' : percent.format(value)),
      dateTime: (value: string) => dateTime.format(new Date(value)),
      time: (value: Date) => time.format(value),
    };
  }, [language]);
}
