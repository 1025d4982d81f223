import { type FormEvent, useState } from 'react';
import { apiKeys } from '../api/resources.ts';
import { ErrorBanner, Field, FormError, Loading } from '../components/ui.tsx';
import { useAction, useResource } from '../hooks/resource.ts';
import { useI18n } from '../i18n.tsx';

export function ApiKeys() {
  const { t, language } = useI18n();
  const list = useResource(() => apiKeys.list(), 'api-keys');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string>();
  const [copied, setCopied] = useState(false);
  const create = useAction(async () => {
    const created = await apiKeys.create(name);
    setSecret(created.key);
    setCopied(false);
    setName('');
    list.reload();
  });
  const revoke = useAction(async (id: number) => {
    await apiKeys.remove(id);
    list.reload();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  const date = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <div className="page-head"><div><h1>{t('keys.title')}</h1><p className="muted">{t('keys.text')}</p></div></div>
      <form className="card form form-inline" onSubmit={submit} noValidate>
        <Field label={t('keys.name')} name="name" error={create.error}>
          {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} required />}
        </Field>
        <button type="submit" className="button button-primary" disabled={create.busy}>{t('keys.create')}</button>
      </form>
      <FormError error={create.error} />
      {secret && (
        <div className="banner banner-ok secret" role="status">
          <span>{t('keys.shownOnce')}</span>
          <code className="mono" data-testid="api-key-secret">{secret}</code>
          <button type="button" className="button button-small" onClick={() => void navigator.clipboard.writeText(secret).then(() => setCopied(true))}>
            {copied ? t('common.copied') : t('common.copy')}
          </button>
        </div>
      )}
      <ErrorBanner error={list.error ?? revoke.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.length === 0 && <p className="empty">{t('keys.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <table className="table">
          <thead><tr><th>{t('keys.name')}</th><th>{t('projects.created')}</th><th>{t('keys.lastUsed')}</th><th><span className="sr-only">{t('keys.revoke')}</span></th></tr></thead>
          <tbody>
            {list.data.map((key) => (
              <tr key={key.id}>
                <td><strong>{key.name}</strong> <span className="mono muted small">{key.prefix}…</span></td>
                <td>{date.format(new Date(key.created_at))}</td>
                <td>{key.last_used_at ? date.format(new Date(key.last_used_at)) : t('keys.never')}</td>
                <td><button type="button" className="button button-small button-ghost" aria-label={`${t('keys.revoke')} ${key.name}`} onClick={() => void revoke.run(key.id)}>{t('keys.revoke')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
