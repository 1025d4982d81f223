export { BUILT_IN_CATALOG_DIR, readCatalog, type CatalogVersion } from './catalog.ts';
export {
  compareVersions,
  describeProblems,
  HOOK_NAMES,
  isCompatible,
  manifestSchema,
  PLUGIN_CATEGORIES,
  type HookName,
  type PluginCategory,
  type PluginManifest,
  type SettingSpec,
} from './manifest.ts';
export {
  HookTimeoutError,
  invokeHook,
  loadPlugin,
  PluginLoadError,
  type HookContext,
  type HookHandler,
  type HookPayloads,
  type HookResults,
  type PluginHandlers,
} from './runtime.ts';
