import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AgentActivityRepository } from '../src/db/repositories/agent-activities.ts';
import { createProject } from './project-support.ts';
import { createTestApp, createUser, type TestApp, type TestUser } from './support.ts';

let t: TestApp;
let owner: TestUser;
let projectId: number;
const ids: number[] = [];
before(async () => {
  t = await createTestApp();
  await createUser(t.app, 'activities_admin');
  owner = await createUser(t.app);
  projectId = (await createProject(t.app, owner)).id;
  const activities = new AgentActivityRepository(t.database.db);
  const runs = [
    { agentName: 'RequirementsAnalystAgent', stage: 'requirements_analysis', startedAt: new Date('2025-11-14T10:00:00Z') },
    { agentName: 'ArchitectAgent', stage: 'architecture_design', startedAt: new Date('2025-11-14T10:02:00Z') },
    { agentName: 'ArchitectAgent', stage: 'architecture_design', startedAt: new Date('2025-11-14T10:05:00Z'), status: 'failed', errorMessage: 'LLM timed out' },
  ];
  for (const run of runs) {
    const row = await activities.create({
      projectId,
      status: 'completed',
      inputData: { requirements: '开发一个用户管理系统' },
      outputData: { srs_document: '软件需求规格说明书内容' },
      executionTimeSeconds: 120,
      tokensUsed: 3500,
      completedAt: new Date(run.startedAt.getTime() + 120_000),
      ...run,
    });
    ids.push(row.id);
  }
});
after(() => t.close());

test('lists a project\'s activities, most recent first, filtered by agent and paged', async () => {
  const all = await t.app.inject({ method: 'GET', url: `/api/agent-activities?project_id=${projectId}`, headers: owner.auth });
  assert.equal(all.statusCode, 200);
  assert.equal(all.headers['x-total-count'], '3');
  assert.deepEqual(all.json().map((a: { id: number }) => a.id), [...ids].reverse());
  const first = all.json()[2];
  assert.deepEqual(first, {
    id: ids[0],
    project_id: projectId,
    agent_name: 'RequirementsAnalystAgent',
    stage: 'requirements_analysis',
    status: 'completed',
    input_data: { requirements: '开发一个用户管理系统' },
    output_data: { srs_document: '软件需求规格说明书内容' },
    execution_time_seconds: 120,
    tokens_used: 3500,
    error_message: null,
    started_at: '2025-11-14T10:00:00.000Z',
    completed_at: '2025-11-14T10:02:00.000Z',
  });
  const architect = await t.app.inject({ method: 'GET', url: `/api/agent-activities?project_id=${projectId}&agent_name=ArchitectAgent&limit=1`, headers: owner.auth });
  assert.equal(architect.headers['x-total-count'], '2');
  assert.deepEqual(architect.json().map((a: { id: number }) => a.id), [ids[2]]);
});

test('detail of one activity, with its error', async () => {
  const response = await t.app.inject({ method: 'GET', url: `/api/agent-activities/${ids[2]}`, headers: owner.auth });
  assert.equal(response.statusCode, 200);
  assert.equal(response.json().status, 'failed');
  assert.equal(response.json().error_message, 'LLM timed out');
});

test('bad queries are 422; another user gets 404 like for a missing project or activity', async () => {
  for (const query of ['', 'project_id=abc', `project_id=${projectId}&skip=-1`, `project_id=${projectId}&limit=0`]) {
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/agent-activities?${query}`, headers: owner.auth })).statusCode, 422, query);
  }
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/agent-activities/abc', headers: owner.auth })).statusCode, 422);
  const prober = await createUser(t.app);
  const list = await t.app.inject({ method: 'GET', url: `/api/agent-activities?project_id=${projectId}`, headers: prober.auth });
  assert.equal(list.statusCode, 404);
  const one = await t.app.inject({ method: 'GET', url: `/api/agent-activities/${ids[0]}`, headers: prober.auth });
  const missing = await t.app.inject({ method: 'GET', url: '/api/agent-activities/424242', headers: prober.auth });
  assert.equal(one.statusCode, 404);
  assert.equal(one.json().detail, missing.json().detail);
  assert.ok(!one.body.includes('开发'));
});
