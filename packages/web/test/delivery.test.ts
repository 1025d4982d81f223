import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { scriptedProject } from '@resoftai/engine/testing';
import { type FakeProviderServer, startFakeProviderServer } from '@resoftai/llm/testing';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../server/test/support.ts';
import { browserMissing, launchBrowser, newPage as newBrowserPage, screenshot, startWebApp, type WebApp } from './browser.ts';

const PASSWORD = 'SecurePass123!';

let t: WebApp;
let fake: FakeProviderServer;
let browser: Browser;
let base: string;

before(async () => {
  if (browserMissing) return;
  fake = await startFakeProviderServer();
  // Slow enough that a reload lands mid-run.
  fake.respondWith(scriptedProject({ modules: 2, delayMs: 150, override: (agent) => (agent ? undefined : { text: 'Hello from the fake model' }) }));
  t = await startWebApp();
  base = t.base;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await t?.close();
  await fake?.close();
});

const newPage = (viewport?: { width: number; height: number }): Promise<Page> => newBrowserPage(browser, viewport);

describe('delivery in the browser', { skip: browserMissing }, () => {
  let projectUrl = '';

  test('a newcomer signs up, sets up an LLM, turns a requirement into a delivered project and watches it live', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await page.waitForURL('**/signin');
    await screenshot(page, 'signin');
    await page.getByRole('link', { name: 'New here? Create an account' }).click();
    await page.getByLabel('Username').fill('ada');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    // The server's rule, shown under the field it names.
    await page.locator('.field-error').first().waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: 'Set up a language model first' }).waitFor();
    await screenshot(page, 'dashboard-first-run');
    await page.getByRole('link', { name: 'Add an LLM config' }).click();
    await page.getByLabel('Provider').selectOption('deepseek');
    await page.getByLabel('API key').fill('sk-web-test-0123456789');
    await page.getByLabel('API base URL').fill(fake.baseUrlFor('deepseek'));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Test' }).click();
    await page.getByText(/^Works: \d+ ms/).waitFor();
    await screenshot(page, 'llm-configs');

    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('link', { name: 'New project' }).click();
    await page.getByLabel('Name').fill('calc');
    await page.getByLabel('Requirement').fill('too short');
    await page.getByRole('button', { name: 'Create' }).click();
    const requirementError = page.locator('.field-error');
    await requirementError.waitFor();
    assert.match(await requirementError.innerText(), /10/);
    await page.getByLabel('Requirement').fill('Build a small calculation library with one module per computation, each tested.');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/projects\/\d+$/);
    projectUrl = page.url();

    await page.getByRole('button', { name: 'Execute' }).click();
    await page.locator('[data-stage="requirements_analysis"][data-state="done"]').waitFor();
    // A reload mid-run replays the stored events and follows the rest live.
    await page.reload();
    await page.locator('[data-stage="requirements_analysis"][data-state="done"]').waitFor();
    await page.getByTestId('progress').filter({ hasText: '100%' }).waitFor({ timeout: 90_000 });
    await page.getByText('Completed').first().waitFor();
    const states = await page.locator('[data-stage]').evaluateAll((items) => items.map((item) => item.getAttribute('data-state')));
    assert.deepEqual(states, Array(7).fill('done'));
    assert.ok((await page.locator('.activity li').count()) > 5, 'the agent activity stream is shown');
    await screenshot(page, 'project-completed');

    await page.getByRole('button', { name: 'calc/module_0.py' }).click();
    await page.locator('pre.code').filter({ hasText: 'def compute_0' }).waitFor();
    await screenshot(page, 'project-file');

    const downloadStarted = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download project (zip)' }).click();
    const download = await downloadStarted;
    assert.match(download.suggestedFilename(), /\.zip$/);
    const zip = readFileSync((await download.path())!);
    assert.equal(zip.subarray(0, 2).toString(), 'PK');

    // The whole activity log, line for line what the page lists (the page would show only the newest 500).
    const logStarted = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the full log' }).click();
    const log = readFileSync((await (await logStarted).path())!, 'utf8').trimEnd().split('\n');
    assert.equal(log.length, await page.locator('.activity li').count());
    assert.match(log[0]!, /^\d+\t\w+Agent\trequirements_analysis\t/);

    // The last run's reports, from its deliverables.
    const delivered = await page.evaluate(async (url) => {
      const { access_token } = JSON.parse(localStorage.getItem('resoftai.tokens')!) as { access_token: string };
      return (await (await fetch(url, { headers: { authorization: `Bearer ${access_token}` } })).json()) as { deliverables: { tests: { executed: boolean; passed: number; failed: number } } };
    }, `/api/projects/${projectUrl.split('/').at(-1)}`);
    const { tests } = delivered.deliverables;
    assert.equal(await page.getByTestId('tests-verdict').innerText(), tests.executed ? `${tests.passed} passed · ${tests.failed} failed` : 'Not executed');
    await page.locator('.markdown h1').filter({ hasText: 'Test report' }).waitFor();

    // An upload of the same name makes a second version; the two compare line by line.
    const upload = page.locator('input[type="file"]');
    await upload.setInputFiles({ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Notes\n\nfirst line\n') });
    await page.locator('.markdown h1').filter({ hasText: 'Notes' }).waitFor();
    await upload.setInputFiles({ name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('# Notes\n\nsecond line\n') });
    await page.getByText('Versions (2)').click();
    await page.getByRole('button', { name: 'Compare v1 with current' }).click();
    await page.locator('.diff-removed').filter({ hasText: 'first line' }).waitFor();
    await page.locator('.diff-added').filter({ hasText: 'second line' }).waitFor();
    await screenshot(page, 'file-diff');

    // The same session on a phone, in Chinese.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await page.context().storageState(), locale: 'zh-CN' });
    const phonePage = await phone.newPage();
    await phonePage.goto(projectUrl);
    await phonePage.getByText('已完成').first().waitFor();
    await screenshot(phonePage, 'project-mobile-zh');
    await phone.close();
    await page.context().close();
  });

  test('a template is picked from the gallery, filled in and applied to the project', async () => {
    const page = await newPage();
    await page.goto(`${base}/templates`);
    await page.getByLabel('Username or email').fill('ada');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/templates');
    await page.getByRole('heading', { name: 'Backend' }).waitFor();
    await screenshot(page, 'templates');
    await page.getByRole('link', { name: /^FastAPI REST API/ }).click();
    await page.getByLabel('Project', { exact: true }).selectOption({ label: 'calc' });
    await page.getByRole('button', { name: 'Apply template' }).click();
    // The server's rule for a required variable, shown under its field.
    await page.locator('.field-error').first().waitFor();
    await page.getByLabel(/^project_name/).fill('calc service');
    await page.getByRole('button', { name: 'Apply template' }).click();
    await page.waitForURL(projectUrl);
    await page.getByRole('button', { name: /main\.py$/ }).first().waitFor();
    await page.context().close();
  });

  test('another user opening that project URL sees not-found, after signing in and coming back to it', async () => {
    const other = await createUser(t.app, 'bob');
    const page = await newPage();
    await page.goto(projectUrl);
    await page.waitForURL('**/signin');
    await page.getByLabel('Username or email').fill(other.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(projectUrl);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    assert.equal(await page.getByText('calc').count(), 0);
    await page.context().close();
  });

  test('a server that stops answering gets a clear banner with a retry', async () => {
    const page = await newPage();
    await page.goto(`${base}/signin`);
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.getByLabel('Username or email').fill('ada');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The server cannot be reached' }).waitFor();
    await page.unroute('**/api/**');

    // A rate limit says how long to wait, from Retry-After.
    await page.route('**/api/auth/login', (route) => route.fulfill({
      status: 429,
      headers: { 'retry-after': '42', 'content-type': 'application/json' },
      body: JSON.stringify({ detail: 'Rate limit exceeded', status_code: 429, error_code: 'RATE_LIMITED' }),
    }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Try again in 42 s' }).waitFor();
    await page.context().close();
  });

  test('a session that ends mid-page goes to sign-in, then back to the same page', async () => {
    const page = await newPage();
    await page.goto(`${base}/api-keys`);
    await page.getByLabel('Username or email').fill('ada');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    // Signed out elsewhere: the server refuses both tokens the page still holds.
    await page.evaluate(async () => {
      const { access_token } = JSON.parse(localStorage.getItem('resoftai.tokens')!) as { access_token: string };
      await fetch('/api/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${access_token}` } });
    });
    await page.getByRole('link', { name: 'LLM configs' }).click();
    await page.waitForURL('**/signin');
    await page.getByText('Your session ended').waitFor();
    await page.getByLabel('Username or email').fill('ada');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/llm-configs');
    await page.context().close();
  });
});
