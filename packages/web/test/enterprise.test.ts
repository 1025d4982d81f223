import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { scriptedProject } from '@resoftai/engine/testing';
import { type FakeProviderServer, startFakeProviderServer } from '@resoftai/llm/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { createUser, queryRows, STRONG_PASSWORD, type TestUser } from '../../server/test/support.ts';
import { call, createFakeLlmConfig, createProject } from '../../server/test/workflow-support.ts';
import { browserMissing, launchBrowser, newPage, screenshot, startWebApp, type WebApp } from './browser.ts';

let t: WebApp;
let fake: FakeProviderServer;
let browser: Browser;
let root: TestUser;
let pat: TestUser;
let bob: TestUser;

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

before(async () => {
  if (browserMissing) return;
  fake = await startFakeProviderServer();
  t = await startWebApp();
  browser = await launchBrowser();
  [root, pat, bob] = [await createUser(t.app, 'root'), await createUser(t.app, 'pat'), await createUser(t.app, 'bob')];
  await queryRows(t.database, sql`UPDATE users SET role = 'admin' WHERE id = ${root.id}`);
});

after(async () => {
  await browser?.close();
  await t?.close();
  await fake?.close();
});

async function signIn(user: TestUser): Promise<Page> {
  const page = await newPage(browser);
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${t.base}/signin`);
  await page.getByLabel('Username or email').fill(user.username);
  await page.getByLabel('Password').fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Menu' }).waitFor();
  return page;
}

/** The text-alternative table of the chart captioned `title`: its rows as [label, value…]. */
async function chartRows(page: Page, title: string): Promise<string[][]> {
  const figure: Locator = page.locator('figure', { has: page.locator('figcaption', { hasText: title }) });
  await figure.locator('canvas').first().waitFor({ state: 'attached' });
  return figure.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim() ?? '')));
}

describe('the platform pages in the browser', { skip: browserMissing }, () => {
  test('monitoring draws its charts from the workflow, agent and model-call records the test made', async () => {
    await createFakeLlmConfig(t.app, root.accessToken, fake);
    const projectId = await createProject(t.app, root.accessToken);
    fake.respondWith(scriptedProject({ modules: 2 }));
    const started = await call(t.app, root.accessToken, 'POST', `/api/projects/${projectId}/execute`);
    assert.equal(started.status, 200, JSON.stringify(started.body));
    await t.app.services.workflows.settled(projectId);

    const byProvider = await queryRows<{ provider: string; tokens: number }>(t.database, sql`
      SELECT provider, sum(prompt_tokens + completion_tokens)::float8 AS tokens FROM llm_usage GROUP BY provider ORDER BY tokens DESC`);
    const byAgent = await queryRows<{ agent_name: string; runs: number }>(t.database, sql`
      SELECT agent_name, count(*)::int AS runs FROM agent_activities GROUP BY agent_name ORDER BY agent_name`);
    const [run] = await queryRows<{ day: string; status: string }>(t.database, sql`
      SELECT to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, status FROM workflow_runs WHERE project_id = ${projectId}`);
    assert.ok(byProvider.length > 0 && byAgent.length > 0, 'the run left model calls and agent activities');
    assert.equal(run!.status, 'completed');

    const page = await signIn(root);
    await page.getByRole('link', { name: 'Monitoring' }).click();
    await page.getByRole('heading', { name: 'Monitoring' }).waitFor();

    assert.deepEqual(await chartRows(page, 'Tokens by provider'), byProvider.map((row) => [row.provider, integer.format(row.tokens)]));
    assert.deepEqual(await chartRows(page, 'Executions per agent'), byAgent.map((row) => [row.agent_name, integer.format(row.runs)]));
    const days = await chartRows(page, 'Workflow runs per day');
    assert.deepEqual(days.find(([day]) => day === run!.day), [run!.day, '1', '1', '0']);
    const totalTokens = byProvider.reduce((sum, row) => sum + row.tokens, 0);
    const usageDays = await chartRows(page, 'Tokens and cost per day');
    assert.equal(usageDays.find(([day]) => day === run!.day)?.[1], integer.format(totalTokens));
    assert.equal(await page.getByTestId('llm-total-tokens').innerText(), integer.format(totalTokens));
    assert.ok(await page.locator('.enterprise-chart canvas').count() >= 5, 'each chart is drawn by uPlot');
    // Administrators see the host's figures.
    await page.getByRole('progressbar', { name: 'CPU' }).waitFor();

    // Alerts: raise one, see it open, resolve it.
    await page.getByLabel('Type').fill('disk_space');
    await page.getByLabel('Severity').selectOption('high');
    await page.getByLabel('Message').fill('Disk almost full on the build host');
    await page.getByRole('button', { name: 'Raise alert' }).click();
    await page.getByRole('button', { name: 'Resolve “Disk almost full on the build host”' }).click();
    await page.getByText('No alerts.').waitFor();
    const [alert] = await queryRows<{ is_resolved: boolean }>(t.database, sql`SELECT is_resolved FROM alerts WHERE alert_type = 'disk_space'`);
    assert.equal(alert?.is_resolved, true);
    await screenshot(page, 'enterprise-monitoring');
    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('heading', { name: '监控' }).waitFor();
    await screenshot(page, 'enterprise-monitoring-zh');

    // Anyone else sees their own figures, and no host figures.
    const other = await signIn(bob);
    await other.goto(`${t.base}/monitoring`);
    await other.getByRole('heading', { name: 'Agent performance' }).waitFor();
    await other.getByText('No model calls in this period.').waitFor();
    assert.equal(await other.getByRole('heading', { name: 'System' }).count(), 0);
  });

  test('a plugin: search, detail, install an older version, update, save a setting, switch off, review', async () => {
    const page = await signIn(pat);
    await page.getByRole('link', { name: 'Plugins' }).click();
    await page.getByLabel('Search').fill('prettier');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/search=prettier/);
    const cards = page.locator('.gallery > a');
    await cards.first().waitFor();
    assert.deepEqual(await cards.locator('strong').allInnerTexts(), ['Code Formatter']);
    await screenshot(page, 'enterprise-marketplace');
    await cards.first().click();

    await page.getByRole('heading', { name: 'Code Formatter' }).waitFor();
    await page.getByText(/Runs Prettier/).waitFor();
    await page.getByLabel('Version').selectOption('1.0.0');
    await page.getByRole('button', { name: 'Install' }).click();
    await page.getByText('Installed version 1.0.0.').waitFor();
    await page.getByRole('button', { name: 'Update to 1.1.0' }).click();
    await page.getByText('Updated from 1.0.0 to 1.1.0.').waitFor();

    // The form comes from the installed version's specs, pre-filled with the stored values (here the defaults).
    const settings = page.getByRole('form', { name: 'Settings of code-formatter' });
    const width = settings.getByLabel('print_width', { exact: true });
    assert.equal(await width.inputValue(), '100');
    assert.equal(await width.getAttribute('type'), 'number');
    assert.equal(await width.getAttribute('min'), '40');
    assert.equal(await width.getAttribute('max'), '200');
    await settings.getByText('From 40 to 200').waitFor();
    const quotes = settings.getByRole('checkbox', { name: 'single_quote' });
    assert.equal(await quotes.isChecked(), false);
    // A value the manifest refuses: the server's message under the value.
    await width.fill('500');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await settings.locator('.field-error').waitFor();
    await width.fill('120');
    await quotes.check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/^Settings saved at/).waitFor();
    // Loaded again from GET settings: the stored values.
    await page.waitForFunction(() => (document.querySelector('[data-setting="print_width"] input') as HTMLInputElement | null)?.value === '120');
    assert.equal(await page.getByRole('checkbox', { name: 'single_quote' }).isChecked(), true);
    const [installation] = await queryRows<{ settings: Record<string, unknown>; is_active: boolean }>(t.database, sql`
      SELECT i.settings, i.is_active FROM plugin_installations i JOIN marketplace_plugins p ON p.id = i.plugin_id WHERE p.slug = 'code-formatter' AND i.user_id = ${pat.id}`);
    assert.equal(installation?.settings.print_width, 120);
    assert.equal(installation?.settings.single_quote, true);
    await screenshot(page, 'enterprise-plugin-settings');

    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByTestId('plugin-state').filter({ hasText: 'Disabled · v1.1.0' }).waitFor();

    await page.getByLabel('Rating').selectOption('4');
    await page.getByLabel('Comment').fill('Keeps the generated code tidy.');
    await page.getByRole('button', { name: 'Publish review' }).click();
    await page.getByRole('heading', { name: 'Reviews (1)' }).waitFor();
    await page.locator('.enterprise-reviews').getByText('Keeps the generated code tidy.').waitFor();
    await screenshot(page, 'enterprise-plugin');
  });

  test('a plugin with a secret setting: a password field, "set" after saving, the value never sent back', async () => {
    const page = await signIn(pat);
    await page.goto(`${t.base}/plugins/webhook-notifier`);
    await page.getByRole('heading', { name: 'Webhook Notifier' }).waitFor();
    // The detail lists the settings its manifest declares, before it is installed.
    assert.match(await page.locator('.enterprise-facts').innerText(), /Settings \(\* required\)\s+url \*, secret \*/);
    await page.getByRole('button', { name: 'Install' }).click();
    const settings = page.getByRole('form', { name: 'Settings of webhook-notifier' });
    await settings.waitFor();
    await settings.getByText('Still required before the plugin runs: url, secret').waitFor();
    const secret = settings.getByLabel('secret *', { exact: true });
    assert.equal(await secret.getAttribute('type'), 'password');
    assert.equal(await settings.getByLabel('url *', { exact: true }).getAttribute('type'), 'url');
    await settings.locator('[data-secret-state="unset"]').getByText('Not set').waitFor();
    await settings.getByLabel('url *', { exact: true }).fill('https://hooks.example.com/pat');
    await secret.fill('whsec-browser-secret');
    const answers: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/plugins/webhook-notifier/settings')) void response.text().then((body) => answers.push(body), () => undefined);
    });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await settings.locator('[data-secret-state="set"]').getByText('Set', { exact: true }).waitFor();
    assert.equal(await settings.getByLabel('secret *', { exact: true }).inputValue(), '', 'the secret field starts empty again');
    assert.equal(await settings.getByLabel('url *', { exact: true }).inputValue(), 'https://hooks.example.com/pat');
    assert.equal(await settings.getByText(/Still required/).count(), 0);
    await page.reload();
    await page.getByRole('form', { name: 'Settings of webhook-notifier' }).locator('[data-secret-state="set"]').waitFor();
    assert.ok(answers.length >= 2, 'the PUT and GET answers were seen');
    assert.ok(answers.every((body) => !body.includes('whsec-browser-secret')), 'no answer carries the secret');
    assert.ok(!(await page.content()).includes('whsec-browser-secret'));
    await screenshot(page, 'enterprise-plugin-secret');
  });

  test('an organisation: an administrator creates it and a team, adds a member, the seat shows on the quota; the member sees it', async () => {
    const page = await signIn(root);
    await page.getByRole('link', { name: 'Organisations' }).click();
    await page.getByLabel('Name').fill('星河软件');
    await page.getByLabel('Slug').fill('Bad Slug');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.locator('.field-error').waitFor();
    await page.getByLabel('Slug').fill('galaxy');
    await page.getByLabel('Tier').selectOption('starter');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.waitForURL(/\/organizations\/\d+$/);
    await page.getByRole('heading', { name: '星河软件' }).waitFor();
    const seats = page.locator('[data-quota="team_members"]');
    await seats.getByText('0 of 20 (0 %)').waitFor();

    await page.getByLabel('Team name').fill('Core');
    await page.getByRole('button', { name: 'Create team' }).click();
    const team = page.locator('[data-team="Core"]');
    await team.getByLabel('User ID').fill(String(bob.id));
    await team.getByLabel('Role').selectOption('member');
    await team.getByRole('button', { name: 'Add member' }).click();
    const bobRow = team.locator('tr[data-member="bob"]');
    await bobRow.getByRole('rowheader', { name: `bob #${bob.id}` }).waitFor();
    // An administrator sees the member's email.
    await bobRow.getByText(bob.email).waitFor();
    await seats.getByText('1 of 20 (5 %)').waitFor();
    assert.equal(await seats.getByRole('progressbar').getAttribute('aria-valuenow'), '5');
    await team.getByLabel('Role of bob').selectOption('viewer');
    // The audit log follows each change: the role change is its newest entry.
    const audit = page.locator('section[aria-labelledby="organization-audit"]');
    await audit.getByText(`role_change team_member`).first().waitFor();
    assert.ok(await audit.getByText('create organization').count() === 1);
    const [member] = await queryRows<{ role: string }>(t.database, sql`SELECT role FROM team_members WHERE user_id = ${bob.id}`);
    assert.equal(member?.role, 'viewer');
    await screenshot(page, 'enterprise-organization');
    // The teams and members come from the server: still listed after a reload, though the administrator is in none of them.
    await page.reload();
    await page.locator('[data-team="Core"] tr[data-member="bob"]').getByText('Viewer').waitFor({ state: 'attached' });
    await page.locator('[data-team="Core"]').getByText('1 member', { exact: true }).waitFor();
    assert.equal(await page.getByText(/only right after you create them|does not list a team/).count(), 0, 'the old workaround note is gone');

    // The member: sees the organisation, the team with their role, the quotas; not its settings or management.
    const other = await signIn(bob);
    await other.getByRole('link', { name: 'Organisations' }).click();
    await other.getByRole('link', { name: '星河软件' }).click();
    await other.locator('[data-team="Core"]').getByText('You: Viewer').waitFor();
    // The member sees the team's members by name, with no emails and no controls.
    const listed = other.locator('[data-team="Core"] tr[data-member="bob"]');
    await listed.getByRole('rowheader', { name: `bob #${bob.id}` }).waitFor();
    await listed.getByRole('cell', { name: 'Viewer' }).waitFor();
    assert.equal(await other.getByRole('columnheader', { name: 'Email' }).count(), 0);
    assert.equal(await other.getByText(bob.email).count(), 0);
    assert.equal(await other.getByRole('button', { name: 'Remove' }).count(), 0);
    await screenshot(other, 'enterprise-organization-member');
    await other.locator('[data-quota="team_members"]').getByText('1 of 20 (5 %)').waitFor();
    assert.equal(await other.getByRole('heading', { name: 'Settings' }).count(), 0);
    assert.equal(await other.getByRole('button', { name: 'Add member' }).count(), 0);
    assert.equal(await other.getByRole('heading', { name: 'Audit log' }).count(), 0);
  });
});
