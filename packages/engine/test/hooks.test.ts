import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_HOOKS, type WorkflowHooks } from '../src/ports.ts';
import { scriptedProject } from '../src/testing/index.ts';
import { runWorkflow, suiteFakeServer } from './helpers.ts';

describe('workflow hooks', () => {
  const fake = suiteFakeServer();

  test('fire in order, transform saved files and prompts; a rejected stage fails the run with the reason', async () => {
    const heard: string[] = [];
    const hooks: WorkflowHooks = {
      workflowStarted: async () => void heard.push('started'),
      stageCompleted: async ({ stage, code_files }) => {
        heard.push(`stage:${stage}`);
        if (stage === 'qa_review') assert.deepEqual(code_files.map((file) => file.path).sort(), ['calc/module_0.py', 'calc/module_1.py']);
        return { rejection: stage === 'qa_review' ? 'the gate is closed' : null };
      },
      workflowCompleted: async () => void heard.push('completed'),
      workflowFailed: async (data) => void heard.push(`failed:${data.stage}`),
      fileSaving: async ({ path, content }) => (path.endsWith('.py') ? `# reviewed\n${content}` : content),
      llmPrompt: async ({ system, messages }) => ({ system: `${system}\nHOOKED`, messages }),
    };
    fake().reset();
    fake().respondWith(scriptedProject({ modules: 2 }));
    const { outcome, store } = await runWorkflow(fake(), { hooks });
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.failedStage, 'qa_review');
    assert.equal(outcome.errorMessage, 'the gate is closed');
    assert.equal(heard[0], 'started');
    assert.equal(heard.at(-1), 'failed:qa_review');
    assert.ok(!heard.includes('stage:completion') && !heard.includes('completed'));
    assert.ok(store.content('calc/module_0.py')!.startsWith('# reviewed\n'));
    assert.ok(fake().requests.every((request) => JSON.stringify(request.body).includes('HOOKED')));
    assert.deepEqual(store.eventsNamed('workflow_completed'), []);
    assert.deepEqual(store.eventsNamed('stage_completed').filter((event) => event.stage === 'qa_review'), []);
  });

  test('without hooks nothing changes', async () => {
    fake().reset();
    fake().respondWith(scriptedProject({ modules: 1 }));
    const { outcome, store } = await runWorkflow(fake(), { hooks: NO_HOOKS });
    assert.equal(outcome.status, 'completed');
    assert.ok(store.content('calc/module_0.py')!.startsWith('def compute_0'));
  });
});
