import {
  compareVersions, isCompatible, loadPlugin, manifestSchema, PluginLoadError, readCatalog, type CatalogVersion, type PluginManifest, type SettingSpec,
} from '@resoftai/plugins';
import type { Page, PageRequest } from '../db/repositories/paging.ts';
import type { MarketplaceFilter, MarketplacePluginRow, PluginInstallationRow, PluginRepository, PluginVersionRow } from '../db/repositories/plugins.ts';
import { sqlState } from '../db/repositories/files.ts';
import type { Db } from '../db/client.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { auditActor, type AuditChain } from '../governance/audit-chain.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { Principal } from './principal.ts';
import { applySettingsPatch, keepDeclaredSettings, type PluginSettingsView, settingsView, type SettingsPatch, validateSettingsPatch } from './plugin-settings.ts';

export interface MarketplaceItemView {
  slug: string;
  name: string;
  version: string;
  description: string;
  category: string;
  author: string;
  rating: number;
  downloads: number;
  tags: string[];
  created_at: string;
}

export interface MarketplaceDetailView extends MarketplaceItemView {
  long_description: string;
  homepage: string;
  repository: string;
  dependencies: string[];
  compatibility: { min_version: string; max_version: string };
  versions: { version: string; released_at: string }[];
  reviews: { rating: number; comment: string; author: string; created_at: string }[];
  /** The settings the newest compatible version (else the newest valid one) declares. */
  settings: Record<string, SettingSpec>;
  updated_at: string;
}

/** An installation's settings with the specs of the installed version; secret values never, only whether they are set. */
export interface InstalledSettingsView extends PluginSettingsView {
  specs: Record<string, SettingSpec>;
}

export interface InstallView { slug: string; version: string; status: 'installed'; installed_at: string }
export interface InstalledView { slug: string; name: string; version: string; is_active: boolean; installed_at: string }
export interface ToggleView { slug: string; is_active: boolean; updated_at: string }
export interface UpdateView { slug: string; old_version: string; new_version: string; updated_at: string }
export interface UpdatesView { updates_available: Record<string, { current_version: string; latest_version: string; changelog: string }> }
export interface ReviewView { id: number; plugin_slug: string; rating: number; comment: string; author_id: number; created_at: string }

const DETAIL_REVIEWS = 50;

/** The validated manifest of a usable version row. */
const manifestOf = (row: PluginVersionRow): PluginManifest => manifestSchema.parse(row.manifest);

const itemView = (plugin: MarketplacePluginRow): MarketplaceItemView => ({
  slug: plugin.slug,
  name: plugin.name,
  version: plugin.latestVersion,
  description: plugin.description,
  category: plugin.category,
  author: plugin.author,
  rating: Math.round(plugin.rating * 10) / 10,
  downloads: plugin.downloads,
  tags: plugin.tags,
  created_at: plugin.createdAt.toISOString(),
});

const pluginNotFound = (slug: string) => notFound(`Plugin ${slug} not found`);
const notInstalled = (slug: string) => notFound(`Plugin ${slug} is not installed`);

/** Versions with a valid manifest, newest first. */
function usableVersions(rows: PluginVersionRow[]): Array<{ row: PluginVersionRow; manifest: PluginManifest }> {
  return rows
    .filter((row) => row.problem === null && row.manifest !== null)
    .map((row) => ({ row, manifest: manifestOf(row) }))
    .sort((a, b) => compareVersions(b.manifest.version, a.manifest.version));
}

/** A version that will be installed: checked, with the plugin it belongs to. */
interface PlannedInstall {
  plugin: MarketplacePluginRow;
  version: PluginVersionRow;
  manifest: PluginManifest;
  dependencyOf: string | null;
}

/**
 * The plugin marketplace and each user's installations: the catalog folders are synced into the
 * database at start; installing checks the manifest, the platform version, the entry module and
 * the dependencies before anything is written.
 */
export class PluginService {
  constructor(
    private readonly plugins: PluginRepository,
    private readonly audit: AuditChain,
    private readonly box: SecretBox,
    private readonly platformVersion: string,
  ) {}

