import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { WEB_DIST_DIR } from '../dist-dir.js';
import { createTestApp, type TestApp } from '../../server/test/support.ts';

/** Debian's Chromium (`apt-get install chromium`); CI installs it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserMissing = existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` to run the browser tests`;

/** Screenshots of the main pages, kept by the test run (not committed). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../test-artifacts', import.meta.url));

// Without the background-networking flags Chromium keeps reaching for the (closed) network.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Chromium with a fresh profile (playwright makes a new one per launch). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

/** The build the tests serve: the package's own, or another one (`WEB_DIST_DIR=/tmp/web npm test`, e.g. beside a dev build). */
const TESTED_DIST_DIR = process.env.WEB_DIST_DIR ?? WEB_DIST_DIR;

export interface WebApp extends TestApp {
  /** `http://127.0.0.1:PORT` of the listening server. */
  base: string;
}

/** A server on a loopback port serving the built app; builds it first when a bare checkout has no build. */
export async function startWebApp(...options: Parameters<typeof createTestApp>): Promise<WebApp> {
  if (!existsSync(join(TESTED_DIST_DIR, 'index.html'))) {
    assert.equal(spawnSync('npm', ['run', 'build', '-w', '@resoftai/web'], { stdio: 'inherit' }).status, 0);
  }
  const [overrides, appOptions] = options;
  const t = await createTestApp(overrides, { webDistDir: TESTED_DIST_DIR, ...appOptions });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address() as { port: number };
  return { ...t, base: `http://127.0.0.1:${address.port}` };
}

/** A page in a fresh browser context (its own storage, so its own session). */
export async function newPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-US', acceptDownloads: true });
  return context.newPage();
}
