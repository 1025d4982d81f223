import { Link, useSearchParams } from 'react-router';
import { llmConfigs, type ProjectStatus, projects } from '../api/resources.ts';
import { ErrorBanner, Loading, ProgressBar, StatusBadge } from '../components/ui.tsx';
import { useResource } from '../hooks/resource.ts';
import { type MessageKey, useI18n } from '../i18n.tsx';

const PAGE_SIZE = 20;
const STATUSES: ProjectStatus[] = ['pending', 'running', 'completed', 'failed', 'cancelled', 'interrupted'];

/** Shown until the user has an LLM config: without one no workflow can run. */
export function SetupCard() {
  const { t } = useI18n();
  return (
    <section className="card card-accent" aria-labelledby="setup-title">
      <h2 id="setup-title">{t('setup.title')}</h2>
      <p>{t('setup.text')}</p>
      <Link className="button button-primary" to="/llm-configs?new=1">{t('setup.action')}</Link>
    </section>
  );
}

export function Projects() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  // A status from the address bar that is not one is no filter.
  const status = STATUSES.find((value) => value === params.get('status')) ?? '';
  const list = useResource(() => projects.list({ skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE, status: status || undefined }), `${page}/${status}`);
  const configs = useResource(() => llmConfigs.list(), 'llm-configs');
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  const setQuery = (next: { page?: number; status?: string }) => {
    const merged = new URLSearchParams(params);
    if (next.status !== undefined) {
      if (next.status) merged.set('status', next.status);
      else merged.delete('status');
      merged.delete('page');
    }
    if (next.page !== undefined) merged.set('page', String(next.page));
    setParams(merged);
  };
  const date = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <>
      <div className="page-head">
        <h1>{t('projects.title')}</h1>
        <Link className="button button-primary" to="/projects/new">{t('projects.new')}</Link>
      </div>
      {configs.data && configs.data.length === 0 && <SetupCard />}
      <div className="toolbar">
        <label htmlFor="status-filter">{t('projects.filter')}</label>
        <select id="status-filter" value={status} onChange={(event) => setQuery({ status: event.target.value })}>
          <option value="">{t('projects.all')}</option>
          {STATUSES.map((value) => <option key={value} value={value}>{t(`status.${value}` as MessageKey)}</option>)}
        </select>
      </div>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && <p className="empty">{t('projects.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="project-list">
          {list.data.items.map((project) => (
            <li key={project.id} className="card project-row">
              <div className="project-main">
                <Link to={`/projects/${project.id}`} className="project-name">{project.name}</Link>
                {project.description && <p className="muted clamp">{project.description}</p>}
                <p className="muted small">{t('projects.created')} {date.format(new Date(project.created_at))}</p>
              </div>
              <div className="project-side">
                <StatusBadge status={project.status} />
                <ProgressBar value={project.progress} label={`${project.name}: ${project.progress}%`} />
                <span className="small muted">{project.progress}%</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label="Pages">
          <button type="button" className="button button-small" disabled={page <= 1} onClick={() => setQuery({ page: page - 1 })}>{t('common.previous')}</button>
          <span>{t('projects.page', { page, pages })}</span>
          <button type="button" className="button button-small" disabled={page >= pages} onClick={() => setQuery({ page: page + 1 })}>{t('common.next')}</button>
        </nav>
      )}
    </>
  );
}