  /** Loads the catalog folders into the marketplace; returns the versions that cannot be used, with why. */
  async syncCatalog(dirs: readonly string[]): Promise<CatalogVersion[]> {
    const catalog = await readCatalog(dirs);
    const bySlug = new Map<string, CatalogVersion[]>();
    for (const entry of catalog) bySlug.set(entry.slug, [...(bySlug.get(entry.slug) ?? []), entry]);
    for (const [slug, entries] of bySlug) {
      const valid = entries.flatMap((entry) => (entry.manifest ? [entry.manifest] : [])).sort((a, b) => compareVersions(b.version, a.version));
      const latest = valid[0];
      if (!latest) continue;
      const releases = valid.map((manifest) => new Date(manifest.released_at).getTime());
      await this.plugins.syncPlugin(
        {
          slug,
          name: latest.name,
          latestVersion: latest.version,
          description: latest.description,
          longDescription: latest.long_description,
          category: latest.category,
          author: latest.author,
          homepage: latest.homepage,
          repository: latest.repository,
          tags: latest.tags,
          dependencies: latest.dependencies,
          minPlatformVersion: latest.compatibility.min_version,
          maxPlatformVersion: latest.compatibility.max_version,
          createdAt: new Date(Math.min(...releases)),
          updatedAt: new Date(Math.max(...releases)),
        },
        entries.map((entry) => ({
          version: entry.version,
          manifest: entry.manifest as Record<string, unknown> | null,
          problem: entry.problem,
          dir: entry.dir,
          releasedAt: entry.manifest ? new Date(entry.manifest.released_at) : null,
        })),
      );
    }
    return catalog.filter((entry) => entry.problem !== null);
  }

  async list(_principal: Principal, filter: MarketplaceFilter, page: PageRequest): Promise<Page<MarketplaceItemView>> {
    const { rows, total } = await this.plugins.list(filter, page);
    return { rows: rows.map(itemView), total };
  }

  async detail(_principal: Principal, slug: string): Promise<MarketplaceDetailView> {
    const plugin = await this.find(slug);
    const versions = usableVersions(await this.plugins.versions(plugin.id));
    const reviews = await this.plugins.reviews(plugin.id, DETAIL_REVIEWS);
    const shown = versions.find(({ manifest }) => isCompatible(manifest, this.platformVersion)) ?? versions[0];
    return {
      ...itemView(plugin),
      long_description: plugin.longDescription,
      homepage: plugin.homepage,
      repository: plugin.repository,
      dependencies: plugin.dependencies,
      compatibility: { min_version: plugin.minPlatformVersion, max_version: plugin.maxPlatformVersion },
      versions: versions.map(({ manifest }) => ({ version: manifest.version, released_at: new Date(manifest.released_at).toISOString() })),
      reviews: reviews.map((review) => ({ rating: review.rating, comment: review.comment, author: review.author, created_at: review.createdAt.toISOString() })),
      settings: shown?.manifest.settings ?? {},
      updated_at: plugin.updatedAt.toISOString(),
    };
  }

  async install(principal: Principal, slug: string, options: { version?: string | undefined; autoDependencies: boolean }): Promise<InstallView> {
    const plugin = await this.find(slug);
    if (await this.plugins.installation(principal.userId, plugin.id)) throw conflict(`Plugin ${slug} is already installed`);
    const version = options.version === undefined ? await this.defaultVersion(plugin) : await this.plugins.findVersion(plugin.id, options.version);
    if (!version) throw notFound(`Plugin ${slug} has no version ${options.version}`);
    const main = await this.checked(plugin, version, null);
    const plan = [...(await this.dependencyPlan(principal.userId, main, options.autoDependencies, new Set([slug]))), main];
    try {
      const installed = await this.plugins.transaction(async (plugins, tx) => {
        let row: PluginInstallationRow | undefined;
        for (const step of plan) {
          row = await plugins.install({ userId: principal.userId, pluginId: step.plugin.id, version: step.manifest.version, settings: {} });
          await this.record(principal, 'install', row, { slug: step.plugin.slug, version: step.manifest.version, dependency_of: step.dependencyOf }, tx);
        }
        return row!;
      });
      return { slug, version: installed.version, status: 'installed', installed_at: installed.installedAt.toISOString() };
    } catch (error) {
      // Two installs of the same plugin at once: the unique index lets one through.
      if (sqlState(error) === '23505') throw conflict(`Plugin ${slug} is already installed`);
      throw error;
    }
  }

  async installed(principal: Principal): Promise<InstalledView[]> {
    return (await this.plugins.installed(principal.userId)).map(({ installation, plugin }) => ({
      slug: plugin.slug,
      name: plugin.name,
      version: installation.version,
      is_active: installation.isActive,
      installed_at: installation.installedAt.toISOString(),
    }));
  }

