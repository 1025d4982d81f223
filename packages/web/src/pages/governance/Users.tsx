import { type FormEvent, useState } from 'react';
import { ErrorBanner, Field, Loading } from '../../components/ui.tsx';
import { useAction, useResource } from '../../hooks/resource.ts';
import { useSession } from '../../hooks/session.tsx';
import { useI18n } from '../../i18n.tsx';
import { Forbidden } from '../Forbidden.tsx';
import { type AdminUser, adminUsers, type UserQuery } from './governance-api.ts';
import { isForbidden, RequestOpened, UnplacedError, useDateTime } from './shared.tsx';

const PAGE_SIZE = 20;

/** The action that needs a reason, open under the table for one user. */
type ReasonForm = { kind: 'suspend' | 'delete'; user: AdminUser };

function ReasonPanel({ form, onDone, onDeletionRequested }: { form: ReasonForm; onDone: () => void; onDeletionRequested: (requestId: string) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const submit = useAction(async () => {
    if (form.kind === 'suspend') await adminUsers.suspend(form.user.id, reason);
    else onDeletionRequested((await adminUsers.remove(form.user.id, reason)).request_id);
    onDone();
  });
  const send = (event: FormEvent) => {
    event.preventDefault();
    const question = form.kind === 'delete' ? t('governance.users.confirmDelete', { name: form.user.username }) : t('governance.users.confirmSuspend', { name: form.user.username });
    if (window.confirm(question)) void submit.run();
  };
  return (
    <form className="card form" onSubmit={send} noValidate aria-labelledby="user-reason-title">
      <h2 id="user-reason-title">{t(form.kind === 'delete' ? 'governance.users.deleteTitle' : 'governance.users.suspendTitle', { name: form.user.username })}</h2>
      <p className="muted">{t(form.kind === 'delete' ? 'governance.users.deleteText' : 'governance.users.suspendText')}</p>
      <Field label={t('governance.reason')} name="reason" error={submit.error}>
        {(props) => <textarea {...props} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} required />}
      </Field>
      <UnplacedError error={submit.error} fields={['reason']} />
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>{t('common.cancel')}</button>
        <button type="submit" className="button button-danger" disabled={submit.busy}>{t(form.kind === 'delete' ? 'governance.users.requestDelete' : 'governance.users.suspend')}</button>
      </div>
    </form>
  );
}

