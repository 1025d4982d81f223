import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { saveBlob } from '../../api/client.ts';
import { Code } from '../../components/Code.tsx';
import { Diff } from '../../components/Diff.tsx';
import { ErrorBanner, Loading } from '../../components/ui.tsx';
import { useAction, useResource } from '../../hooks/resource.ts';
import { type MessageKey, useI18n } from '../../i18n.tsx';
import { Forbidden } from '../Forbidden.tsx';
import { NotFound } from '../NotFound.tsx';
import { recallSubmission } from './code-store.ts';
import { CodeView } from './CodeView.tsx';
import { fileNameFor } from './languages.ts';
import { languageLabel, SeverityBadge } from './parts.tsx';
import { type Analysis, type AnalysisIssue, type FixResult, review, SEVERITIES } from './review-api.ts';
import { useAnalyze } from './use-analyze.ts';
import { cweNumberOf, cweUrl, toSarif } from './sarif.ts';
import './review.css';

const CATEGORIES = ['security', 'quality', 'performance', 'syntax'];

const severityRank = (severity: string) => {
  const rank = SEVERITIES.indexOf(severity as (typeof SEVERITIES)[number]);
  return rank === -1 ? SEVERITIES.length : rank;
};

/** The issues by severity, critical first, each group in line order. */
function groupBySeverity(issues: AnalysisIssue[]): [string, AnalysisIssue[]][] {
  const groups = new Map<string, AnalysisIssue[]>();
  const ordered = [...issues].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.line - b.line || a.column - b.column);
  for (const issue of ordered) groups.set(issue.severity, [...(groups.get(issue.severity) ?? []), issue]);
  return [...groups];
}

function IssueItem({ issue, selected, onSelect, onFix, fixing }: {
  issue: AnalysisIssue;
  selected: boolean;
  onSelect: () => void;
  onFix: () => void;
  fixing: boolean;
}) {
  const { t } = useI18n();
  const cweNumber = cweNumberOf(issue.cwe);
  return (
    <li className="review-issue" aria-current={selected} data-line={issue.line} data-rule={issue.rule_id}>
      <div className="review-issue-head">
        <button type="button" className="review-issue-title" onClick={onSelect} aria-label={t('review.showLine', { line: issue.line, title: issue.title })}>
          <span className="mono">{issue.line}:{issue.column}</span> {issue.title}
        </button>
        <span className="mono small">{issue.rule_id}</span>
        {cweNumber && <a className="small" href={cweUrl(cweNumber)} target="_blank" rel="noreferrer">{issue.cwe}</a>}
        <span className="badge">{issue.source === 'ai' ? t('review.source.ai') : t('review.source.static')}</span>
        <span className="muted small">{CATEGORIES.includes(issue.category) ? t(`review.category.${issue.category}` as MessageKey) : issue.category}</span>
      </div>
      <p>{issue.message}</p>
      {issue.suggestion && <p className="muted"><strong>{t('review.suggestion')}</strong> {issue.suggestion}</p>}
      {issue.fixable && (
        <div className="actions">
          <button type="button" className="button button-small" disabled={fixing} onClick={onFix}>
            {fixing ? t('review.fixing') : t('review.applyFix')}
          </button>
        </div>
      )}
    </li>
  );
}

function FixPanel({ issue, fix, original, filename }: { issue: AnalysisIssue; fix: FixResult; original: string | undefined; filename: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }), [fix]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(fix.fixed_code);
      setCopied(true);
    } catch {
      setCopyFailed(true);
    }
  };
  return (
    <section ref={panel} className="card review-fix" aria-labelledby="review-fix-title">
      <h2 id="review-fix-title">{t('review.fixTitle', { rule: issue.rule_id, line: issue.line })}</h2>
      {!fix.success && <p className="banner banner-error" role="alert">{t('review.fixRefused', { reason: fix.reason ?? '' })}</p>}
      {fix.success && (
        <>
          <h3>{t('review.diff')}</h3>
          {original === undefined
            ? <pre className="code diff" aria-label={t('review.diff')}>{fix.diff}</pre>
            : <Diff before={original} after={fix.fixed_code} label={t('review.diff')} />}
          <div className="card-head">
            <h3>{t('review.fixedCode')}</h3>
            <div className="actions">
              <button type="button" className="button button-small" onClick={() => void copy()}>{copied ? t('common.copied') : t('common.copy')}</button>
              <button type="button" className="button button-small" onClick={() => saveBlob(new Blob([fix.fixed_code], { type: 'text/plain;charset=utf-8' }), filename)}>
                {t('common.download')}
              </button>
            </div>
          </div>
          {copyFailed && <p className="banner banner-error" role="alert">{t('review.copyFailed')}</p>}
          <Code filename={filename} content={fix.fixed_code} />
        </>
      )}
    </section>
  );
}

