import { fileURLToPath } from 'node:url';
import { BUILT_IN_CATALOG_DIR } from '@resoftai/plugins';
import type { AppConfig } from '../src/config.ts';

/** Test plugins (a crashing one, a bad manifest, missing and automatic dependencies, an incompatible one). */
export const TEST_CATALOG_DIR = fileURLToPath(new URL('./fixtures/plugin-catalog', import.meta.url));

export const pluginConfig: Partial<AppConfig> = { plugins: { catalogDirs: [BUILT_IN_CATALOG_DIR, TEST_CATALOG_DIR], hookTimeoutMs: 5000 } };
