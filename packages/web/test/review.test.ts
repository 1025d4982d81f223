import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { type FakeProviderServer, startFakeProviderServer } from '@resoftai/llm/testing';
import type { Browser, Page } from 'playwright-core';
import { createProject } from '../../server/test/project-support.ts';
import { createUser, STRONG_PASSWORD, type TestUser } from '../../server/test/support.ts';
import { browserMissing, launchBrowser, newPage, screenshot, startWebApp, type WebApp } from './browser.ts';

// No language named and no file name: the page has to recognise the Python itself.
const EVAL_SNIPPET = 'def process(data):\n    eval(data)\n    return data\n';

let t: WebApp;
let fake: FakeProviderServer;
let browser: Browser;
let ada: TestUser;
let bob: TestUser;

before(async () => {
  if (browserMissing) return;
  [t, fake] = await Promise.all([startWebApp(), startFakeProviderServer()]);
  ada = await createUser(t.app, 'ada');
  bob = await createUser(t.app, 'bob');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await t?.close();
  await fake?.close();
});

/** A page already signed in as `user` (its tokens where the app keeps them). */
async function signedInPage(user: TestUser, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await newPage(browser, viewport);
  await page.addInitScript((tokens) => localStorage.setItem('resoftai.tokens', tokens), JSON.stringify({ access_token: user.accessToken, refresh_token: user.refreshToken }));
  return page;
}

