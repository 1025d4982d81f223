import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { scriptedProject } from '@resoftai/engine/testing';
import { startFakeProviderServer, type FakeProviderServer } from '@resoftai/llm/testing';
import { createTestApp, createUser, type TestApp } from '../../server/test/support.ts';
import { ResoftClient, type WorkflowEvent } from '../src/index.ts';

let t: TestApp;
let fake: FakeProviderServer;
let base: string;
before(async () => {
  [t, fake] = await Promise.all([createTestApp({ accessTokenTtlSeconds: 2 }), startFakeProviderServer()]);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(async () => {
  await t.close();
  await fake.close();
});

test('follow outlives its access token: the socket the server ends at expiry reconnects with a renewed one and misses nothing', async () => {
  const user = await createUser(t.app);
  const renewed: string[] = [];
  const client = new ResoftClient({ baseUrl: base, token: user.accessToken, refreshToken: user.refreshToken, onTokens: (tokens) => renewed.push(tokens.access_token) });
  await client.llmConfigs.create({ name: 'fake', provider: 'deepseek', api_key: 'sk-expiry-0123456789', api_base: fake.baseUrlFor('deepseek'), is_default: true });
  // Slow enough that the run spans more than one access token.
  fake.respondWith(scriptedProject({ modules: 2, delayMs: 400 }));
  const project = await client.projects.create({ name: 'long', requirements: 'Build a small calculation library with one module per computation, each tested.', config: { enable_cache: false } });
  await client.projects.execute(project.id);
  const events: WorkflowEvent[] = [];
  for await (const event of client.projects.follow(project.id)) events.push(event);
  assert.equal(events.at(-1)!.event, 'workflow_completed');
  assert.deepEqual(events.map((event) => event.seq), events.map((_, index) => index + 1));
  assert.ok(renewed.length >= 1, 'the session was renewed on the way');
});
