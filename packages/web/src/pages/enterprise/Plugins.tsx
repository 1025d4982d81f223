import type { Query } from '@resoftai/sdk';
import { type FormEvent, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { ErrorBanner, Field, FormError, Loading } from '../../components/ui.tsx';
import { useAction, useResource } from '../../hooks/resource.ts';
import { useI18n } from '../../i18n.tsx';
import { PluginSettings } from './PluginSettings.tsx';
import { isPageRefusal, PageFailure, useFormats } from './shared.tsx';
import './enterprise.css';

type MarketplaceQuery = Query<'getMarketplacePlugins'>;
type Category = NonNullable<MarketplaceQuery['category']>;
type Sort = NonNullable<MarketplaceQuery['sort']>;
const CATEGORIES: Category[] = ['development', 'quality', 'security', 'integration', 'documentation', 'productivity'];
const SORTS: Sort[] = ['popularity', 'rating', 'recent'];
const PAGE_SIZE = 12;

/** The marketplace: search, category and order live in the address, so a search can be shared and survives a reload. */
export function Marketplace() {
  const { t } = useI18n();
  const formats = useFormats();
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const category = CATEGORIES.find((value) => value === params.get('category'));
  const sort = SORTS.find((value) => value === params.get('sort')) ?? 'popularity';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [typed, setTyped] = useState(search);
  const list = useResource(async () => {
    const { data, response } = await api.http.GET('/api/marketplace/plugins', {
      params: { query: { search: search || undefined, category, sort, skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE } },
    });
    return { items: data ?? [], total: Number(response.headers.get('x-total-count') ?? data?.length ?? 0) };
  }, `${search}/${category}/${sort}/${page}`);
  const installed = useResource(() => api.plugins.installed(), 'installed');
  const installedSlugs = new Set(installed.data?.map((plugin) => plugin.slug));
  const setQuery = (next: Record<string, string>) => {
    const merged = new URLSearchParams(params);
    for (const [name, value] of Object.entries(next)) {
      if (value) merged.set(name, value);
      else merged.delete(name);
    }
    if (!('page' in next)) merged.delete('page');
    setParams(merged);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ search: typed.trim() });
  };
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  if (isPageRefusal(list.error)) return <PageFailure error={list.error} onRetry={list.reload} />;
  return (
    <>
      <div className="page-head"><div><h1>{t('enterprise.plugins.title')}</h1><p className="muted">{t('enterprise.plugins.text')}</p></div></div>
      <form className="card form enterprise-filters" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="plugin-search">{t('enterprise.plugins.search')}</label>
          <input id="plugin-search" type="search" value={typed} maxLength={100} onChange={(event) => setTyped(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="plugin-category">{t('enterprise.plugins.category')}</label>
          <select id="plugin-category" value={category ?? ''} onChange={(event) => setQuery({ category: event.target.value })}>
            <option value="">{t('enterprise.plugins.allCategories')}</option>
            {CATEGORIES.map((value) => <option key={value} value={value}>{t(`enterprise.pluginCategory.${value}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="plugin-sort">{t('enterprise.plugins.sort')}</label>
          <select id="plugin-sort" value={sort} onChange={(event) => setQuery({ sort: event.target.value === 'popularity' ? '' : event.target.value })}>
            {SORTS.map((value) => <option key={value} value={value}>{t(`enterprise.plugins.sort.${value}`)}</option>)}
          </select>
        </div>
        <button type="submit" className="button button-primary">{t('enterprise.plugins.searchButton')}</button>
      </form>
      <ErrorBanner error={list.error ?? installed.error} onRetry={() => { list.reload(); installed.reload(); }} />
      {list.loading && !list.data && <Loading />}
      {list.data?.items.length === 0 && <p className="empty">{search || category ? t('enterprise.plugins.noMatch') : t('enterprise.plugins.empty')}</p>}
      <div className="gallery">
        {list.data?.items.map((plugin) => (
          <Link key={plugin.slug} className="card template-card" to={`/plugins/${plugin.slug}`}>
            <span className="enterprise-plugin-head">
              <strong>{plugin.name}</strong>
              {installedSlugs.has(plugin.slug) && <span className="badge badge-completed">{t('enterprise.plugins.installed')}</span>}
            </span>
            <span className="muted small">v{plugin.version} · {t(`enterprise.pluginCategory.${plugin.category as Category}`)} · {plugin.author}</span>
            <span>{plugin.description}</span>
            <span className="muted small">
              {plugin.rating > 0 ? t('enterprise.plugins.rating', { rating: formats.decimal(plugin.rating) }) : t('enterprise.plugins.unrated')} · {t('enterprise.plugins.downloads', { count: formats.integer(plugin.downloads) })}
            </span>
          </Link>
        ))}
      </div>
      {pages > 1 && (
        <div className="pager">
          <button type="button" className="button button-small" disabled={page <= 1} onClick={() => setQuery({ page: String(page - 1) })}>{t('common.previous')}</button>
          <span className="muted">{t('projects.page', { page, pages })}</span>
          <button type="button" className="button button-small" disabled={page >= pages} onClick={() => setQuery({ page: String(page + 1) })}>{t('common.next')}</button>
        </div>
      )}
    </>
  );
}

/** A plugin: its description, versions and reviews; install, switch on or off, update, uninstall, configure, review. */
export function PluginPage() {
  const { t } = useI18n();
  const formats = useFormats();
  const slug = useParams().slug!;
  const detail = useResource(() => api.plugins.get(slug), `plugin/${slug}`);
  const installed = useResource(() => api.plugins.installed(), `installed/${slug}`);
  const updates = useResource(() => api.plugins.checkUpdates(), `updates/${slug}`);
  const mine = installed.data?.find((plugin) => plugin.slug === slug);
  const update = updates.data?.updates_available[slug];
  const [version, setVersion] = useState('');
  const [withDependencies, setWithDependencies] = useState(true);
  const [notice, setNotice] = useState<string>();
  const changed = (message: string) => {
    setNotice(message);
    installed.reload();
    updates.reload();
    detail.reload();
  };
  const install = useAction(async () => {
    const done = await api.plugins.install(slug, { version: version || undefined, auto_dependencies: withDependencies });
    changed(t('enterprise.plugin.installedVersion', { version: done.version }));
  });
  const toggle = useAction(async () => {
    const done = await api.plugins.toggle(slug);
    changed(done.is_active ? t('enterprise.plugin.enabledNow') : t('enterprise.plugin.disabledNow'));
  });
  const upgrade = useAction(async () => {
    const done = await api.plugins.update(slug);
    changed(t('enterprise.plugin.updatedTo', { from: done.old_version, to: done.new_version }));
  });
  const uninstall = useAction(async () => {
    await api.plugins.uninstall(slug);
    changed(t('enterprise.plugin.uninstalledNow'));
  });
  const actionError = install.error ?? toggle.error ?? upgrade.error ?? uninstall.error;
  if (detail.error && isPageRefusal(detail.error)) return <PageFailure error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return detail.error ? <ErrorBanner error={detail.error} onRetry={detail.reload} /> : <Loading />;
  const plugin = detail.data;
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small"><Link to="/plugins">{t('enterprise.plugins.back')}</Link></p>
          <h1>{plugin.name}</h1>
          <p className="muted">
            v{plugin.version} · {t(`enterprise.pluginCategory.${plugin.category as Category}`)} · {plugin.author} · {plugin.rating > 0 ? t('enterprise.plugins.rating', { rating: formats.decimal(plugin.rating) }) : t('enterprise.plugins.unrated')} · {t('enterprise.plugins.downloads', { count: formats.integer(plugin.downloads) })}
          </p>
        </div>
        {mine && (
          <span className={`badge ${mine.is_active ? 'badge-completed' : 'badge-cancelled'}`} data-testid="plugin-state">
            {mine.is_active ? t('enterprise.plugin.enabled', { version: mine.version }) : t('enterprise.plugin.disabled', { version: mine.version })}
          </span>
        )}
      </div>
      {notice && <div className="banner banner-ok" role="status">{notice}</div>}
      <ErrorBanner error={actionError ?? installed.error ?? updates.error} />
      <div className="columns">
        <section className="card" aria-labelledby="plugin-about">
          <h2 id="plugin-about">{t('enterprise.plugin.about')}</h2>
          <p className="enterprise-long">{plugin.long_description}</p>
          {plugin.tags.length > 0 && <ul className="enterprise-chips">{plugin.tags.map((tag) => <li key={tag} className="badge">{tag}</li>)}</ul>}
          <dl className="enterprise-facts">
            <dt>{t('enterprise.plugin.compatibility')}</dt><dd>{plugin.compatibility.min_version} – {plugin.compatibility.max_version}</dd>
            <dt>{t('enterprise.plugin.dependencies')}</dt>
            <dd>{plugin.dependencies.length === 0 ? t('enterprise.plugin.none') : plugin.dependencies.map((dependency, index) => <span key={dependency}>{index > 0 && ', '}<Link to={`/plugins/${dependency}`}>{dependency}</Link></span>)}</dd>
            <dt>{t('enterprise.plugin.settings')}</dt>
            <dd>
              {Object.keys(plugin.settings).length === 0
                ? t('enterprise.plugin.noSettings')
                : Object.entries(plugin.settings).map(([name, spec], index) => (
                  <span key={name}>{index > 0 && ', '}<span className="mono" title={spec.description}>{name}</span>{spec.required && ' *'}</span>
                ))}
            </dd>
            <dt>{t('enterprise.plugin.homepage')}</dt><dd><a href={plugin.homepage} rel="noreferrer noopener" target="_blank">{plugin.homepage}</a></dd>
            <dt>{t('enterprise.plugin.repository')}</dt><dd><a href={plugin.repository} rel="noreferrer noopener" target="_blank">{plugin.repository}</a></dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="plugin-install">
          <h2 id="plugin-install">{t('enterprise.plugin.installation')}</h2>
          {!installed.data && !installed.error && <Loading />}
          {installed.data && !mine && (
            <form className="form" onSubmit={(event) => { event.preventDefault(); void install.run(); }} noValidate>
              <Field label={t('enterprise.plugin.version')} name="version" error={install.error} hint={t('enterprise.plugin.versionHint')}>
                {(props) => (
                  <select {...props} value={version} onChange={(event) => setVersion(event.target.value)}>
                    <option value="">{t('enterprise.plugin.newestCompatible')}</option>
                    {plugin.versions.map((one) => <option key={one.version} value={one.version}>{one.version}</option>)}
                  </select>
                )}
              </Field>
              {plugin.dependencies.length > 0 && (
                <label className="check"><input type="checkbox" checked={withDependencies} onChange={(event) => setWithDependencies(event.target.checked)} />{t('enterprise.plugin.withDependencies')}</label>
              )}
              <button type="submit" className="button button-primary" disabled={install.busy}>{t('enterprise.plugin.install')}</button>
            </form>
          )}
          {mine && (
            <>
              <p className="muted small">{t('enterprise.plugin.installedAt', { time: formats.dateTime(mine.installed_at) })}</p>
              {update && <p className="banner banner-info">{t('enterprise.plugin.updateAvailable', { from: update.current_version, to: update.latest_version })} {update.changelog}</p>}
              <div className="actions enterprise-actions-start">
                <button type="button" className="button" disabled={toggle.busy} onClick={() => void toggle.run()}>{mine.is_active ? t('enterprise.plugin.disable') : t('enterprise.plugin.enable')}</button>
                {update && <button type="button" className="button button-primary" disabled={upgrade.busy} onClick={() => void upgrade.run()}>{t('enterprise.plugin.update', { version: update.latest_version })}</button>}
                <button
                  type="button"
                  className="button button-danger"
                  disabled={uninstall.busy}
                  onClick={() => {
                    if (window.confirm(t('enterprise.plugin.confirmUninstall', { name: plugin.name }))) void uninstall.run();
                  }}
                >
                  {t('enterprise.plugin.uninstall')}
                </button>
              </div>
            </>
          )}
          <h3>{t('enterprise.plugin.versions')}</h3>
          <ul className="enterprise-versions">
            {plugin.versions.map((one) => <li key={one.version}><strong>{one.version}</strong><span className="muted small">{formats.dateTime(one.released_at)}</span></li>)}
          </ul>
        </section>
      </div>
      {mine && <PluginSettings slug={slug} key={mine.version} />}
      <Reviews slug={slug} reviews={plugin.reviews} onReviewed={detail.reload} />
    </>
  );
}

type Review = Awaited<ReturnType<typeof api.plugins.get>>['reviews'][number];

function Reviews({ slug, reviews, onReviewed }: { slug: string; reviews: Review[]; onReviewed: () => void }) {
  const { t } = useI18n();
  const formats = useFormats();
  const [rating, setRating] = useState(5);
  const [comment, setComment] = useState('');
  const review = useAction(async () => {
    await api.plugins.review(slug, { rating, comment });
    setComment('');
    onReviewed();
  });
  return (
    <section className="card" aria-labelledby="plugin-reviews">
      <h2 id="plugin-reviews">{t('enterprise.reviews.title', { count: reviews.length })}</h2>
      {reviews.length === 0 && <p className="empty">{t('enterprise.reviews.empty')}</p>}
      <ul className="enterprise-reviews">
        {reviews.map((one) => (
          <li key={`${one.author}/${one.created_at}`}>
            <p className="enterprise-review-head">
              <span className="enterprise-stars" role="img" aria-label={t('enterprise.reviews.stars', { rating: one.rating })}>{'★'.repeat(one.rating)}{'☆'.repeat(5 - one.rating)}</span>
              <strong>{one.author}</strong>
              <span className="muted small">{formats.dateTime(one.created_at)}</span>
            </p>
            {one.comment && <p className="enterprise-long">{one.comment}</p>}
          </li>
        ))}
      </ul>
      <form className="form enterprise-subform" onSubmit={(event) => { event.preventDefault(); void review.run(); }} noValidate aria-labelledby="write-review">
        <h3 id="write-review">{t('enterprise.reviews.write')}</h3>
        <Field label={t('enterprise.reviews.rating')} name="rating" error={review.error}>
          {(props) => (
            <select {...props} value={rating} onChange={(event) => setRating(Number(event.target.value))}>
              {[5, 4, 3, 2, 1].map((value) => <option key={value} value={value}>{t('enterprise.reviews.stars', { rating: value })}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('enterprise.reviews.comment')} name="comment" error={review.error}>
          {(props) => <textarea {...props} rows={3} maxLength={2000} value={comment} onChange={(event) => setComment(event.target.value)} />}
        </Field>
        <FormError error={review.error} />
        <div className="actions"><button type="submit" className="button button-primary" disabled={review.busy}>{t('enterprise.reviews.submit')}</button></div>
      </form>
    </section>
  );
}