describe('code review in the browser', { skip: browserMissing }, () => {
  test('a Python snippet with eval: the issue is on line 2, its fix shows ast.literal_eval, SARIF and a reload keep it all', async () => {
    const page = await newPage(browser);
    await page.goto(`${t.base}/review`);
    await page.getByLabel('Username or email').fill('ada');
    await page.getByLabel('Password').fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Code review', level: 1 }).waitFor();

    // Nothing to analyse: the server's rule is shown under the code field.
    await page.getByRole('button', { name: 'Analyze' }).click();
    await page.locator('.field-error').first().waitFor();

    await page.getByLabel('Code', { exact: true }).fill(EVAL_SNIPPET);
    await page.getByText('Detected: Python').waitFor();
    await screenshot(page, 'review-form');
    await page.getByRole('button', { name: 'Analyze' }).click();
    await page.waitForURL(/\/review\/[^/]+$/);

    const issue = page.locator('.review-issue[data-rule="S001"]');
    await issue.waitFor();
    assert.equal(await issue.getAttribute('data-line'), '2');
    assert.match(await issue.innerText(), /^2:5 /);
    assert.equal(await issue.getByRole('link', { name: /^CWE-\d+$/ }).count(), 1);
    // Grouped by severity, critical first.
    assert.equal(await page.locator('.review-group h3 .badge').first().textContent(), 'Critical');

    await issue.getByRole('button', { name: /^Line 2: / }).click();
    await page.locator('.review-line-mark[data-line="2"]').waitFor();
    assert.equal(await page.locator('.review-gutter-marked').innerText(), '2');
    await screenshot(page, 'review-results');

    await issue.getByRole('button', { name: 'Apply fix' }).click();
    await page.locator('.diff-added').filter({ hasText: 'ast.literal_eval(data)' }).waitFor();
    await page.locator('.diff-removed').filter({ hasText: 'eval(data)' }).waitFor();
    await page.getByRole('heading', { name: 'Fix for S001 on line 2' }).waitFor();
    await page.locator('.review-fix pre.code:not(.diff)').filter({ hasText: 'ast.literal_eval(data)' }).waitFor();
    await screenshot(page, 'review-fix');

    const fixDownload = page.waitForEvent('download');
    await page.locator('.review-fix').getByRole('button', { name: 'Download' }).click();
    assert.match(readFileSync((await (await fixDownload).path())!, 'utf8'), /ast\.literal_eval\(data\)/);

    const sarifDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download SARIF' }).click();
    const sarif = JSON.parse(readFileSync((await (await sarifDownload).path())!, 'utf8')) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[]; partialFingerprints: Record<string, string> }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const result = sarif.runs[0]!.results.find((entry) => entry.ruleId === 'S001')!;
    assert.equal(result.level, 'error');
    const { region } = result.locations[0]!.physicalLocation;
    assert.deepEqual([region.startLine, region.startColumn], [2, 5]);
    assert.ok(result.partialFingerprints.primaryLocationLineHash);
    assert.ok(sarif.runs[0]!.tool.driver.rules.some((rule) => rule.id === 'S001'));

    // The results page is an address of its own: a reload shows the same analysis and its code.
    const resultUrl = page.url();
    await page.reload();
    await page.locator('.review-issue[data-rule="S001"]').waitFor();
    await page.getByRole('region', { name: 'snippet.py' }).filter({ hasText: 'eval(data)' }).waitFor();

    // Re-run analyses the same code again, as a new analysis.
    await page.getByRole('button', { name: 'Re-run' }).click();
    await page.waitForURL((url) => /\/review\/[^/]+$/.test(url.pathname) && url.href !== resultUrl);
    await page.locator('.review-issue[data-rule="S001"]').waitFor();

    // Another tab, in Chinese on a phone: the server keeps no code, so the page says why it shows none.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await page.context().storageState(), locale: 'zh-CN' });
    const phonePage = await phone.newPage();
    await phonePage.goto(resultUrl);
    await phonePage.getByRole('heading', { name: '分析结果' }).waitFor();
    await phonePage.getByText('服务器不返回被分析的代码', { exact: false }).waitFor();
    await screenshot(phonePage, 'review-results-mobile-zh');
    await phone.close();
    await page.context().close();
  });

  test('the history lists only the caller’s analyses, filters them and opens each one', async () => {
    const bobs = await signedInPage(bob);
    await bobs.goto(`${t.base}/analyses`);
    await bobs.getByText('No analyses yet.', { exact: false }).waitFor();
    await bobs.context().close();

    const page = await signedInPage(ada);
    await page.goto(`${t.base}/analyses`);
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    // Ada's analysis and its re-run from the test before.
    assert.equal(await rows.count(), 2);
    assert.match(await rows.first().innerText(), /Python/);
    await screenshot(page, 'review-history');

    await page.getByRole('main').getByLabel('Language').selectOption('javascript');
    await page.getByText('No analyses match these filters.').waitFor();
    await page.getByRole('main').getByLabel('Language').selectOption('python');
    await rows.nth(1).waitFor();

    await rows.first().getByRole('link').click();
    await page.waitForURL(/\/review\/[^/]+$/);
    await page.locator('.review-issue[data-rule="S001"]').waitFor();
    await page.context().close();
  });

  test("a project's code quality: per-file scores after a run, and the score trend over its runs", async () => {
    const project = await createProject(t.app, ada, { name: 'Shop' });
    await t.app.services.files.saveGeneratedFile('system', project.id, 'src/app.py', EVAL_SNIPPET);
    await t.app.services.files.saveGeneratedFile('system', project.id, 'src/util.js', 'export const twice = (n) => n * 2;\n');

    const strangers = await signedInPage(bob);
    await strangers.goto(`${t.base}/projects/${project.id}/quality`);
    await strangers.getByRole('heading', { name: 'Not found' }).waitFor();
    await strangers.context().close();

    const page = await signedInPage(ada);
    await page.goto(`${t.base}/projects/${project.id}/quality`);
    await page.getByRole('heading', { name: 'Code quality: Shop' }).waitFor();
    await page.getByText('has not been analyzed yet', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Run analysis' }).click();
    await page.locator('tbody tr').filter({ hasText: 'src/app.py' }).waitFor();
    assert.equal(await page.locator('tbody tr').count(), 2);
    await page.getByText('The trend appears after two analyses.').waitFor();

    await page.getByRole('button', { name: 'Run analysis' }).click();
    await page.locator('.review-trend canvas').waitFor();
    assert.match((await page.locator('.review-trend').getAttribute('aria-label'))!, /^Score over 2 analyses/);
    await screenshot(page, 'review-project-quality');

    // In Chinese on a phone.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await page.context().storageState(), locale: 'zh-CN' });
    const phonePage = await phone.newPage();
    await phonePage.goto(`${t.base}/projects/${project.id}/quality`);
    await phonePage.getByRole('heading', { name: '评分趋势' }).waitFor();
    await phonePage.locator('.review-trend canvas').waitFor();
    await screenshot(phonePage, 'review-project-quality-zh');
    await phone.close();
    await page.context().close();
  });

  test('an uploaded file takes its language from its name, and the AI review adds the model’s findings', async () => {
    const cyd = await createUser(t.app, 'cyd');
    const config = await t.app.inject({
      method: 'POST',
      url: '/api/llm-configs',
      headers: cyd.auth,
      payload: { name: 'reviewer', provider: 'deepseek', api_key: 'sk-review-0123456789-abcd', api_base: fake.baseUrlFor('deepseek'), is_default: true },
    });
    assert.equal(config.statusCode, 201, config.body);
    fake.enqueue({
      json: {
        findings: [{ line: 3, severity: 'medium', category: 'quality', confidence: 'medium', cwe: null, title: 'Input returned unchecked', message: 'data is returned as given', suggestion: 'Validate data first' }],
      },
    });

    const page = await signedInPage(cyd);
    await page.goto(`${t.base}/review`);
    await page.locator('input[type="file"]').setInputFiles({ name: 'worker.py', mimeType: 'text/x-python', buffer: Buffer.from(EVAL_SNIPPET) });
    await page.getByText('File: worker.py').waitFor();
    assert.equal(await page.getByRole('main').getByLabel('Language', { exact: true }).inputValue(), 'python');
    assert.equal(await page.getByLabel('Code', { exact: true }).inputValue(), EVAL_SNIPPET);
    await page.getByText('Uses your default LLM config “reviewer”', { exact: false }).waitFor();
    await page.getByLabel('Also review with a language model').check();
    await page.getByRole('button', { name: 'Analyze' }).click();

    const aiIssue = page.locator('.review-issue[data-rule="AI"]');
    await aiIssue.waitFor();
    assert.equal(await aiIssue.getAttribute('data-line'), '3');
    assert.match(await aiIssue.innerText(), /Input returned unchecked/);
    assert.equal(await aiIssue.locator('.badge').textContent(), 'AI review');
    await page.getByRole('region', { name: 'worker.py' }).waitFor();
    assert.equal(fake.requests.length, 1);
    await screenshot(page, 'review-ai');
    await page.context().close();
  });
});
