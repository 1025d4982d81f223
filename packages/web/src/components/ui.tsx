import { type ReactNode, useId } from 'react';
import { type ApiError, fieldMessage, isNetworkError } from '../api/client.ts';
import { type MessageKey, useI18n } from '../i18n.tsx';

/** The message of a failed call as a person should read it: network and rate limits in their own words. */
export function ErrorBanner({ error, onRetry }: { error: ApiError | undefined; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const message = isNetworkError(error)
    ? t('error.network')
    : error.status === 429
      ? t('error.rateLimited', { seconds: error.retryAfterSeconds ?? 60 })
      : error.message;
  return (
    <div className="banner banner-error" role="alert">
      <span>{message}</span>
      {onRetry && <button type="button" className="button button-small" onClick={onRetry}>{t('error.retry')}</button>}
    </div>
  );
}

interface FieldProps {
  label: string;
  name: string;
  error?: ApiError;
  hint?: string;
  children: (props: { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
}

/** A labelled control with its hint and the server's message for this field (`detail[].loc`). */
export function Field({ label, name, error, hint, children }: FieldProps) {
  const id = useId();
  const message = error ? fieldMessage(error, name) : undefined;
  const describedBy = [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-invalid': Boolean(message), 'aria-describedby': describedBy })}
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {message && <p className="field-error" id={`${id}-error`} role="alert">{message}</p>}
    </div>
  );
}

/** A form-level error that names no field (the field ones are shown under their control). */
export function FormError({ error }: { error: ApiError | undefined }) {
  return error && error.fields.length === 0 ? <ErrorBanner error={error} /> : null;
}

export function Loading() {
  const { t } = useI18n();
  return <p className="muted" role="status">{t('common.loading')}</p>;
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <span className={`badge badge-${status}`}>{t(`status.${status}` as MessageKey)}</span>;
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value}>
      <div className="progress-fill" style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
    </div>
  );
}
