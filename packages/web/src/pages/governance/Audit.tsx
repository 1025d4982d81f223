import { type FormEvent, useState } from 'react';
import { ErrorBanner, Field, Loading } from '../../components/ui.tsx';
import { useAction, useResource } from '../../hooks/resource.ts';
import { useI18n } from '../../i18n.tsx';
import { Forbidden } from '../Forbidden.tsx';
import { audit, type AuditQuery } from './governance-api.ts';
import { isForbidden, RequestOpened, UnplacedError, useDateTime } from './shared.tsx';

const PAGE_SIZE = 50;

interface Filters {
  entity: string;
  action: string;
  actor: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { entity: '', action: '', actor: '', from: '', to: '' };

/** A `datetime-local` value (the user's local time) as the ISO instant the server takes. */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);
const rangeOf = (filters: Filters) => ({ from_ts: instant(filters.from), to_ts: instant(filters.to) });

type Verification = Awaited<ReturnType<typeof audit.verify>>;

function VerificationResult({ result }: { result: Verification }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="audit-verify-title" data-testid="audit-verification">
      <h2 id="audit-verify-title">{t('governance.audit.verifyResult')}</h2>
      <dl className={`verdict ${result.valid ? 'verdict-ok' : 'verdict-bad'}`}>
        <div><dt>{t('governance.audit.chain')}</dt><dd data-testid="audit-valid">{result.valid ? t('governance.audit.valid') : t('governance.audit.invalid')}</dd></div>
        <div><dt>{t('governance.audit.verified')}</dt><dd data-testid="audit-verified-count">{result.verified_count}</dd></div>
        <div><dt>{t('governance.audit.tampered')}</dt><dd>{result.tampered_count}</dd></div>
        <div><dt>{t('governance.audit.brokenLinks')}</dt><dd>{result.broken_chains.length}</dd></div>
        <div><dt>{t('governance.audit.took')}</dt><dd>{result.verification_time_ms} ms</dd></div>
      </dl>
      {result.tampered_logs.length > 0 && (
        <p className="field-error">{t('governance.audit.tamperedList')} <span className="mono gov-wrap">{result.tampered_logs.join(', ')}</span></p>
      )}
      {result.broken_chains.length > 0 && (
        <div className="gov-scroll">
          <table className="table">
            <thead>
              <tr><th>{t('governance.audit.entry')}</th><th>{t('governance.audit.previous')}</th><th>{t('governance.audit.expectedHash')}</th><th>{t('governance.audit.actualHash')}</th><th>{t('governance.audit.missing')}</th></tr>
            </thead>
            <tbody>
              {result.broken_chains.map((link) => (
                <tr key={link.log_id} className="gov-broken">
                  <td className="mono small">{link.log_id}</td>
                  <td className="mono small">{link.previous_log_id ?? '—'}</td>
                  <td className="mono small gov-hash">{link.expected_prev_hash}</td>
                  <td className="mono small gov-hash">{link.actual_prev_hash}</td>
                  <td>{link.missing_entries}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ApprovedExport({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const [format, setFormat] = useState<'json' | 'csv'>('json');
  const [reason, setReason] = useState('');
  const [requestId, setRequestId] = useState<string>();
  const request = useAction(async () => {
    setRequestId((await audit.requestExport({ format, reason, ...rangeOf(filters) })).request_id);
    setReason('');
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void request.run();
  };
  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="audit-approved-title">
      <h2 id="audit-approved-title">{t('governance.audit.approvedTitle')}</h2>
      <p className="muted">{t('governance.audit.approvedText')}</p>
      <div className="field-row">
        <Field label={t('governance.audit.format')} name="format" error={request.error}>
          {(props) => (
            <select {...props} value={format} onChange={(event) => setFormat(event.target.value as 'json' | 'csv')}>
              <option value="json">JSON</option>
              <option value="csv">CSV</option>
            </select>
          )}
        </Field>
        <Field label={t('governance.reason')} name="reason" error={request.error}>
          {(props) => <input {...props} value={reason} onChange={(event) => setReason(event.target.value)} required />}
        </Field>
      </div>
      <UnplacedError error={request.error} fields={['format', 'reason']} />
      {requestId && <RequestOpened requestId={requestId}><span className="small">{t('governance.audit.approvedNext')}</span></RequestOpened>}
      <div className="actions"><button type="submit" className="button" disabled={request.busy}>{t('governance.audit.requestExport')}</button></div>
    </form>
  );
}

export function Audit() {
  const { t } = useI18n();
  const date = useDateTime();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const query: AuditQuery = {
    entity: filters.entity || undefined,
    action: filters.action || undefined,
    actor_id: filters.actor ? Number(filters.actor) : undefined,
    ...rangeOf(filters),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const logs = useResource(() => audit.logs(query), JSON.stringify(query));
  const [verification, setVerification] = useState<Verification>();
  const verify = useAction(async () => setVerification(await audit.verify({ entity: filters.entity || undefined, ...rangeOf(filters) })));
  const download = useAction((format: 'json' | 'csv') => audit.download(format, rangeOf(filters)));
  if (isForbidden(logs.error)) return <Forbidden />;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
    setPage(1);
    setVerification(undefined);
  };
  const pages = Math.max(1, Math.ceil((logs.data?.total ?? 0) / PAGE_SIZE));
  // Entries the last verification found altered or cut out of the chain.
  const flagged = new Set([...(verification?.tampered_logs ?? []), ...(verification?.broken_chains.map((link) => link.log_id) ?? [])]);
  const input = (name: keyof Filters, label: string, type = 'text') => (
    <Field label={label} name={name === 'actor' ? 'actor_id' : name === 'from' ? 'from_ts' : name === 'to' ? 'to_ts' : name} error={logs.error}>
      {(props) => <input {...props} type={type} value={draft[name]} onChange={(event) => setDraft({ ...draft, [name]: event.target.value })} />}
    </Field>
  );
  return (
    <>
      <div className="page-head gov-head">
        <div><h1>{t('governance.audit.title')}</h1><p className="muted">{t('governance.audit.text')}</p></div>
        <div className="actions">
          <button type="button" className="button button-primary" disabled={verify.busy} onClick={() => void verify.run()}>{t('governance.audit.verify')}</button>
          <button type="button" className="button" disabled={download.busy} onClick={() => void download.run('json')}>{t('governance.audit.exportJson')}</button>
          <button type="button" className="button" disabled={download.busy} onClick={() => void download.run('csv')}>{t('governance.audit.exportCsv')}</button>
        </div>
      </div>
      <form className="card form gov-filters" onSubmit={apply} noValidate aria-label={t('governance.filters')}>
        {input('entity', t('governance.audit.entity'))}
        {input('action', t('governance.audit.action'))}
        {input('actor', t('governance.audit.actor'), 'number')}
        {input('from', t('governance.audit.from'), 'datetime-local')}
        {input('to', t('governance.audit.to'), 'datetime-local')}
        <div className="actions gov-filter-actions">
          <button type="button" className="button button-ghost" onClick={() => { setDraft(NO_FILTERS); setFilters(NO_FILTERS); setPage(1); }}>{t('governance.clear')}</button>
          <button type="submit" className="button">{t('governance.apply')}</button>
        </div>
      </form>
      <ErrorBanner error={verify.error ?? download.error} />
      {verification && <VerificationResult result={verification} />}
      <ErrorBanner error={logs.error?.fields.length ? undefined : logs.error} onRetry={logs.reload} />
      {logs.loading && !logs.data && <Loading />}
      {logs.data && logs.data.logs.length === 0 && <p className="empty">{t('governance.audit.empty')}</p>}
      {logs.data && logs.data.logs.length > 0 && (
        <div className="gov-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>{t('governance.audit.time')}</th><th>{t('governance.audit.entity')}</th><th>{t('governance.audit.action')}</th>
                <th>{t('governance.audit.actor')}</th><th>{t('governance.audit.resource')}</th><th>{t('governance.audit.outcome')}</th><th>{t('governance.audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {logs.data.logs.map((log) => (
                <tr key={log.id} className={flagged.has(log.id) ? 'gov-broken' : undefined}>
                  <td className="small gov-nowrap">{date.format(new Date(log.timestamp))}</td>
                  <td>{log.entity}</td>
                  <td>{log.action}</td>
                  <td>{log.actor_id ?? '—'}</td>
                  <td className="mono small gov-wrap">{log.resource_id ?? '—'}</td>
                  <td><span className={`badge ${log.status === 'success' ? 'badge-completed' : 'badge-failed'}`}>{t(`governance.audit.${log.status}`)}</span></td>
                  <td>
                    <details>
                      <summary className="small gov-nowrap">{log.id}</summary>
                      <p className="small mono gov-hash">{t('governance.audit.hash')}: {log.hash}</p>
                      <p className="small mono gov-hash">{t('governance.audit.prevHash')}: {log.prev_hash}</p>
                      <pre className="code">{JSON.stringify(log.payload, null, 2)}</pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label={t('governance.pages')}>
          <button type="button" className="button button-small" disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('common.previous')}</button>
          <span>{t('projects.page', { page, pages })}</span>
          <button type="button" className="button button-small" disabled={page >= pages} onClick={() => setPage(page + 1)}>{t('common.next')}</button>
        </nav>
      )}
      <ApprovedExport filters={filters} />
    </>
  );
}
