import { useMemo, useState } from 'react';
import { files, type ProjectFile } from '../api/resources.ts';
import { ErrorBanner, Loading } from '../components/ui.tsx';
import { useAction, useResource } from '../hooks/resource.ts';
import { useI18n } from '../i18n.tsx';

function FileViewer({ file, onRestored }: { file: ProjectFile; onRestored: () => void }) {
  const { t, language } = useI18n();
  const detail = useResource(() => files.get(file.id), `${file.id}@${file.version}`);
  const versions = useResource(() => files.versions(file.id), `${file.id}@${file.version}`);
  const restore = useAction(async (version: number) => {
    await files.restore(file.id, version);
    onRestored();
  });
  const date = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <div className="viewer">
      <div className="viewer-head">
        <strong className="mono">{file.filename}</strong>
        <span className="muted small">{t('files.version', { version: file.version })} · {file.size} B</span>
        <button type="button" className="button button-small" onClick={() => void files.download(file)}>{t('common.download')}</button>
      </div>
      <ErrorBanner error={detail.error ?? restore.error} />
      {detail.data ? <pre className="code" aria-label={file.filename}><code>{detail.data.content}</code></pre> : <Loading />}
      {versions.data && versions.data.length > 1 && (
        <details className="versions">
          <summary>{t('files.versions')} ({versions.data.length})</summary>
          <ul>
            {versions.data.map((version) => (
              <li key={version.version}>
                <span>{t('files.version', { version: version.version })}</span>
                <span className="muted small">{date.format(new Date(version.created_at))} · {version.size} B</span>
                {version.version !== file.version && (
                  <button type="button" className="button button-small" disabled={restore.busy} onClick={() => void restore.run(version.version)}>{t('files.restore')}</button>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** The project's files by category, and the one selected. Reloads as the run moves on (refreshKey). */
export function FilesPanel({ projectId, refreshKey }: { projectId: number; refreshKey: string }) {
  const { t } = useI18n();
  const [reloads, setReloads] = useState(0);
  const list = useResource(() => files.list(projectId), `${projectId}/${refreshKey}/${reloads}`);
  const [selectedId, setSelectedId] = useState<number>();
  const byCategory = useMemo(() => {
    const groups = new Map<string, ProjectFile[]>();
    for (const file of list.data ?? []) groups.set(file.category, [...(groups.get(file.category) ?? []), file]);
    return [...groups.entries()];
  }, [list.data]);
  const selected = list.data?.find((file) => file.id === selectedId);

  return (
    <section className="card files" aria-labelledby="files-title">
      <h2 id="files-title">{t('files.title')} {list.data ? <span className="muted small">({list.data.length})</span> : null}</h2>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.data && list.data.length === 0 && <p className="empty">{t('files.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <div className="files-body">
          <nav className="file-tree" aria-label={t('files.title')}>
            {byCategory.map(([category, entries]) => (
              <div key={category}>
                <h3 className="small muted">{category}</h3>
                <ul>
                  {entries.map((file) => (
                    <li key={file.id}>
                      <button type="button" className={`file-link ${file.id === selectedId ? 'active' : ''}`} aria-current={file.id === selectedId} onClick={() => setSelectedId(file.id)}>
                        {file.filename}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </nav>
          {selected ? <FileViewer file={selected} onRestored={() => setReloads((value) => value + 1)} /> : <p className="empty">{t('files.select')}</p>}
        </div>
      )}
    </section>
  );
}
