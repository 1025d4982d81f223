import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { MonitoringRepository, openDatabase, UserRepository } from '@resoftai/server';
import { bin, cliEnv, freePort, serve, waitForHealth } from './serve-support.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'resoftai-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const PASSWORD = 'SecurePass123!';

test('serve: register, log in, use the token; logs hold no secret; SIGTERM shuts down cleanly', async () => {
  const port = await freePort();
  const { child, output: outputOf, exited } = serve(dataDir, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base, child);
    const json = { 'content-type': 'application/json' };
    for (const username of ['alice', 'bob']) {
      const register = await fetch(`${base}/api/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ username, email: `${username}@example.com`, password: PASSWORD }) });
      assert.equal(register.status, 201);
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'bob@example.com', password: PASSWORD }),
    });
    assert.equal(login.status, 200);
    const { access_token: accessToken, refresh_token: refreshToken } = (await login.json()) as { access_token: string; refresh_token: string };
    const me = await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    assert.equal(((await me.json()) as { username: string }).username, 'bob');
    const key = await fetch(`${base}/api/auth/api-keys`, { method: 'POST', headers: { ...json, authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ name: 'k' }) });
    const apiKey = ((await key.json()) as { key: string }).key;
    await fetch(`${base}/api/auth/me`, { headers: { 'x-api-key': apiKey } });

    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    const output = outputOf();
    assert.match(output, /"request_id"/);
    for (const secret of [PASSWORD, accessToken, refreshToken, apiKey]) assert.ok(!output.includes(secret), 'a secret reached the log');
    assert.doesNotMatch(output, /"level":50/, 'the shutdown logged no error');
    // The request log was flushed before the database closed: every request above is stored.
    const database = await openDatabase({ dataDir });
    try {
      const { requests } = await new MonitoringRepository(database.db).requestsSince(new Date(0));
      assert.ok(requests >= 6, `${requests} requests stored`);
    } finally {
      await database.close();
    }
  } finally {
    child.kill('SIGKILL');
  }
});

test('admin grant makes an existing user an administrator', async () => {
  const result = spawnSync(process.execPath, [bin, 'admin', 'grant', 'bob@example.com'], { env: cliEnv(dataDir), encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /bob <bob@example.com> is now an administrator/);
  const database = await openDatabase({ dataDir });
  try {
    const bob = await new UserRepository(database.db).findByEmail('bob@example.com');
    assert.equal(bob?.role, 'admin');
  } finally {
    await database.close();
  }
});

test('admin grant of an unknown email and a bad environment value exit 2 with one clear line', () => {
  const unknown = spawnSync(process.execPath, [bin, 'admin', 'grant', 'nobody@example.com'], { env: cliEnv(dataDir), encoding: 'utf8' });
  assert.equal(unknown.status, 2);
  assert.equal(unknown.stderr.trim(), 'resoftai: No user with email nobody@example.com');

  const badPort = spawnSync(process.execPath, [bin, 'serve'], { env: cliEnv(dataDir, { PORT: 'eighty' }), encoding: 'utf8' });
  assert.equal(badPort.status, 2);
  assert.equal(badPort.stderr.trim().split('\n').length, 1);
  assert.match(badPort.stderr, /^resoftai: Invalid environment variable PORT: /);
});
