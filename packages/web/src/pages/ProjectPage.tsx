import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { followProject } from '../api/events.ts';
import { files, type Project, projects, STAGES } from '../api/resources.ts';
import { ErrorBanner, Loading, ProgressBar, StatusBadge } from '../components/ui.tsx';
import { useAction, useResource } from '../hooks/resource.ts';
import { type MessageKey, useI18n } from '../i18n.tsx';
import { applyEvents, initialRun, type RunState } from '../run-state.ts';
import { FilesPanel } from './FilesPanel.tsx';
import { ReportsPanel } from './ReportsPanel.tsx';
import { NotFound } from './NotFound.tsx';

/** The run as its events tell it, live: replayed from the first stored event, then followed. */
function useLiveRun(project: Project | undefined) {
  const [live, setLive] = useState<{ projectId: number; run: RunState }>();
  const [connected, setConnected] = useState(true);
  const [refused, setRefused] = useState<string>();
  const projectId = project?.id;
  // The run starts from the project as loaded; everything after comes from the events.
  const startingRun = useEffectEvent(() => initialRun(project!));
  useEffect(() => {
    if (projectId === undefined) return;
    return followProject(projectId, {
      onEvents: (events) => {
        // Read here, not in the updater: React runs updaters while rendering, where effect events may not be called.
        const start = startingRun();
        setLive((current) => ({ projectId, run: applyEvents(current?.projectId === projectId ? current.run : start, events) }));
      },
      onConnection: setConnected,
      onRefused: setRefused,
    });
  }, [projectId]);
  const run = project && (live?.projectId === project.id ? live.run : initialRun(project));
  return { run, connected, refused };
}

export function ProjectPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const id = Number(useParams().projectId);
  const project = useResource(() => projects.get(id), id);
  const { run, connected, refused } = useLiveRun(project.data);
  // The files change as stages finish, so the list is loaded again at each.
  const stagesDone = run ? STAGES.filter((stage) => run.stages[stage].state === 'done').length : 0;
  const projectFiles = useResource(() => files.list(id), `${id}/${run?.status}/${stagesDone}`);
  const control = useAction(async (action: 'execute' | 'stop' | 'resume') => projects[action](id));
  const activityLog = useAction(async () => projects.downloadActivity(id, project.data!.name, run!.runStartSeq));
  const remove = useAction(async () => {
    await projects.remove(id);
    navigate('/');
  });
  // The stream keeps its newest line in view by scrolling itself, never the page the user is reading.
  const activityList = useRef<HTMLOListElement>(null);
  // Keyed on the newest line, not the count: the list stays at its cap once full.
  const newestSeq = run?.activity.at(-1)?.seq;
  useEffect(() => {
    const list = activityList.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [newestSeq]);

  if (!Number.isInteger(id) || project.error?.status === 404 || project.error?.status === 403) return <NotFound />;
  if (project.error) return <ErrorBanner error={project.error} onRetry={project.reload} />;
  if (!project.data || !run) return <Loading />;
  const data = project.data;
  const running = run.status === 'running';

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{data.name}</h1>
          {data.description && <p className="muted">{data.description}</p>}
        </div>
        <div className="actions">
          {!running && <button type="button" className="button button-primary" disabled={control.busy} onClick={() => void control.run('execute')}>{t('run.execute')}</button>}
          {running && <button type="button" className="button button-danger" disabled={control.busy} onClick={() => void control.run('stop')}>{t('run.stop')}</button>}
          {(run.status === 'failed' || run.status === 'cancelled' || run.status === 'interrupted') && (
            <button type="button" className="button" disabled={control.busy} onClick={() => void control.run('resume')}>{t('run.resume')}</button>
          )}
          <button type="button" className="button" onClick={() => void projects.download(id, data.name)}>{t('run.downloadZip')}</button>
          <Link className="button" to={`/projects/${id}/quality`}>{t('run.codeQuality')}</Link>
          <Link className="button" to={`/projects/${id}/edit`}>{t('common.edit')}</Link>
          <button type="button" className="button button-ghost" onClick={() => {
            if (window.confirm(t('common.confirmDelete', { name: data.name }))) void remove.run();
          }}>{t('common.delete')}</button>
        </div>
      </div>
      <ErrorBanner error={control.error ?? remove.error} />
      {refused && <div className="banner banner-error" role="alert">{refused}</div>}
      {run.failure && (
        <div className="banner banner-error failure" role="alert">
          <strong>{t('run.failed')}{run.failure.stage ? ` ${t('run.failedAt', { stage: t(`stage.${run.failure.stage}` as MessageKey) })}` : ''}</strong>
          <span>{run.failure.message}</span>
          <code className="small">{run.failure.code}</code>
        </div>
      )}
      <section className="card run" aria-labelledby="run-title">
        <div className="run-head">
          <h2 id="run-title">{t('run.progress')}</h2>
          <StatusBadge status={run.status} />
          <span className={`live ${connected ? 'live-on' : ''}`}>{connected ? t('run.live') : t('run.reconnecting')}</span>
          {run.tokens > 0 && <span className="muted small">{t('run.tokens', { tokens: run.tokens.toLocaleString() })}{run.costUsd !== undefined ? ` · $${run.costUsd.toFixed(4)}` : ''}</span>}
        </div>
        <ProgressBar value={run.progress} label={t('run.progress')} />
        <p className="progress-number" data-testid="progress">{run.progress}%</p>
        <ol className="stages" aria-label={t('run.stages')}>
          {STAGES.map((stage) => {
            const view = run.stages[stage];
            return (
              <li key={stage} className={`stage stage-${view.state}`} data-stage={stage} data-state={view.state}>
                <span className="stage-dot" aria-hidden="true" />
                <span className="stage-name">{t(`stage.${stage}` as MessageKey)}</span>
                <span className="stage-meta small muted">
                  {view.state === 'done' ? `${view.durationSeconds?.toFixed(1)} s · ${view.tokens ?? 0} tok` : t(`status.${view.state}` as MessageKey)}
                </span>
              </li>
            );
          })}
        </ol>
      </section>
      <div className="columns">
        <section className="card" aria-labelledby="activity-title">
          <div className="card-head">
            <h2 id="activity-title">{t('run.activity')}</h2>
            {run.activityTotal > 0 && (
              <button type="button" className="button button-small" disabled={activityLog.busy} onClick={() => void activityLog.run()}>{t('run.downloadLog')}</button>
            )}
          </div>
          <ErrorBanner error={activityLog.error} />
          {run.activityTotal > run.activity.length && <p className="hint">{t('run.activityNewest', { shown: run.activity.length, total: run.activityTotal })}</p>}
          {run.activity.length === 0 ? <p className="empty">{t('run.noActivity')}</p> : (
            <ol className="activity" aria-live="polite" ref={activityList}>
              {run.activity.map((line) => (
                <li key={line.seq} className={`activity-${line.status}`}>
                  <span className="activity-agent">{line.agent}</span>
                  <span className="activity-message">{line.message}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="card" aria-labelledby="requirement-title">
          <h2 id="requirement-title">{t('run.requirements')}</h2>
          <p className="requirement">{data.requirements}</p>
        </section>
      </div>
      <ReportsPanel deliverables={run.deliverables} projectFiles={projectFiles.data} />
      <FilesPanel projectId={id} list={projectFiles} />
    </>
  );
}
