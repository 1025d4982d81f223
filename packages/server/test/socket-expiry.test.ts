import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { io } from 'socket.io-client';
import { createTestApp, createUser, type TestApp } from './support.ts';

let t: TestApp;
let base: string;
before(async () => {
  t = await createTestApp({ accessTokenTtlSeconds: 2 });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(() => t.close());

test('a socket ends when its access token expires, saying so; one opened with an API key stays', async () => {
  const user = await createUser(t.app);
  const key = (await t.app.inject({ method: 'POST', url: '/api/auth/api-keys', headers: user.auth, payload: { name: 'socket' } })).json().key as string;
  const byToken = io(base, { auth: { token: user.accessToken }, transports: ['websocket'], reconnection: false });
  const byKey = io(base, { auth: { token: key }, transports: ['websocket'], reconnection: false });
  try {
    const ended = await new Promise<{ error: { error_code: string }; reason: string; afterMs: number }>((resolve) => {
      const connectedAt = Date.now();
      let error: { error_code: string } | undefined;
      byToken.on('error', (reply: { error_code: string }) => (error = reply));
      byToken.on('disconnect', (reason) => resolve({ error: error!, reason, afterMs: Date.now() - connectedAt }));
    });
    assert.equal(ended.error.error_code, 'TOKEN_EXPIRED');
    assert.equal(ended.reason, 'io server disconnect');
    assert.ok(ended.afterMs < 4000, `ended ${ended.afterMs} ms after connecting`);
    assert.equal(byKey.connected, true);
  } finally {
    byToken.disconnect();
    byKey.disconnect();
  }
});
