import semver from 'semver';
import { z } from 'zod';

/** The hooks the platform fires, in the order a workflow meets them. */
export const HOOK_NAMES = [
  'workflow.started',
  'llm.prompt',
  'file.saving',
  'stage.completed',
  'workflow.completed',
  'workflow.failed',
  'analysis.completed',
] as const;
export type HookName = (typeof HOOK_NAMES)[number];

export const PLUGIN_CATEGORIES = ['development', 'quality', 'security', 'integration', 'documentation', 'productivity'] as const;
export type PluginCategory = (typeof PLUGIN_CATEGORIES)[number];

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const semverString = z.string().refine((value) => semver.valid(value) === value, 'must be a semantic version such as 1.2.3');

const common = {
  description: z.string().min(1),
  required: z.boolean().default(false),
};

const stringSetting = z.strictObject({
  type: z.literal('string'),
  ...common,
  /** Stored sealed with the server's encryption key and never returned. */
  secret: z.boolean().default(false),
  format: z.enum(['url', 'text']).default('text'),
  max_length: z.int().positive().max(100_000).default(2000),
  default: z.string().optional(),
});
const booleanSetting = z.strictObject({ type: z.literal('boolean'), ...common, default: z.boolean().optional() });
const integerSetting = z.strictObject({
  type: z.literal('integer'),
  ...common,
  min: z.int().optional(),
  max: z.int().optional(),
  default: z.int().optional(),
});
const enumSetting = z.strictObject({
  type: z.literal('enum'),
  ...common,
  options: z.array(z.string().min(1)).min(1),
  default: z.string().optional(),
});

export const settingSpecSchema = z.discriminatedUnion('type', [stringSetting, booleanSetting, integerSetting, enumSetting]);
export type SettingSpec = z.infer<typeof settingSpecSchema>;

/** `plugin.json`: what the marketplace shows and what the platform needs to run the plugin. */
export const manifestSchema = z.strictObject({
  slug: z.string().regex(SLUG, 'lowercase letters and digits separated by single hyphens'),
  name: z.string().min(1).max(100),
  version: semverString,
  description: z.string().min(1).max(500),
  long_description: z.string().min(1),
  category: z.enum(PLUGIN_CATEGORIES),
  author: z.string().min(1),
  homepage: z.url(),
  repository: z.url(),
  tags: z.array(z.string().min(1)).default([]),
  /** Slugs of plugins that must be installed first. */
  dependencies: z.array(z.string().regex(SLUG)).default([]),
  compatibility: z.strictObject({ min_version: semverString, max_version: semverString }),
  /** The ES module, relative to the manifest, that exports `hooks`. */
  entry: z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w./-]+\.m?js$/, 'a relative path to a .js or .mjs file inside the plugin'),
  hooks: z.array(z.enum(HOOK_NAMES)).min(1),
  settings: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), settingSpecSchema).default({}),
  /** What changed in this version (shown by the update check). */
  changelog: z.string().min(1),
  released_at: z.iso.datetime(),
});
export type PluginManifest = z.infer<typeof manifestSchema>;

/** Whether `platformVersion` lies in the manifest's compatibility range (both ends included). */
export function isCompatible(manifest: Pick<PluginManifest, 'compatibility'>, platformVersion: string): boolean {
  const { min_version, max_version } = manifest.compatibility;
  return semver.gte(platformVersion, min_version) && semver.lte(platformVersion, max_version);
}

export const compareVersions = (a: string, b: string): number => semver.compare(a, b);

/** The zod problems of a manifest in one line: `hooks.0: Invalid option …; entry: …`. */
export function describeProblems(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
