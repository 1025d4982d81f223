import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { scriptedProject } from '@resoftai/engine/testing';
import { type FakeProviderServer, startFakeProviderServer } from '@resoftai/llm/testing';
import { createTestApp, createUser, type TestApp, type TestUser } from './support.ts';
import { call, createProject } from './workflow-support.ts';

let fake: FakeProviderServer;
before(async () => {
  fake = await startFakeProviderServer();
});
after(() => fake.close());

const environmentLlm = () => ({ provider: 'deepseek', model: 'deepseek-chat', apiKey: 'sk-environment-0123456789', apiBase: fake.baseUrlFor('deepseek') });

describe('the model set up from RESOFTAI_LLM_*', () => {
  let t: TestApp;
  let admin: TestUser;
  before(async () => {
    t = await createTestApp({ environmentLlm: environmentLlm() });
  });
  after(() => t.close());

  test('the first account gets it as its default at registration and can run a workflow at once; later accounts do not', async () => {
    admin = await createUser(t.app, 'first-admin');
    const configs = await call(t.app, admin.accessToken, 'GET', '/api/llm-configs');
    assert.deepEqual(configs.body.map((config: { name: string; provider: string; is_default: boolean }) => [config.name, config.provider, config.is_default]), [['environment', 'deepseek', true]]);
    assert.ok(!JSON.stringify(configs.body).includes('sk-environment-0123456789'), 'the key is never returned');

    fake.respondWith(scriptedProject({ modules: 1 }));
    const projectId = await createProject(t.app, admin.accessToken);
    assert.equal((await call(t.app, admin.accessToken, 'POST', `/api/projects/${projectId}/execute`)).status, 200);
    await t.app.services.workflows.settled(projectId);
    assert.equal((await call(t.app, admin.accessToken, 'GET', `/api/projects/${projectId}`)).body.status, 'completed');

    const second = await createUser(t.app, 'second-user');
    assert.deepEqual((await call(t.app, second.accessToken, 'GET', '/api/llm-configs')).body, []);
  });

  test('applied again (a restart with another model), the same one config follows it', async () => {
    const models = async () => (await call(t.app, admin.accessToken, 'GET', '/api/llm-configs')).body.map((config: { name: string; model: string; is_default: boolean }) => [config.name, config.model, config.is_default]);
    await t.app.services.llmConfigs.applyEnvironment(admin.id, { ...environmentLlm(), model: 'deepseek-coder' });
    assert.deepEqual(await models(), [['environment', 'deepseek-coder', true]]);
    // At start the environment as configured wins again.
    await t.app.services.environmentLlm.applyAtStart();
    assert.deepEqual(await models(), [['environment', 'deepseek-chat', true]]);
  });
});