  async toggle(principal: Principal, slug: string): Promise<ToggleView> {
    const { installation } = await this.installationOf(principal, slug);
    const row = await this.plugins.transaction(async (plugins, tx) => {
      const updated = await plugins.updateInstallation(installation.id, { isActive: !installation.isActive });
      await this.record(principal, updated.isActive ? 'activate' : 'deactivate', updated, { slug }, tx);
      return updated;
    });
    return { slug, is_active: row.isActive, updated_at: row.updatedAt.toISOString() };
  }

  async uninstall(principal: Principal, slug: string): Promise<void> {
    const { installation } = await this.installationOf(principal, slug);
    const dependents = (await this.plugins.installed(principal.userId)).filter(({ version }) =>
      version?.manifest ? manifestOf(version).dependencies.includes(slug) : false);
    if (dependents.length > 0) {
      throw conflict(`Plugin ${slug} is needed by ${dependents.map(({ plugin }) => plugin.slug).join(', ')}; uninstall those first`);
    }
    await this.plugins.transaction(async (plugins, tx) => {
      await plugins.uninstall(installation.id);
      await this.record(principal, 'delete', installation, { slug, version: installation.version }, tx);
    });
  }

  async checkUpdates(principal: Principal): Promise<UpdatesView> {
    const updates: UpdatesView['updates_available'] = {};
    for (const { installation, plugin } of await this.plugins.installed(principal.userId)) {
      const newest = await this.newestCompatible(plugin);
      if (!newest || compareVersions(newest.version, installation.version) <= 0) continue;
      updates[plugin.slug] = { current_version: installation.version, latest_version: newest.version, changelog: manifestOf(newest).changelog };
    }
    return { updates_available: updates };
  }

  async update(principal: Principal, slug: string): Promise<UpdateView> {
    const { installation, plugin } = await this.installationOf(principal, slug);
    const newest = await this.newestCompatible(plugin);
    if (!newest || compareVersions(newest.version, installation.version) <= 0) {
      throw badRequest(`Plugin ${slug} ${installation.version} is the newest version compatible with platform ${this.platformVersion}; there is no update`);
    }
    const next = await this.checked(plugin, newest, null);
    const installedSlugs = new Set((await this.plugins.installed(principal.userId)).map((entry) => entry.plugin.slug));
    const missing = next.manifest.dependencies.filter((dependency) => !installedSlugs.has(dependency));
    if (missing.length > 0) throw badRequest(`Plugin ${slug} ${next.manifest.version} requires ${missing.join(', ')}; install ${missing.length > 1 ? 'them' : 'it'} first`);
    const row = await this.plugins.transaction(async (plugins, tx) => {
      const updated = await plugins.updateInstallation(installation.id, { version: next.manifest.version, ...keepDeclaredSettings(installation, next.manifest.settings) });
      await this.record(principal, 'update', updated, { slug, from_version: installation.version, to_version: updated.version }, tx);
      return updated;
    });
    return { slug, old_version: installation.version, new_version: row.version, updated_at: row.updatedAt.toISOString() };
  }

  async review(principal: Principal, slug: string, input: { rating: number; comment: string }): Promise<ReviewView> {
    const plugin = await this.find(slug);
    if (await this.plugins.hasReviewed(plugin.id, principal.userId)) throw conflict(`You have already reviewed plugin ${slug}`);
    try {
      const row = await this.plugins.transaction(async (plugins, tx) => {
        const added = await plugins.addReview({ pluginId: plugin.id, userId: principal.userId, rating: input.rating, comment: input.comment });
        await this.audit.append({ ...auditActor(principal), entity: 'plugin_review', action: 'create', resourceId: added.id, payload: { slug, rating: added.rating } }, tx);
        return added;
      });
      return { id: row.id, plugin_slug: slug, rating: row.rating, comment: row.comment, author_id: row.userId, created_at: row.createdAt.toISOString() };
    } catch (error) {
      if (sqlState(error) === '23505') throw conflict(`You have already reviewed plugin ${slug}`);
      throw error;
    }
  }

  /** The caller's installation's settings (404 when not installed); reads only, so nothing is audited. */
  async settings(principal: Principal, slug: string): Promise<InstalledSettingsView> {
    const { installation, version } = await this.installationOf(principal, slug);
    const specs = version?.manifest ? manifestOf(version).settings : {};
    return { ...settingsView(slug, installation, specs), specs };
  }

