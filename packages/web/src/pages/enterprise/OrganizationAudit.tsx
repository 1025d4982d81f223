import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorBanner, Loading } from '../../components/ui.tsx';
import { useResource } from '../../hooks/resource.ts';
import { useI18n } from '../../i18n.tsx';
import { useFormats } from './shared.tsx';

const PAGE_SIZE = 25;

/** The organisation's entries of the audit chain (`/api/audit-logs`), for administrators and the organisation's owners and admins. */
export function OrganizationAudit({ organizationId, changes }: { organizationId: number; changes: number }) {
  const { t } = useI18n();
  const formats = useFormats();
  const [page, setPage] = useState(1);
  // One more than a page, to know whether a next page exists (the endpoint gives no total).
  const entries = useResource(async () => {
    const { data } = await api.http.GET('/api/audit-logs', { params: { query: { organization_id: organizationId, skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE + 1 } } });
    return data ?? [];
  }, `audit/${organizationId}/${page}/${changes}`);
  const rows = entries.data?.slice(0, PAGE_SIZE) ?? [];
  const hasMore = (entries.data?.length ?? 0) > PAGE_SIZE;
  return (
    <section className="card" aria-labelledby="organization-audit">
      <div className="card-head">
        <h2 id="organization-audit">{t('enterprise.audit.title')}</h2>
        <button type="button" className="button button-small" onClick={entries.reload}>{t('enterprise.monitoring.refresh')}</button>
      </div>
      <ErrorBanner error={entries.error} onRetry={entries.reload} />
      {!entries.data && !entries.error && <Loading />}
      {entries.data?.length === 0 && <p className="empty">{t('enterprise.audit.empty')}</p>}
      {rows.length > 0 && (
        <table className="table">
          <thead><tr><th>{t('enterprise.audit.when')}</th><th>{t('enterprise.audit.action')}</th><th>{t('enterprise.audit.resource')}</th><th>{t('enterprise.audit.user')}</th><th>{t('enterprise.audit.description')}</th></tr></thead>
          <tbody>
            {rows.map((entry) => (
              <tr key={entry.id}>
                <td>{formats.dateTime(entry.timestamp)}</td>
                <td><span className="badge">{entry.action}</span></td>
                <td className="mono small">{entry.resource_type}{entry.resource_id !== null && ` #${entry.resource_id}`}</td>
                <td>{entry.user_id === null ? '—' : `#${entry.user_id}`}</td>
                <td className="enterprise-wrap">{entry.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(page > 1 || hasMore) && (
        <div className="pager">
          <button type="button" className="button button-small" disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('common.previous')}</button>
          <span className="muted">{t('enterprise.audit.page', { page })}</span>
          <button type="button" className="button button-small" disabled={!hasMore} onClick={() => setPage(page + 1)}>{t('common.next')}</button>
        </div>
      )}
    </section>
  );
}
