import { type ChangeEvent, useMemo, useState } from 'react';
import { files, type ProjectFile } from '../api/resources.ts';
import { Code } from '../components/Code.tsx';
import { Diff } from '../components/Diff.tsx';
import { Markdown } from '../components/Markdown.tsx';
import { ErrorBanner, Loading } from '../components/ui.tsx';
import { type Resource, useAction, useResource } from '../hooks/resource.ts';
import { type MessageKey, useI18n } from '../i18n.tsx';

const isMarkdown = (filename: string) => /\.(md|markdown)$/i.test(filename);

/** The selected version's changes against the current content. */
function VersionDiff({ file, version, current }: { file: ProjectFile; version: number; current: string }) {
  const { t } = useI18n();
  const old = useResource(() => files.version(file.id, version), `${file.id}@${version}`);
  if (old.error) return <ErrorBanner error={old.error} onRetry={old.reload} />;
  if (!old.data) return <Loading />;
  if (old.data.content === null) return <p className="empty">{t('files.binary')}</p>;
  return (
    <>
      <p className="muted small">{t('files.comparing', { old: version, current: file.version })}</p>
      <Diff before={old.data.content} after={current} label={t('files.comparing', { old: version, current: file.version })} />
    </>
  );
}

function FileViewer({ file, onChanged }: { file: ProjectFile; onChanged: () => void }) {
  const { t, language } = useI18n();
  const detail = useResource(() => files.get(file.id), `${file.id}@${file.version}`);
  const versions = useResource(() => files.versions(file.id), `${file.id}@${file.version}`);
  const [rendered, setRendered] = useState(true);
  const [compared, setCompared] = useState<{ key: string; version: number }>();
  const comparedVersion = compared?.key === `${file.id}@${file.version}` ? compared.version : undefined;
  const restore = useAction(async (version: number) => {
    await files.restore(file.id, version);
    onChanged();
  });
  const date = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'short', timeStyle: 'medium' });
  const content = detail.data?.content;
  const markdown = isMarkdown(file.filename);
  return (
    <div className="viewer">
      <div className="viewer-head">
        <strong className="mono">{file.filename}</strong>
        <span className="muted small">{t('files.version', { version: file.version })} · {file.size.toLocaleString()} B</span>
        {markdown && comparedVersion === undefined && (
          <span className="toggle" role="group" aria-label={t('files.view')}>
            <button type="button" className="button button-small" aria-pressed={rendered} onClick={() => setRendered(true)}>{t('files.rendered')}</button>
            <button type="button" className="button button-small" aria-pressed={!rendered} onClick={() => setRendered(false)}>{t('files.source')}</button>
          </span>
        )}
        <button type="button" className="button button-small" onClick={() => void files.download(file)}>{t('common.download')}</button>
      </div>
      <ErrorBanner error={detail.error ?? restore.error} onRetry={detail.error ? detail.reload : undefined} />
      {!detail.data ? <Loading /> : content === null || content === undefined ? <p className="empty">{t('files.binary')}</p>
        : comparedVersion !== undefined ? <VersionDiff file={file} version={comparedVersion} current={content} />
        : markdown && rendered ? <Markdown source={content} label={file.filename} />
        : <Code filename={file.filename} content={content} />}
      {versions.data && versions.data.length > 1 && (
        <details className="versions" open={comparedVersion !== undefined}>
          <summary>{t('files.versions')} ({versions.data.length})</summary>
          <ul>
            {versions.data.map((version) => (
              <li key={version.version}>
                <span>{t('files.version', { version: version.version })}{version.restored_from_version ? ` ← v${version.restored_from_version}` : ''}</span>
                <span className="muted small">{date.format(new Date(version.created_at))} · {version.size.toLocaleString()} B</span>
                {version.version === file.version ? <span className="muted small">{t('files.current')}</span> : (
                  <span className="actions">
                    {comparedVersion === version.version
                      ? <button type="button" className="button button-small" onClick={() => setCompared(undefined)}>{t('files.hideChanges')}</button>
                      : <button type="button" className="button button-small" onClick={() => setCompared({ key: `${file.id}@${file.version}`, version: version.version })}>{t('files.compare', { version: version.version })}</button>}
                    <button type="button" className="button button-small" disabled={restore.busy} onClick={() => void restore.run(version.version)}>{t('files.restore')}</button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** The project's files by category, the one selected, and an upload. */
export function FilesPanel({ projectId, list }: { projectId: number; list: Resource<ProjectFile[]> }) {
  const { t } = useI18n();
  const [selectedId, setSelectedId] = useState<number>();
  const upload = useAction(async (file: File) => {
    const saved = await files.upload(projectId, file);
    list.reload();
    setSelectedId(saved.id);
  });
  const byCategory = useMemo(() => {
    const groups = new Map<string, ProjectFile[]>();
    for (const file of list.data ?? []) groups.set(file.category, [...(groups.get(file.category) ?? []), file]);
    return [...groups.entries()];
  }, [list.data]);
  const selected = list.data?.find((file) => file.id === selectedId);
  const chooseUpload = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void upload.run(file);
  };
  return (
    <section className="card" aria-labelledby="files-title">
      <div className="card-head">
        <h2 id="files-title">{t('files.title')} {list.data ? <span className="muted small">({list.data.length})</span> : null}</h2>
        <label className={`button button-small ${upload.busy ? 'disabled' : ''}`}>
          {upload.busy ? t('files.uploading') : t('files.upload')}
          <input type="file" className="sr-only" onChange={chooseUpload} disabled={upload.busy} />
        </label>
      </div>
      <ErrorBanner error={list.error ?? upload.error} onRetry={list.error ? list.reload : undefined} />
      {list.data && list.data.length === 0 && <p className="empty">{t('files.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <div className="files-body">
          <nav className="file-tree" aria-label={t('files.title')}>
            {byCategory.map(([category, entries]) => (
              <div key={category}>
                <h3 className="small muted">{t(`category.${category}` as MessageKey)}</h3>
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
          {selected ? <FileViewer file={selected} onChanged={list.reload} /> : <p className="empty">{t('files.select')}</p>}
        </div>
      )}
    </section>
  );
}
