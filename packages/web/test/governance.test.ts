import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import type { ProfileEvaluator, ReviewProfileConfig } from '../../server/src/governance/profile-evaluator.ts';
import { createUser, queryRows, STRONG_PASSWORD, type TestUser } from '../../server/test/support.ts';
import { browserMissing, launchBrowser, newPage as newBrowserPage, screenshot, startWebApp, type WebApp } from './browser.ts';

// The labelled-set evaluation as the server's three-version tests stand it in: accuracy follows the temperature.
const evaluator: ProfileEvaluator = {
  async evaluate(config: ReviewProfileConfig) {
    const f1 = config.temperature !== undefined && config.temperature <= 0.2 ? 0.9 : 0.7;
    return { f1, precision: f1, recall: f1, samples: 60 };
  },
};

let t: WebApp;
let browser: Browser;
let ana: TestUser;
let ben: TestUser;
let cy: TestUser;
let member: TestUser;
let experimentId = '';

before(async () => {
  if (browserMissing) return;
  t = await startWebApp({}, { profileEvaluator: evaluator });
  [ana, ben, cy, member] = [await createUser(t.app, 'gov_ana'), await createUser(t.app, 'gov_ben'), await createUser(t.app, 'gov_cy'), await createUser(t.app, 'gov_member')];
  await queryRows(t.database, sql`UPDATE users SET role = 'admin' WHERE id IN (${ana.id}, ${ben.id}, ${cy.id})`);
  await queryRows(t.database, sql`UPDATE users SET role = 'user' WHERE id = ${member.id}`);
  // A measured experiment with enough shadow traffic to meet the promotion criteria, as the server's tests make one.
  const created = await t.app.inject({ method: 'POST', url: '/api/three-version/experiments', headers: ana.auth, payload: { name: 'strict', config: { temperature: 0.1, ai_review: true } } });
  assert.equal(created.statusCode, 201, created.body);
  experimentId = created.json().experiment_id;
  for (let i = 0; i < 10; i++) await t.app.services.threeVersion.recordRequest(experimentId, 'shadow', { latencyMs: 100 + i * 10, failed: false, agreed: i % 2 === 0 });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await t?.close();
});

/** A fresh browser context (its own IndexedDB) signed in as the user. */
async function signedIn(user: TestUser, path = '/'): Promise<Page> {
  const page = await newBrowserPage(browser);
  await page.goto(`${t.base}${path}`);
  await page.getByLabel('Username or email').fill(user.username);
  await page.getByLabel('Password').fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`**${path}`);
  return page;
}

