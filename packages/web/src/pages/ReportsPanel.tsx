import { useState } from 'react';
import { type Deliverables, files, type ProjectFile } from '../api/resources.ts';
import { Markdown } from '../components/Markdown.tsx';
import { ErrorBanner, Loading } from '../components/ui.tsx';
import { useResource } from '../hooks/resource.ts';
import { useI18n } from '../i18n.tsx';

type Report = 'test_report' | 'qa_report';

function ReportFile({ file }: { file: ProjectFile }) {
  const detail = useResource(() => files.get(file.id), `${file.id}@${file.version}`);
  if (detail.error) return <ErrorBanner error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Loading />;
  return <Markdown source={detail.data.content ?? ''} label={file.filename} />;
}

/** The last run's test and quality reports, with their verdict first. */
export function ReportsPanel({ deliverables, projectFiles }: { deliverables: Deliverables; projectFiles: ProjectFile[] | undefined }) {
  const { t } = useI18n();
  const [shown, setShown] = useState<Report>('test_report');
  const tests = deliverables.tests;
  if (!tests) return null;
  const reportFile = projectFiles?.find((file) => file.filename === deliverables[shown]);
  return (
    <section className="card" aria-labelledby="reports-title">
      <div className="card-head">
        <h2 id="reports-title">{t('reports.title')}</h2>
        <span className="toggle" role="group" aria-label={t('reports.title')}>
          <button type="button" className="button button-small" aria-pressed={shown === 'test_report'} onClick={() => setShown('test_report')}>{t('reports.tests')}</button>
          <button type="button" className="button button-small" aria-pressed={shown === 'qa_report'} onClick={() => setShown('qa_report')}>{t('reports.qa')}</button>
        </span>
      </div>
      <dl className="verdict">
        <div className={tests.executed ? (tests.all_passed ? 'verdict-ok' : 'verdict-bad') : 'verdict-none'}>
          <dt>{t('reports.tests')}</dt>
          <dd data-testid="tests-verdict">{tests.executed ? t('reports.passedFailed', { passed: tests.passed, failed: tests.failed }) : t('reports.notExecuted')}</dd>
        </div>
        {deliverables.quality_score !== undefined && (
          <div>
            <dt>{t('reports.quality')}</dt>
            <dd>{deliverables.quality_score} / 100</dd>
          </div>
        )}
      </dl>
      {reportFile ? <ReportFile file={reportFile} /> : projectFiles ? <p className="empty">{t('reports.missing')}</p> : <Loading />}
    </section>
  );
}
