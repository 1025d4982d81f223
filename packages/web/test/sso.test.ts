import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { startIdentityProvider, type TestIdentityProvider } from '../../server/test/oidc-support.ts';
import { createUser, queryRows, STRONG_PASSWORD, type TestUser } from '../../server/test/support.ts';
import { browserMissing, launchBrowser, newPage, screenshot, startWebApp, type WebApp } from './browser.ts';

// Single sign-on in the browser against a real OpenID Connect provider (oidc-provider on loopback): an organisation
// admin sets it up in the settings panel, then a newcomer signs in through the provider's own login form.

let t: WebApp;
let idp: TestIdentityProvider;
let browser: Browser;
let olga: TestUser;
let devsTeam: number;

async function inject(user: TestUser, method: 'POST', url: string, payload: object): Promise<{ id: number }> {
  const response = await t.app.inject({ method, url, headers: user.auth, payload });
  assert.equal(response.statusCode, 201, response.body);
  return response.json();
}

before(async () => {
  if (browserMissing) return;
  t = await startWebApp();
  // Without a public URL the server names its own address as the redirect URI, which the provider must know.
  idp = await startIdentityProvider({ redirectUris: [`${t.base}/api/auth/sso/callback`] });
  browser = await launchBrowser();
  const root = await createUser(t.app, 'root');
  olga = await createUser(t.app, 'olga');
  await queryRows(t.database, sql`UPDATE users SET role = 'admin' WHERE id = ${root.id}`);
  const organization = await inject(root, 'POST', '/api/organizations', { name: 'Acme Corp', slug: 'acme', tier: 'professional' });
  const everyone = await inject(root, 'POST', '/api/teams', { organization_id: organization.id, name: 'everyone', is_default: true });
  devsTeam = (await inject(root, 'POST', '/api/teams', { organization_id: organization.id, name: 'devs' })).id;
  await inject(root, 'POST', `/api/teams/${everyone.id}/members`, { user_id: olga.id, role: 'admin' });
  idp.accounts.set('dana', { email: 'dana@acme.test', email_verified: true, name: 'Dana Example', groups: ['developers'] });
  idp.accounts.set('eve', { email: 'eve@elsewhere.test', email_verified: true, name: 'Eve' });
});

after(async () => {
  await browser?.close();
  await idp?.close();
  await t?.close();
});

/** A page that reaches loopback only: the provider's login page links a web font from the internet. */
async function loopbackPage(): Promise<Page> {
  const page = await newPage(browser);
  await page.context().route((url) => url.hostname !== '127.0.0.1', (route) => route.abort('blockedbyclient'));
  return page;
}

/** From the sign-in page through the provider's login form; resolves once the browser is back on the app's origin. */
async function signInThroughProvider(page: Page, account: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Organisation' }).fill('acme');
  await page.getByRole('button', { name: 'Continue with single sign-on' }).click();
  await page.waitForURL((url) => url.origin === idp.issuer);
  await page.locator('input[name="login"]').fill(account);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForURL((url) => url.origin === t.base && url.pathname !== '/sso/complete');
}

describe('single sign-on in the browser', { skip: browserMissing }, () => {
  test('an organisation admin sets up the provider, and a newcomer signs in through it', async () => {
    const admin = await loopbackPage();
    await admin.goto(`${t.base}/signin`);
    await admin.getByLabel('Username or email').fill(olga.username);
    await admin.getByLabel('Password').fill(STRONG_PASSWORD);
    await admin.getByRole('button', { name: 'Sign in', exact: true }).click();
    await admin.getByRole('link', { name: 'Organisations' }).click();
    await admin.getByRole('link', { name: 'Acme Corp' }).click();
    const panel = admin.getByRole('region', { name: 'Single sign-on' });
    await panel.getByText(`${t.base}/api/auth/sso/callback`, { exact: true }).waitFor();

    await panel.getByLabel('Issuer URL').fill(idp.issuer);
    await panel.getByLabel('Client ID').fill(idp.clientId);
    await panel.getByLabel('Client secret').fill(idp.clientSecret);
    await panel.getByLabel('Allowed email domains').fill('acme.test');
    await panel.getByLabel('Group claim').fill('groups');
    await panel.getByRole('button', { name: 'Add a group' }).click();
    await panel.getByLabel('Group of mapping 1').fill('developers');
    await panel.getByLabel('Team of mapping 1').selectOption({ label: 'devs' });
    await panel.getByRole('button', { name: 'Save single sign-on settings' }).click();
    await panel.getByText('Single sign-on settings saved.').waitFor();
    assert.equal(await panel.locator('[data-secret-state]').getAttribute('data-secret-state'), 'set');
    assert.equal(await panel.getByLabel('Client secret').inputValue(), '', 'the secret is never shown again');

    const discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint: string };
    await panel.getByRole('button', { name: 'Test connection' }).click();
    await panel.getByText('The provider answered.').waitFor();
    await panel.getByText(discovery.token_endpoint, { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Enable single sign-on' }).click();
    await admin.locator('[data-sso-state="enabled"]').waitFor();
    await screenshot(admin, 'sso-settings');

    // Signed out, the organisations page asks for sign-in first, and single sign-on comes back to it.
    const newcomer = await loopbackPage();
    const refused: string[] = [];
    newcomer.on('response', (response) => void (response.status() === 401 && refused.push(response.url())));
    await newcomer.goto(`${t.base}/organizations`);
    await newcomer.getByRole('heading', { name: 'Sign in with your organisation' }).waitFor();
    await screenshot(newcomer, 'sso-sign-in');
    await signInThroughProvider(newcomer, 'dana');
    assert.equal(new URL(newcomer.url()).pathname, '/organizations');
    assert.equal(new URL(newcomer.url()).hash, '', 'the tokens are gone from the address bar');
    await newcomer.getByRole('link', { name: 'Acme Corp' }).waitFor();
    await newcomer.getByText('dana', { exact: true }).waitFor();
    assert.deepEqual(refused, [], 'no call went out without the new session');
    const teams = await queryRows<{ name: string }>(t.database, sql`
      SELECT teams.name FROM team_members JOIN teams ON teams.id = team_members.team_id JOIN users ON users.id = team_members.user_id
      WHERE users.email = 'dana@acme.test' ORDER BY teams.name`);
    assert.deepEqual(teams.map((team) => team.name), ['devs', 'everyone'], `the group mapped to team ${devsTeam}, and the default team`);

    // Someone the provider knows but whose email the organisation does not allow comes back to sign-in, told why.
    const stranger = await loopbackPage();
    await stranger.goto(`${t.base}/signin`);
    await signInThroughProvider(stranger, 'eve');
    assert.equal(new URL(stranger.url()).searchParams.get('sso_error'), 'SSO_EMAIL_NOT_ALLOWED');
    await stranger.getByRole('alert').getByText('no verified email address in a domain this organisation allows').waitFor();
  });
});
