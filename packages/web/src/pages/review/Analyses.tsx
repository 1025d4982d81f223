import { Link, useSearchParams } from 'react-router';
import { ErrorBanner, Loading } from '../../components/ui.tsx';
import { useResource } from '../../hooks/resource.ts';
import { useI18n } from '../../i18n.tsx';
import { Forbidden } from '../Forbidden.tsx';
import { ANALYSIS_LANGUAGES, LANGUAGE_LABELS } from './languages.ts';
import { review, SEVERITIES } from './review-api.ts';
import { languageLabel, SeverityBadge } from './parts.tsx';
import './review.css';

const PAGE_SIZE = 20;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A yyyy-mm-dd of the date inputs as the instant its local day starts (or ends). */
function instantOf(day: string, end: boolean): string | undefined {
  if (!DAY.test(day)) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function Analyses() {
  const { t, language: locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  // Filters from the address bar that are not ones are no filter.
  const language = ANALYSIS_LANGUAGES.find((value) => value === params.get('language')) ?? '';
  const from = DAY.test(params.get('from') ?? '') ? params.get('from')! : '';
  const to = DAY.test(params.get('to') ?? '') ? params.get('to')! : '';
  const list = useResource(
    () => review.history({ language: language || undefined, createdFrom: instantOf(from, false), createdTo: instantOf(to, true), skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    `${page}/${language}/${from}/${to}`,
  );
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  const setFilter = (name: string, value: string) => {
    const merged = new URLSearchParams(params);
    if (value) merged.set(name, value);
    else merged.delete(name);
    if (name !== 'page') merged.delete('page');
    setParams(merged);
  };
  const date = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' });

  if (list.error?.status === 403) return <Forbidden />;

  return (
    <>
      <div className="page-head">
        <h1>{t('review.historyTitle')}</h1>
        <Link className="button button-primary" to="/review">{t('review.new')}</Link>
      </div>
      <div className="toolbar review-filters">
        <label htmlFor="review-language-filter">{t('review.language')}</label>
        <select id="review-language-filter" value={language} onChange={(event) => setFilter('language', event.target.value)}>
          <option value="">{t('review.allLanguages')}</option>
          {ANALYSIS_LANGUAGES.map((value) => <option key={value} value={value}>{LANGUAGE_LABELS[value]}</option>)}
        </select>
        {/* Stored analyses are all completed (the server keeps no other status), so status needs no filter. */}
        <label htmlFor="review-from">{t('review.from')}</label>
        <input id="review-from" type="date" value={from} max={to || undefined} onChange={(event) => setFilter('from', event.target.value)} />
        <label htmlFor="review-to">{t('review.to')}</label>
        <input id="review-to" type="date" value={to} min={from || undefined} onChange={(event) => setFilter('to', event.target.value)} />
      </div>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && (
        <p className="empty">{language || from || to ? t('review.historyNoMatch') : t('review.historyEmpty')}</p>
      )}
      {list.data && list.data.items.length > 0 && (
        <div className="review-table-wrap">
          <table className="table">
            <caption className="sr-only">{t('review.historyTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('review.analyzedAt')}</th>
                <th scope="col">{t('review.language')}</th>
                <th scope="col">{t('review.fileColumn')}</th>
                <th scope="col" className="num">{t('review.score')}</th>
                <th scope="col">{t('review.issues')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((item) => (
                <tr key={item.analysis_id}>
                  <td><Link to={`/review/${encodeURIComponent(item.analysis_id)}`}>{date.format(new Date(item.created_at))}</Link></td>
                  <td>{languageLabel(item.language)}</td>
                  <td className="mono small">{item.file_path ?? '—'}</td>
                  <td className="num">{item.score}</td>
                  <td>
                    <div className="review-counts">
                      {SEVERITIES.filter((severity) => item.summary[severity] > 0).map((severity) => <SeverityBadge key={severity} severity={severity} count={item.summary[severity]} />)}
                      {item.total_issues === 0 && <span className="muted small">{t('review.noIssuesShort')}</span>}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label={t('review.pages')}>
          <button type="button" className="button button-small" disabled={page <= 1} onClick={() => setFilter('page', String(page - 1))}>{t('common.previous')}</button>
          <span>{t('projects.page', { page, pages })}</span>
          <button type="button" className="button button-small" disabled={page >= pages} onClick={() => setFilter('page', String(page + 1))}>{t('common.next')}</button>
        </nav>
      )}
    </>
  );
}
