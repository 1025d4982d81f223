import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeProblems, manifestSchema, type PluginManifest } from './manifest.ts';

export const BUILT_IN_CATALOG_DIR = fileURLToPath(new URL('../catalog', import.meta.url));

/** One `<slug>/<version>/` folder of a catalog: its manifest, or why it cannot be used. */
export type CatalogVersion =
  | { slug: string; version: string; dir: string; manifest: PluginManifest; problem: null }
  | { slug: string; version: string; dir: string; manifest: null; problem: string };

async function subfolders(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

async function readVersion(slug: string, version: string, dir: string): Promise<CatalogVersion> {
  const broken = (problem: string): CatalogVersion => ({ slug, version, dir, manifest: null, problem: `plugin.json of ${slug} ${version}: ${problem}` });
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dir, 'plugin.json'), 'utf8'));
  } catch (error) {
    return broken((error as Error).message);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) return broken(describeProblems(parsed.error));
  if (parsed.data.slug !== slug || parsed.data.version !== version) return broken(`slug and version must match the folder ${slug}/${version}`);
  return { slug, version, dir, manifest: parsed.data, problem: null };
}

/**
 * Every plugin version of the catalog folders (`<slug>/<version>/plugin.json` + entry module).
 * A version with a bad manifest is kept with its problem, so installing it can say what is wrong.
 */
export async function readCatalog(dirs: readonly string[]): Promise<CatalogVersion[]> {
  const versions: CatalogVersion[] = [];
  for (const root of dirs) {
    for (const slug of await subfolders(root)) {
      for (const version of await subfolders(join(root, slug))) versions.push(await readVersion(slug, version, join(root, slug, version)));
    }
  }
  return versions;
}