  async updateSettings(principal: Principal, slug: string, patch: SettingsPatch): Promise<PluginSettingsView> {
    const { installation, version } = await this.installationOf(principal, slug);
    const specs = version?.manifest ? manifestOf(version).settings : {};
    const valid = validateSettingsPatch(specs, patch);
    const row = await this.plugins.transaction(async (plugins, tx) => {
      const updated = await plugins.updateInstallation(installation.id, applySettingsPatch(this.box, installation, specs, valid));
      // Names only: values may be secrets.
      await this.record(principal, 'update', updated, { slug, settings_changed: Object.keys(valid).sort() }, tx);
      return updated;
    });
    return settingsView(slug, row, specs);
  }

  private async find(slug: string): Promise<MarketplacePluginRow> {
    const plugin = await this.plugins.findBySlug(slug);
    if (!plugin) throw pluginNotFound(slug);
    return plugin;
  }

  private async installationOf(principal: Principal, slug: string) {
    const plugin = await this.find(slug);
    const entry = (await this.plugins.installed(principal.userId)).find((candidate) => candidate.plugin.id === plugin.id);
    if (!entry) throw notInstalled(slug);
    return entry;
  }

  /** The newest valid version the platform can run. */
  private async newestCompatible(plugin: MarketplacePluginRow): Promise<PluginVersionRow | undefined> {
    return usableVersions(await this.plugins.versions(plugin.id)).find(({ manifest }) => isCompatible(manifest, this.platformVersion))?.row;
  }

  /** The newest compatible version, else the newest one (which `checked` then refuses, saying why). */
  private async defaultVersion(plugin: MarketplacePluginRow): Promise<PluginVersionRow | undefined> {
    const rows = await this.plugins.versions(plugin.id);
    return (await this.newestCompatible(plugin)) ?? usableVersions(rows)[0]?.row ?? rows[0];
  }

  /** A version that can be installed: valid manifest, compatible, entry module exporting its hooks (400 otherwise). */
  private async checked(plugin: MarketplacePluginRow, version: PluginVersionRow, dependencyOf: string | null): Promise<PlannedInstall> {
    if (version.problem !== null || version.manifest === null) throw badRequest(`Plugin ${plugin.slug} ${version.version} has an invalid manifest: ${version.problem}`);
    const manifest = manifestOf(version);
    if (!isCompatible(manifest, this.platformVersion)) {
      const { min_version, max_version } = manifest.compatibility;
      throw badRequest(`Plugin ${plugin.slug} ${manifest.version} is not compatible with platform version ${this.platformVersion} (it needs ${min_version} to ${max_version})`);
    }
    try {
      await loadPlugin(version.dir, manifest);
    } catch (error) {
      if (error instanceof PluginLoadError) throw badRequest(error.message);
      throw error;
    }
    return { plugin, version, manifest, dependencyOf };
  }

  /** The dependencies to install before `target`, deepest first; 400 naming a missing or refused one. */
  private async dependencyPlan(userId: number, target: PlannedInstall, auto: boolean, seen: Set<string>): Promise<PlannedInstall[]> {
    const plan: PlannedInstall[] = [];
    for (const slug of target.manifest.dependencies) {
      if (seen.has(slug)) continue;
      seen.add(slug);
      const plugin = await this.plugins.findBySlug(slug);
      if (!plugin) throw badRequest(`Plugin ${target.plugin.slug} depends on ${slug}, which is not in the marketplace (missing dependency: ${slug})`);
      if (await this.plugins.installation(userId, plugin.id)) continue;
      if (!auto) throw badRequest(`Plugin ${target.plugin.slug} depends on ${slug}, which is not installed; install it first or set auto_dependencies`);
      const version = await this.newestCompatible(plugin);
      if (!version) throw badRequest(`Plugin ${target.plugin.slug} depends on ${slug}, which has no version compatible with platform ${this.platformVersion}`);
      const dependency = await this.checked(plugin, version, target.plugin.slug);
      plan.push(...(await this.dependencyPlan(userId, dependency, auto, seen)), dependency);
    }
    return plan;
  }

  private async record(principal: Principal, action: string, installation: PluginInstallationRow, payload: Record<string, unknown>, tx: Db): Promise<void> {
    await this.audit.append({ ...auditActor(principal), entity: 'plugin', action, resourceId: installation.id, payload }, tx);
  }
}
