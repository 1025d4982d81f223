import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { projects } from '../../api/resources.ts';
import { ErrorBanner, Loading } from '../../components/ui.tsx';
import { useAction, useResource } from '../../hooks/resource.ts';
import { useI18n } from '../../i18n.tsx';
import { Forbidden } from '../Forbidden.tsx';
import { NotFound } from '../NotFound.tsx';
import { SeverityBadge } from './parts.tsx';
import { type ProjectQuality as Quality, type ProjectQualityHistoryItem, review, SEVERITIES } from './review-api.ts';
import { TrendChart } from './TrendChart.tsx';
import './review.css';

// The server's largest page: the trend shows the newest 100 batch analyses.
const TREND_SIZE = 100;

function Trend({ history }: { history: ProjectQualityHistoryItem[] }) {
  const { t } = useI18n();
  // The server lists newest first; the chart reads left to right in time.
  const { times, scores } = useMemo(() => {
    const oldestFirst = [...history].reverse();
    return { times: oldestFirst.map((item) => Date.parse(item.analyzed_at) / 1000), scores: oldestFirst.map((item) => item.overall_score) };
  }, [history]);
  if (history.length < 2) return <p className="muted">{t('review.trendTooShort')}</p>;
  return (
    <TrendChart
      times={times}
      scores={scores}
      seriesLabel={t('review.score')}
      timeLabel={t('review.analyzedAt')}
      label={t('review.trendLabel', { count: history.length, first: scores[0]!, last: scores.at(-1)! })}
    />
  );
}

function Latest({ quality }: { quality: Quality }) {
  const { t } = useI18n();
  const files = [...quality.files].sort((a, b) => a.score - b.score || a.file_path.localeCompare(b.file_path));
  return (
    <>
      <div className="review-counts">
        {SEVERITIES.map((severity) => <SeverityBadge key={severity} severity={severity} count={quality.summary[severity]} />)}
      </div>
      {files.length === 0
        ? <p className="empty">{t('review.projectNoFiles')}</p>
        : (
            <div className="review-table-wrap">
              <table className="table">
                <caption className="sr-only">{t('review.projectFiles')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('review.fileColumn')}</th>
                    <th scope="col" className="num">{t('review.score')}</th>
                    <th scope="col" className="num">{t('review.issues')}</th>
                  </tr>
                </thead>
                <tbody>
                  {files.map((file) => (
                    <tr key={file.file_path}>
                      <td className="mono small">{file.file_path}</td>
                      <td className="num">{file.score}</td>
                      <td className="num">{file.issues_count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
    </>
  );
}

export function ProjectQuality() {
  const { t, language } = useI18n();
  const id = Number(useParams().projectId);
  const project = useResource(() => projects.get(id), id);
  const history = useResource(() => review.projectHistory(id, TREND_SIZE), id);
  const run = useAction(async () => {
    const quality = await review.analyzeProject(id, language);
    history.reload();
    return quality;
  });
  // Only a run made here has the per-file scores: the history keeps the summaries.
  const [latest, setLatest] = useState<Quality>();
  const analyze = async () => {
    const quality = await run.run();
    if (quality) setLatest(quality);
  };
  const date = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' });

  const refused = project.error ?? history.error;
  if (!Number.isInteger(id) || refused?.status === 404) return <NotFound />;
  if (refused?.status === 403) return <Forbidden />;
  const newest = history.data?.items[0];
  const shown = latest ?? newest;

  return (
    <>
      <div className="page-head">
        <h1>{t('review.projectTitle', { name: project.data?.name ?? '…' })}</h1>
        <div className="actions">
          <Link className="button" to={`/projects/${id}`}>{t('review.backToProject')}</Link>
          <button type="button" className="button button-primary" disabled={run.busy} onClick={() => void analyze()}>
            {run.busy ? t('review.analyzing') : t('review.runProject')}
          </button>
        </div>
      </div>
      <ErrorBanner error={refused} onRetry={() => { project.reload(); history.reload(); }} />
      <ErrorBanner error={run.error} />
      {history.loading && !history.data && <Loading />}
      {history.data && !shown && <p className="empty">{t('review.projectNever')}</p>}
      {shown && (
        <section className="card" aria-labelledby="review-latest-title">
          <h2 id="review-latest-title">{t('review.projectLatest')}</h2>
          <dl className={`verdict ${shown.overall_score >= 70 ? 'verdict-ok' : 'verdict-bad'}`}>
            <div><dt>{t('review.score')}</dt><dd data-testid="project-score">{shown.overall_score}</dd></div>
            <div><dt>{t('review.projectFileCount')}</dt><dd>{shown.total_files}</dd></div>
            <div><dt>{t('review.projectLines')}</dt><dd>{shown.total_lines}</dd></div>
            <div><dt>{t('review.analyzedAt')}</dt><dd>{date.format(new Date(shown.analyzed_at))}</dd></div>
          </dl>
          {latest
            ? <Latest quality={latest} />
            : (
                <>
                  <div className="review-counts">
                    {SEVERITIES.map((severity) => <SeverityBadge key={severity} severity={severity} count={shown.summary[severity]} />)}
                  </div>
                  <p className="muted small">{t('review.projectFilesHint')}</p>
                </>
              )}
        </section>
      )}
      {history.data && history.data.items.length > 0 && (
        <section className="card" aria-labelledby="review-trend-title">
          <h2 id="review-trend-title">{t('review.trend')}</h2>
          <Trend history={history.data.items} />
        </section>
      )}
    </>
  );
}