function Summary({ analysis }: { analysis: Analysis }) {
  const { t, language } = useI18n();
  const date = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' });
  const { metrics } = analysis;
  return (
    <section className="card" aria-labelledby="review-summary-title">
      <h2 id="review-summary-title" className="sr-only">{t('review.summary')}</h2>
      <dl className={`verdict ${analysis.score >= 70 ? 'verdict-ok' : 'verdict-bad'}`}>
        <div><dt>{t('review.score')}</dt><dd data-testid="review-score">{analysis.score}</dd></div>
        <div><dt>{t('review.language')}</dt><dd>{languageLabel(analysis.language)}</dd></div>
        <div><dt>{t('review.issues')}</dt><dd>{metrics.total_issues}</dd></div>
        <div><dt>{t('review.linesOfCode')}</dt><dd>{metrics.lines_of_code}</dd></div>
        <div><dt>{t('review.time')}</dt><dd>{t('review.ms', { ms: metrics.analysis_time_ms })}</dd></div>
        <div><dt>{t('review.analyzedAt')}</dt><dd>{date.format(new Date(analysis.completed_at))}</dd></div>
      </dl>
      <div className="review-counts">
        {SEVERITIES.map((severity) => <SeverityBadge key={severity} severity={severity} count={metrics[severity]} />)}
      </div>
      {analysis.file_path && <p className="muted small">{t('review.file', { name: analysis.file_path })}</p>}
    </section>
  );
}

export function ReviewResults() {
  const { t } = useI18n();
  const analysisId = useParams().analysisId ?? '';
  const results = useResource(() => review.results(analysisId), analysisId);
  const submission = useMemo(() => recallSubmission(analysisId), [analysisId]);
  const [selectedId, setSelectedId] = useState<string>();
  const [fix, setFix] = useState<{ issue: AnalysisIssue; result: FixResult }>();
  const applyFix = useAction(async (issue: AnalysisIssue) => setFix({ issue, result: await review.applyFix(analysisId, issue.id) }));
  const rerun = useAnalyze();

  if (results.error?.status === 404) return <NotFound />;
  if (results.error?.status === 403) return <Forbidden />;
  const analysis = results.data?.analysis_id === analysisId ? results.data : undefined;
  const filename = analysis ? analysis.file_path ?? submission?.filePath ?? fileNameFor(analysis.language) : '';
  const selected = analysis?.issues.find((issue) => issue.id === selectedId);
  const base = `analysis-${analysisId}`;

  return (
    <>
      <div className="page-head">
        <h1>{t('review.resultsTitle')}</h1>
        <div className="actions">
          <Link className="button" to="/review">{t('review.new')}</Link>
          {submission && (
            <button type="button" className="button" disabled={rerun.busy} onClick={() => void rerun.run(submission)}>
              {rerun.busy ? t('review.analyzing') : t('review.rerun')}
            </button>
          )}
          {analysis && (
            <>
              <button type="button" className="button" onClick={() => saveBlob(new Blob([JSON.stringify(analysis, null, 2)], { type: 'application/json' }), `${base}.json`)}>
                {t('review.downloadJson')}
              </button>
              <button type="button" className="button" onClick={() => saveBlob(new Blob([JSON.stringify(toSarif(analysis), null, 2)], { type: 'application/sarif+json' }), `${base}.sarif`)}>
                {t('review.downloadSarif')}
              </button>
            </>
          )}
        </div>
      </div>
      <ErrorBanner error={results.error ?? rerun.error} onRetry={results.error ? results.reload : undefined} />
      {!analysis && results.loading && <Loading />}
      {analysis && (
        <>
          <Summary analysis={analysis} />
          <div className="columns">
            <section className="card" aria-labelledby="review-issues-title">
              <h2 id="review-issues-title">{t('review.issues')}</h2>
              {analysis.issues.length === 0 && <p className="empty">{t('review.noIssues')}</p>}
              {groupBySeverity(analysis.issues).map(([severity, issues]) => (
                <div key={severity} className="review-group">
                  <h3><SeverityBadge severity={severity} /> <span className="muted small">{issues.length}</span></h3>
                  <ul className="review-issues">
                    {issues.map((issue) => (
                      <IssueItem
                        key={issue.id}
                        issue={issue}
                        selected={issue.id === selectedId}
                        onSelect={() => setSelectedId(issue.id)}
                        onFix={() => {
                          setSelectedId(issue.id);
                          void applyFix.run(issue);
                        }}
                        fixing={applyFix.busy && issue.id === selectedId}
                      />
                    ))}
                  </ul>
                </div>
              ))}
              <ErrorBanner error={applyFix.error} />
            </section>
            <section className="card review-code-card" aria-labelledby="review-code-title">
              <h2 id="review-code-title">{t('review.codeTitle')}</h2>
              {submission
                ? <CodeView filename={filename} content={submission.code} markedLine={selected?.line} label={filename} />
                : <p className="muted">{t('review.codeUnavailable')}</p>}
            </section>
          </div>
          {fix && <FixPanel issue={fix.issue} fix={fix.result} original={submission?.code} filename={filename} />}
        </>
      )}
    </>
  );
}
