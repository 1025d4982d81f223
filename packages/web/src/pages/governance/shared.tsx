import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { type ApiError, fieldMessage } from '../../api/client.ts';
import { ErrorBanner } from '../../components/ui.tsx';
import { type MessageKey, type Translate, useI18n } from '../../i18n.tsx';
import './governance.css';

/** True when the server refused the page's own load for the user's role: the page shows the 403 page instead. */
export const isForbidden = (...errors: (ApiError | undefined)[]) => errors.some((error) => error?.status === 403);

export function useDateTime() {
  const { language } = useI18n();
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' });
}

/** A 0–1 rate as a percentage; unmeasured values say so. */
export const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)} %`);
export const milliseconds = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${Math.round(value)} ms`);

/** What an approval request would do once signed, read from its payload. */
export function describeOperation(t: Translate, operationType: string, payload: Record<string, unknown>): string {
  const text = (key: string) => (payload[key] === null || payload[key] === undefined ? '—' : String(payload[key]));
  switch (operationType) {
    case 'version_promotion':
      return payload.previous_version_id === null
        ? t('governance.op.version_promotion_first', { experiment: text('experiment_id') })
        : t('governance.op.version_promotion', { experiment: text('experiment_id'), previous: text('previous_version_id') });
    case 'version_demotion':
      return t('governance.op.version_demotion', { version: text('version_id'), restore: text('restore_version_id') });
    case 'config_change':
      return t('governance.op.config_change', { setting: text('setting'), from: text('from'), to: text('to') });
    case 'data_export':
      return t('governance.op.data_export', { format: text('format').toUpperCase(), from: text('from_ts'), to: text('to_ts') });
    case 'user_deletion':
      return t('governance.op.user_deletion', { user: text('user_id') });
    default:
      return operationType;
  }
}

export const operationName = (t: Translate, operationType: string) => t(`governance.opName.${operationType}` as MessageKey);

/** Shown after an operation opened an approval request: nothing changes until enough administrators sign it. */
export function RequestOpened({ requestId, children }: { requestId: string; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="banner banner-info gov-opened" role="status">
      <span>{t('governance.requestOpened')}</span>
      <Link className="mono" to={`/admin/multisig/requests/${encodeURIComponent(requestId)}`}>{requestId}</Link>
      {children}
    </div>
  );
}

/** A refused submission unless a field of the form shows its problem (unmet criteria, a bad signature, a conflict…). */
export function UnplacedError({ error, fields }: { error: ApiError | undefined; fields: string[] }) {
  const placed = error !== undefined && fields.some((field) => fieldMessage(error, field) !== undefined);
  return placed ? null : <ErrorBanner error={error} />;
}
