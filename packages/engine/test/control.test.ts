import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FakeReply } from '@resoftai/llm/testing';
import { NoCheckpointError } from '../src/errors.ts';
import { agentOf, MemoryWorkflowStore, scriptedProject, targetFileOf } from '../src/testing/index.ts';
import type { StageSpan } from '../src/workflow/runner.ts';
import { runWorkflow, suiteFakeServer } from './helpers.ts';

const DELAY = 40;
const overlaps = (a: StageSpan, b: StageSpan) => a.startedAt < b.endedAt && b.startedAt < a.endedAt;

describe('workflow control against the fake provider', () => {
  const fake = suiteFakeServer();

  test('adaptive overlaps independent stages and files; sequential runs one thing at a time', async () => {
    // Every answer takes DELAY ms, so a file call received sooner than that after another overlapped it.
    const filesOverlapped = () => {
      const received = fake().requests.filter((request) => agentOf(request) === 'DeveloperAgent' && targetFileOf(request) !== undefined).map((request) => request.receivedAt).sort((a, b) => a - b);
      return received.some((at, index) => index > 0 && at - (received[index - 1] as number) < DELAY);
    };
    fake().reset();
    fake().respondWith(scriptedProject({ modules: 6, delayMs: DELAY }));
    const sequential = await runWorkflow(fake(), { config: { enable_cache: false, execution_strategy: 'sequential' } });
    assert.equal(sequential.outcome.status, 'completed');
    const spans = sequential.outcome.stages;
    assert.ok(spans.every((span, index) => spans.every((other, otherIndex) => otherIndex === index || !overlaps(span, other))), 'no two stages overlap');
    assert.equal(sequential.outcome.peakFileConcurrency, 1);
    assert.equal(filesOverlapped(), false);

    fake().reset();
    fake().respondWith(scriptedProject({ modules: 6, delayMs: DELAY }));
    const adaptive = await runWorkflow(fake(), { config: { enable_cache: false, execution_strategy: 'adaptive', max_file_concurrency: 2 } });
    assert.equal(adaptive.outcome.status, 'completed');
    const span = (stage: string) => adaptive.outcome.stages.find((entry) => entry.stage === stage) as StageSpan;
    assert.ok(overlaps(span('architecture_design'), span('ui_design')), 'architecture and UI design run together');
    assert.ok(adaptive.outcome.peakFileConcurrency > 2, 'file concurrency grew from its start of 2');
    assert.equal(filesOverlapped(), true);
  });

  test('parallel runs exactly the parallel_stages together', async () => {
    fake().reset();
    fake().respondWith(scriptedProject({ modules: 2, delayMs: 20 }));
    const { outcome } = await runWorkflow(fake(), { config: { enable_cache: false, execution_strategy: 'parallel', parallel_stages: ['architecture_design', 'ui_design'] } });
    const span = (stage: string) => outcome.stages.find((entry) => entry.stage === stage) as StageSpan;
    assert.ok(overlaps(span('architecture_design'), span('ui_design')));
    assert.ok(!overlaps(span('requirements_analysis'), span('architecture_design')));
    assert.ok(!overlaps(span('development'), span('testing')));
  });

  test('stop aborts in-flight model calls; resume finishes without redoing stages or files', async () => {
    fake().reset();
    const controller = new AbortController();
    let developerCalls = 0;
    const script = scriptedProject({ modules: 6 });
    fake().respondWith((request) => {
      if (agentOf(request) === 'DeveloperAgent' && ++developerCalls === 4) {
        setImmediate(() => controller.abort(new Error('stopped by the user')));
        return { fault: 'hang' } satisfies FakeReply;
      }
      return script(request);
    });
    const store = new MemoryWorkflowStore();
    const stopped = await runWorkflow(fake(), { store, signal: controller.signal, config: { enable_cache: false, execution_strategy: 'sequential' } });
    assert.equal(stopped.outcome.status, 'cancelled');
    assert.equal(store.project.status, 'cancelled');
    const hung = fake().requests.filter((request) => agentOf(request) === 'DeveloperAgent')[3];
    // The server sees the closed connection on a later turn of the event loop.
    for (let turn = 0; turn < 100 && hung?.abortedAt === undefined; turn++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(hung?.abortedAt !== undefined, 'the in-flight model call was aborted');
    const checkpoint = await store.loadCheckpoint();
    assert.deepEqual(checkpoint?.developed_files, ['calc/module_0.py', 'calc/module_1.py', 'calc/module_2.py']);
    const cancelledStep = store.activities.at(-1);
    assert.equal(cancelledStep?.status, 'cancelled');

    const before = fake().requests.length;
    fake().respondWith(script);
    const resumed = await runWorkflow(fake(), { store, resume: true, config: { enable_cache: false, execution_strategy: 'sequential' } });
    assert.equal(resumed.outcome.status, 'completed', resumed.outcome.errorMessage ?? '');
    assert.equal(resumed.outcome.workflowId, stopped.outcome.workflowId);
    assert.equal(resumed.outcome.resumedAfter, 'ui_design');
    const later = fake().requests.slice(before);
    assert.deepEqual([...new Set(later.map(agentOf))].sort(), ['DeveloperAgent', 'ProjectManagerAgent', 'QualityExpertAgent', 'TestEngineerAgent']);
    assert.deepEqual(later.map(targetFileOf).filter(Boolean), ['calc/module_3.py', 'calc/module_4.py', 'calc/module_5.py']);
    for (const path of store.pathsOf('code')) assert.equal(store.files.get(path)?.versions.length, 1, `${path} saved once`);
    assert.equal(store.pathsOf('code').length, 6);
    assert.equal(store.files.get('docs/SRS.md')?.versions.length, 1);
    assert.equal(store.project.status, 'completed');
    const started = store.eventsNamed('workflow_started');
    assert.deepEqual(started.map((event) => [event.resumed, event.checkpoint_stage]), [[false, null], [true, 'ui_design']]);
  });

  test('resume without a checkpoint is refused', async () => {
    await assert.rejects(runWorkflow(fake(), { resume: true }), NoCheckpointError);
  });

  test('a token budget stops the workflow with a clear reason instead of spending more', async () => {
    fake().reset();
    fake().respondWith(scriptedProject({ modules: 3 }));
    const { store, outcome } = await runWorkflow(fake(), { config: { enable_cache: false, max_tokens: 400 } });
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.errorMessage ?? '', /^token budget exhausted: \d+ of 400 tokens used; the workflow stopped instead of spending more$/);
    const failed = store.eventsNamed('workflow_failed');
    assert.equal(failed.length, 1);
    assert.equal(failed[0]?.error_message, outcome.errorMessage);
    assert.equal(store.project.status, 'failed');
    assert.ok(outcome.usage.tokens >= 400);
    const callsBefore = fake().requests.length;
    assert.ok(callsBefore < 6, `stopped after ${callsBefore} calls`);
  });

  test('an allowance outside the project stops the workflow before the next model call, with its reason', async () => {
    fake().reset();
    fake().respondWith(scriptedProject({ modules: 2 }));
    let asked = 0;
    const allowance = { exhausted: async () => (++asked > 2 ? 'the organisation\'s llm_tokens quota is used up' : null) };
    const { store, outcome } = await runWorkflow(fake(), { allowance, config: { enable_cache: false, execution_strategy: 'sequential' } });
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.errorMessage, 'the organisation\'s llm_tokens quota is used up');
    assert.equal(store.eventsNamed('workflow_failed')[0]?.error_message, outcome.errorMessage);
    assert.equal(fake().requests.length, 2, 'two calls were allowed, the third was never made');
  });

  test('a developer that answers prose is re-asked once, then the stage fails with a clear error', async () => {
    fake().reset();
    const script = scriptedProject({ modules: 2 });
    fake().respondWith((request) => (agentOf(request) === 'DeveloperAgent' ? { text: 'As an AI model I think this file should contain a function.' } : script(request)));
    const { store, outcome } = await runWorkflow(fake(), { config: { enable_cache: false, execution_strategy: 'sequential' } });
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.failedStage, 'development');
    assert.equal(outcome.errorMessage, 'DeveloperAgent returned unusable output for calc/module_0.py (also after a re-ask): the reply contains no fenced code block for calc/module_0.py');
    const developerCalls = fake().requests.filter((request) => agentOf(request) === 'DeveloperAgent');
    assert.equal(developerCalls.length, 2);
    assert.match(JSON.stringify(developerCalls[1]?.body), /Your previous reply could not be used: the reply contains no fenced code block/);
    assert.deepEqual(store.pathsOf('code'), []);
    assert.equal(store.eventsNamed('workflow_failed')[0]?.stage, 'development');
    const failedStep = store.activities.find((activity) => activity.status === 'failed');
    assert.equal(failedStep?.error_message, outcome.errorMessage);
  });

  test('an architect that answers garbage fails its stage naming the structure problem', async () => {
    fake().reset();
    const script = scriptedProject({ modules: 2 });
    fake().respondWith((request) => (agentOf(request) === 'ArchitectAgent' ? { text: '<html>oops</html>' } : script(request)));
    const { outcome, store } = await runWorkflow(fake(), { config: { enable_cache: false, execution_strategy: 'sequential' } });
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.failedStage, 'architecture_design');
    assert.match(outcome.errorMessage ?? '', /^ArchitectAgent returned output that does not fit the expected structure: structured output still invalid after a re-ask/);
    assert.equal(store.project.status, 'failed');
    assert.ok(!store.events.some((event) => event.event === 'workflow_completed'));
  });

  test('paths a model writes outside the project land inside it', async () => {
    fake().reset();
    const script = scriptedProject({ modules: 1 });
    fake().respondWith((request) => {
      if (agentOf(request) === 'TestEngineerAgent') {
        return { text: '```python title="../../etc/passwd_test.py"\nroot = 1\n```\n```python title="/tests/test_abs.py"\nfrom calc.module_0 import compute_0\n\n\ndef test_abs():\n    assert compute_0(1) == 2\n```' };
      }
      return script(request);
    });
    const { store, outcome } = await runWorkflow(fake());
    assert.equal(outcome.status, 'completed', outcome.errorMessage ?? '');
    assert.ok(store.files.has('etc/passwd_test.py'));
    assert.ok(store.files.has('tests/test_abs.py'));
    assert.ok([...store.files.keys()].every((path) => !path.startsWith('/') && !path.includes('..')));
  });
});