/** What an attacker with database access does: switch the append-only trigger off for one statement. */
async function bypassAuditTrigger(statement: SQL): Promise<void> {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update_delete`);
    await tx.execute(statement);
    await tx.execute(sql`ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_no_update_delete`);
  });
}

describe('administration in the browser', { skip: browserMissing }, () => {
  test('two administrators, one key generated in the browser and one imported from PEM, approve a promotion; the board shows the new v2', async () => {
    const requester = await signedIn(ana);
    await requester.getByRole('link', { name: 'Three-version' }).click();
    await requester.getByRole('heading', { name: 'v2 · Production' }).waitFor();
    await requester.getByText('No profile is in production yet.').waitFor();
    await requester.getByRole('button', { name: 'Promote strict' }).click();
    await requester.getByLabel('Reason').fill('accuracy 0.9 on the labelled set');
    await requester.getByRole('button', { name: 'Request promotion' }).click();
    const requestLink = requester.locator('.gov-opened a');
    await requestLink.waitFor();
    const requestId = await requestLink.innerText();
    assert.match(requestId, /^req-/);
    assert.match(await requester.locator('.gov-opened').innerText(), /accuracy 90\.0 % on 60 samples/);
    await screenshot(requester, 'governance-three-version-requested');
    await requestLink.click();
    await requester.getByText('You made this request: the requester cannot sign it.').waitFor();
    assert.equal(await requester.getByRole('button', { name: 'Sign with my key' }).count(), 0);

    const signers = [await signedIn(ben, '/admin/multisig/keys'), await signedIn(cy, '/admin/multisig/keys')];
    for (const [index, signer] of signers.entries()) {
      if (index === 0) await signer.getByRole('button', { name: 'Generate a key in this browser' }).click();
      else {
        // A key made outside the browser, as for the CLI: the page registers its public half.
        const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
        await signer.getByLabel('Import a PEM private key…').setInputFiles({ name: 'signer.pem', mimeType: 'text/plain', buffer: Buffer.from(pem) });
      }
      await signer.getByTestId('signing-key').getByText('Available').waitFor();
      // The private key the browser keeps cannot be read out of it.
      const extractable = await signer.evaluate(() => new Promise<boolean[]>((resolve, reject) => {
        const opening = indexedDB.open('resoftai-signing-keys');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const all = opening.result.transaction('keys').objectStore('keys').getAll();
          all.onsuccess = () => resolve((all.result as { privateKey: CryptoKey }[]).map((key) => key.privateKey.extractable));
        };
      }));
      assert.deepEqual(extractable, [false]);
      if (index === 0) await screenshot(signer, 'governance-signing-keys');

      await signer.getByRole('link', { name: 'Pending requests' }).click();
      await signer.getByRole('link', { name: requestId }).click();
      await signer.getByRole('heading', { name: `Promote experiment ${experimentId} to production (the first production profile)` }).waitFor();
      await signer.getByLabel('Comment').fill(`approved by signer ${index + 1}`);
      await signer.getByRole('button', { name: 'Sign with my key' }).click();
      await signer.getByTestId('ms-signature-count').getByText(`${index + 1} of 2`).waitFor();
      if (index === 0) await screenshot(signer, 'governance-request-signed-once');
    }
    await signers[1]!.getByTestId('ms-status').getByText('Executed').waitFor();

    await requester.getByRole('link', { name: 'Three-version' }).click();
    await requester.getByTestId('tv-production-version').getByText(experimentId, { exact: false }).waitFor();
    assert.match(await requester.getByTestId('tv-production').innerText(), /90\.0 %/);
    await screenshot(requester, 'governance-three-version-promoted');

    // Thresholds change only through approval: the form opens a config_change request.
    await requester.getByRole('button', { name: 'Change promotion.min_accuracy' }).click();
    await requester.getByLabel('New value').fill('0.95');
    await requester.getByLabel('Reason', { exact: true }).fill('stricter gate');
    await requester.getByRole('button', { name: 'Request change' }).click();
    await requester.locator('.gov-opened a').click();
    await requester.getByRole('heading', { name: 'Change setting promotion.min_accuracy from 0.85 to 0.95' }).waitFor();
    const status = (await t.app.inject({ method: 'GET', url: '/api/three-version/status', headers: member.auth })).json();
    assert.equal(status.v2.version_id, experimentId);
  });

  test('an administrator verifies the audit chain in the page, and sees a tampered entry highlighted', async () => {
    const page = await signedIn(ana);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: 'experiment' }).first().waitFor();
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByTestId('audit-valid').getByText('Valid').waitFor();
    assert.ok(Number(await page.getByTestId('audit-verified-count').innerText()) > 0);
    await screenshot(page, 'governance-audit-valid');

    await bypassAuditTrigger(sql`UPDATE audit_logs SET payload = '{"name":"renamed"}' WHERE entity = 'experiment' AND action = 'create'`);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByTestId('audit-valid').getByText('Broken').waitFor();
    await page.locator('tr.gov-broken').first().waitFor();
    await screenshot(page, 'governance-audit-tampered');

    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.getByRole('link', { name: 'Policies' }).click();
    const exportPolicy = page.locator('tr[data-policy="data_export"]');
    await exportPolicy.getByLabel(/^Expiry hours for/).fill('48');
    await exportPolicy.getByRole('button', { name: 'Save' }).click();
    await exportPolicy.getByRole('button', { name: 'Save' }).and(page.locator(':disabled')).waitFor();
    const policies = (await t.app.inject({ method: 'GET', url: '/api/admin/multisig/policies', headers: ana.auth })).json() as { policies: { operation_type: string; expiry_hours: number }[] };
    assert.equal(policies.policies.find((policy) => policy.operation_type === 'data_export')?.expiry_hours, 48);
    await screenshot(page, 'governance-policies');

    await page.getByRole('link', { name: 'Users' }).click();
    await page.locator('tr[data-user="gov_member"]').waitFor();
    await screenshot(page, 'governance-users');
    // Destructive actions ask first; the test says yes.
    page.on('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Reset password gov_cy' }).click();
    const temporary = await page.getByTestId('temporary-password').innerText();
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: cy.email, password: temporary } });
    assert.equal(login.statusCode, 200, login.body);
    await page.getByRole('button', { name: 'Delete gov_cy' }).click();
    await page.getByLabel('Reason').fill('left the team');
    await page.getByRole('button', { name: 'Request deletion' }).click();
    await page.locator('.gov-opened a').waitFor();
    await screenshot(page, 'governance-users-actions');
    await page.getByLabel('Language').selectOption('zh');
    await page.getByRole('heading', { name: '用户' }).waitFor();
    await screenshot(page, 'governance-users-zh');
    await page.getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('button', { name: '校验审计链' }).click();
    await page.getByTestId('audit-valid').getByText('已断裂').waitFor();
    await screenshot(page, 'governance-audit-zh');
  });

  test('a non-administrator sees no administration navigation and gets the 403 page on an admin address', async () => {
    const page = await signedIn(member);
    await page.getByRole('link', { name: 'Projects' }).waitFor();
    assert.equal(await page.getByText('Administration').count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Users' }).count(), 0);
    await page.goto(`${t.base}/admin/users`);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await screenshot(page, 'governance-forbidden');

    // The server stays the authority: the calls behind the page are refused too.
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: member.auth })).statusCode, 403);
  });
});