export function Users() {
  const { t } = useI18n();
  const date = useDateTime();
  const { user: me } = useSession();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState<UserQuery>({ page: 1, limit: PAGE_SIZE });
  const list = useResource(() => adminUsers.list(query), JSON.stringify(query));
  const [form, setForm] = useState<ReasonForm>();
  const [deletionRequest, setDeletionRequest] = useState<string>();
  const [temporary, setTemporary] = useState<{ username: string; password: string; expiresAt: string; copied: boolean }>();
  const reactivate = useAction(async (user: AdminUser) => {
    await adminUsers.reactivate(user.id);
    list.reload();
  });
  const reset = useAction(async (user: AdminUser) => {
    const issued = await adminUsers.resetPassword(user.id);
    setTemporary({ username: user.username, password: issued.temporary_password, expiresAt: issued.expires_at, copied: false });
    list.reload();
  });
  const setRole = useAction(async (user: AdminUser, role: AdminUser['role']) => {
    await adminUsers.setRole(user.id, role);
    list.reload();
  });
  if (isForbidden(list.error)) return <Forbidden />;

  const filter = (next: Partial<UserQuery>) => setQuery({ ...query, ...next, page: next.page ?? 1 });
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    filter({ search: search.trim() || undefined });
  };
  const page = query.page ?? 1;
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  const actionError = reactivate.error ?? reset.error ?? setRole.error;
  return (
    <>
      <div className="page-head gov-head"><div><h1>{t('governance.users.title')}</h1><p className="muted">{t('governance.users.text')}</p></div></div>
      <form className="toolbar gov-toolbar" onSubmit={submitSearch} role="search">
        <label htmlFor="user-search" className="sr-only">{t('governance.users.search')}</label>
        <input id="user-search" type="search" placeholder={t('governance.users.search')} value={search} onChange={(event) => setSearch(event.target.value)} />
        <button type="submit" className="button">{t('governance.users.searchAction')}</button>
        <label htmlFor="user-status">{t('governance.users.status')}</label>
        <select id="user-status" value={query.status ?? ''} onChange={(event) => filter({ status: (event.target.value || undefined) as UserQuery['status'] })}>
          <option value="">{t('projects.all')}</option>
          <option value="active">{t('governance.users.active')}</option>
          <option value="suspended">{t('governance.users.suspended')}</option>
        </select>
        <label htmlFor="user-role">{t('governance.users.role')}</label>
        <select id="user-role" value={query.role ?? ''} onChange={(event) => filter({ role: (event.target.value || undefined) as UserQuery['role'] })}>
          <option value="">{t('projects.all')}</option>
          <option value="admin">{t('governance.users.admin')}</option>
          <option value="user">{t('governance.users.user')}</option>
        </select>
      </form>
      {temporary && (
        <div className="banner banner-ok secret" role="status">
          <span>{t('governance.users.temporary', { name: temporary.username, expires: date.format(new Date(temporary.expiresAt)) })}</span>
          <code className="mono" data-testid="temporary-password">{temporary.password}</code>
          <button type="button" className="button button-small" onClick={() => void navigator.clipboard.writeText(temporary.password).then(() => setTemporary({ ...temporary, copied: true }))}>
            {temporary.copied ? t('common.copied') : t('common.copy')}
          </button>
          <button type="button" className="button button-small button-ghost" onClick={() => setTemporary(undefined)}>{t('governance.dismiss')}</button>
        </div>
      )}
      {deletionRequest && <RequestOpened requestId={deletionRequest}><span className="small">{t('governance.users.deleteNext')}</span></RequestOpened>}
      <ErrorBanner error={list.error ?? actionError} onRetry={list.error ? list.reload : undefined} />
      {form && (
        <ReasonPanel
          key={`${form.kind}-${form.user.id}`}
          form={form}
          onDone={() => {
            setForm(undefined);
            list.reload();
          }}
          onDeletionRequested={setDeletionRequest}
        />
      )}
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.users.length === 0 && <p className="empty">{t('governance.users.empty')}</p>}
      {list.data && list.data.users.length > 0 && (
        <div className="gov-scroll">
          <table className="table">
            <thead>
              <tr><th>{t('governance.users.user')}</th><th>{t('governance.users.role')}</th><th>{t('governance.users.status')}</th><th>{t('projects.created')}</th><th><span className="sr-only">{t('governance.actions')}</span></th></tr>
            </thead>
            <tbody>
              {list.data.users.map((user) => (
                <tr key={user.id} data-user={user.username}>
                  <td>
                    <strong className="gov-wrap">{user.username}</strong>{user.id === me?.id && <span className="muted small"> ({t('governance.ms.you')})</span>}
                    <br /><span className="muted small">{user.email}</span>
                  </td>
                  <td>
                    <select
                      aria-label={`${t('governance.users.role')} ${user.username}`}
                      value={user.role}
                      disabled={setRole.busy}
                      onChange={(event) => {
                        const role = event.target.value as AdminUser['role'];
                        if (window.confirm(t('governance.users.confirmRole', { name: user.username, role: t(`governance.users.${role}`) }))) void setRole.run(user, role);
                      }}
                    >
                      <option value="admin">{t('governance.users.admin')}</option>
                      <option value="user">{t('governance.users.user')}</option>
                    </select>
                  </td>
                  <td>
                    <span className={`badge ${user.status === 'active' ? 'badge-completed' : 'badge-cancelled'}`}>{t(`governance.users.${user.status}`)}</span>
                    {user.must_change_password && <><br /><span className="small muted">{t('governance.users.mustChange')}</span></>}
                  </td>
                  <td className="small gov-nowrap">{date.format(new Date(user.created_at))}</td>
                  <td>
                    <div className="actions">
                      {user.status === 'active'
                        ? <button type="button" className="button button-small" aria-label={`${t('governance.users.suspend')} ${user.username}`} onClick={() => setForm({ kind: 'suspend', user })}>{t('governance.users.suspend')}</button>
                        : <button type="button" className="button button-small" aria-label={`${t('governance.users.reactivate')} ${user.username}`} disabled={reactivate.busy} onClick={() => void reactivate.run(user)}>{t('governance.users.reactivate')}</button>}
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`${t('governance.users.reset')} ${user.username}`}
                        disabled={reset.busy}
                        onClick={() => {
                          if (window.confirm(t('governance.users.confirmReset', { name: user.username }))) void reset.run(user);
                        }}
                      >
                        {t('governance.users.reset')}
                      </button>
                      <button type="button" className="button button-small button-danger" aria-label={`${t('common.delete')} ${user.username}`} onClick={() => setForm({ kind: 'delete', user })}>{t('common.delete')}</button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label={t('governance.pages')}>
          <button type="button" className="button button-small" disabled={page <= 1} onClick={() => filter({ page: page - 1 })}>{t('common.previous')}</button>
          <span>{t('projects.page', { page, pages })}</span>
          <button type="button" className="button button-small" disabled={page >= pages} onClick={() => filter({ page: page + 1 })}>{t('common.next')}</button>
        </nav>
      )}
    </>
  );
}
