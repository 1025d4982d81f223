import { type MessageKey, useI18n } from '../../i18n.tsx';
import { type AnalysisLanguage, LANGUAGE_LABELS } from './languages.ts';
import { SEVERITIES } from './review-api.ts';

/** A severity in its colour, with a count when given. */
export function SeverityBadge({ severity, count }: { severity: string; count?: number }) {
  const { t } = useI18n();
  const label = (SEVERITIES as readonly string[]).includes(severity) ? t(`review.severity.${severity}` as MessageKey) : severity;
  return <span className={`badge severity-${severity}`}>{count === undefined ? label : `${label} ${count}`}</span>;
}

export const languageLabel = (language: string) => LANGUAGE_LABELS[language as AnalysisLanguage] ?? language;
