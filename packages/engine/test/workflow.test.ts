import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProcessSandbox } from '../src/sandbox/process-sandbox.ts';
import { STAGES } from '../src/stages.ts';
import { agentOf, MemoryWorkflowStore, scriptedProject } from '../src/testing/index.ts';
import { REQUIREMENT, runWorkflow, suiteFakeServer } from './helpers.ts';

describe('a full workflow against the fake provider', () => {
  const fake = suiteFakeServer();

  test('goes from requirement to a delivered, tested project', async () => {
    fake().reset();
    fake().respondWith(scriptedProject({ stack: 'python', modules: 3, buggyModule: true }));
    const { store, outcome } = await runWorkflow(fake());

    assert.equal(outcome.status, 'completed', outcome.errorMessage ?? '');
    assert.deepEqual(store.project.status, 'completed');
    assert.equal(store.project.progress, 100);
    assert.equal(store.project.current_stage, 'completion');

    assert.deepEqual(store.pathsOf('code'), ['calc/module_0.py', 'calc/module_1.py', 'calc/module_2.py']);
    assert.equal(store.files.get('calc/module_0.py')?.versions.length, 2, 'the fix round saved a second version');
    assert.match(store.content('calc/module_0.py') ?? '', /return x \+ 1/);
    assert.deepEqual(store.pathsOf('test'), ['docs/test-report.md', 'tests/test_module_0.py', 'tests/test_module_1.py', 'tests/test_module_2.py']);
    for (const path of ['docs/SRS.md', 'docs/architecture.md', 'docs/ui-design.md', 'mockups/main.html', 'docs/qa-report.md', 'README.md', 'docs/delivery-summary.md']) {
      assert.ok(store.files.has(path), `${path} saved`);
    }

    const report = store.content('docs/test-report.md') ?? '';
    assert.match(report, /All 3 tests pass \(2 run\(s\), 1 fix round\(s\)\)/);
    assert.match(report, /1 failed, 2 passed/, 'the first run\'s real pytest output is in the report');
    const deliverables = store.project.deliverables;
    assert.deepEqual(deliverables?.tests, { executed: true, passed: 3, failed: 0, all_passed: true });
    assert.equal(deliverables?.quality_score, 86);

    const names = store.events.map((event) => event.event);
    assert.equal(names[0], 'workflow_started');
    assert.equal(names.at(-1), 'workflow_completed');
    assert.deepEqual(store.eventsNamed('stage_completed').map((event) => event.stage).sort(), [...STAGES].sort());
    const progress = store.eventsNamed('project_update').map((event) => event.progress);
    assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress never goes back');
    assert.equal(progress.at(-1), 100);
    assert.ok(progress.slice(0, -1).every((value) => value < 100));

    const agents = new Set(store.activities.map((activity) => activity.agent_name));
    assert.equal(agents.size, 7, 'every agent recorded activities');
    assert.ok(store.activities.every((activity) => activity.status === 'completed'));
    const developerFiles = store.activities.filter((activity) => activity.agent_name === 'DeveloperAgent' && activity.stage === 'development');
    assert.equal(developerFiles.length, 3);
    assert.ok(developerFiles.every((activity) => activity.tokens_used > 0));
    assert.ok(outcome.usage.tokens > 0);
  });

  test('delivers with failing tests shown plainly when the fix rounds do not help', async () => {
    fake().reset();
    fake().respondWith(scriptedProject({ stack: 'node', modules: 2, buggyModule: true, unfixable: true }));
    const { store, outcome } = await runWorkflow(fake(), { config: { enable_cache: false, max_fix_rounds: 2 } });

    assert.equal(outcome.status, 'completed', outcome.errorMessage ?? '');
    const fixRequests = fake().requests.filter((request) => agentOf(request) === 'DeveloperAgent' && !/Target file/.test(JSON.stringify(request.body)));
    assert.equal(fixRequests.length, 2, 'exactly max_fix_rounds fix rounds');
    assert.match(store.content('docs/test-report.md') ?? '', /do NOT all pass: the last run had 1 passing and 1 failing after 2 fix round/);
    assert.match(store.content('docs/delivery-summary.md') ?? '', /do NOT all pass/);
    assert.match(store.content('docs/qa-report.md') ?? '', /do NOT all pass/);
    assert.deepEqual(store.project.deliverables?.tests, { executed: true, passed: 1, failed: 1, all_passed: false });
    // The delivery names the test that still fails.
    assert.match(store.content('docs/delivery-summary.md') ?? '', /Still failing: compute0/);
  });

  test('long answers are streamed and report their progress in a few activity lines per file', async () => {
    fake().reset();
    const script = scriptedProject({ modules: 1 });
    const padding = `# ${'a long explanation of the computation. '.repeat(300)}\n`;
    fake().respondWith(async (request) => {
      const reply = await script(request);
      if (agentOf(request) !== 'DeveloperAgent' || reply.text === undefined) return reply;
      // About 3k tokens, arriving in ten pieces.
      const text = reply.text.replace('def compute_0', `${padding}def compute_0`);
      return { ...reply, text, chunks: Array.from({ length: 10 }, (_, index) => text.slice((index * text.length) / 10, ((index + 1) * text.length) / 10)) };
    });
    const { store, outcome } = await runWorkflow(fake());
    assert.equal(outcome.status, 'completed', outcome.errorMessage ?? '');
    assert.ok(fake().requests.filter((request) => agentOf(request) === 'DeveloperAgent').every((request) => request.stream), 'development calls stream');
    const progress = store.eventsNamed('agent_activity').filter((event) => event.agent_name === 'DeveloperAgent' && /tokens$/.test(event.message)).map((event) => event.message);
    // One line past 1k tokens, one past 2k: the reports double their step.
    assert.equal(progress.length, 2, progress.join(' | '));
    assert.match(progress[0]!, /^calc\/module_0\.py: 1\.\dk tokens$/);
    assert.match(progress[1]!, /^calc\/module_0\.py: 2\.\dk tokens$/);
    assert.match(store.content('calc/module_0.py') ?? '', /a long explanation/);
  });

  test('documents are streamed too: a long SRS reports its progress, every document-writing agent streams', async () => {
    fake().reset();
    const script = scriptedProject({ modules: 1 });
    const details = `${'- FR: a long requirement that explains the computation in detail.\n'.repeat(90)}`;
    fake().respondWith(async (request) => {
      const reply = await script(request);
      if (agentOf(request) !== 'RequirementsAnalystAgent') return reply;
      const analysis = reply.json as { srs: string };
      return { ...reply, json: { ...analysis, srs: `${analysis.srs}${details}` } };
    });
    const { store, outcome } = await runWorkflow(fake());
    assert.equal(outcome.status, 'completed', outcome.errorMessage ?? '');
    for (const agent of ['RequirementsAnalystAgent', 'ArchitectAgent', 'UXUIDesignerAgent', 'ProjectManagerAgent']) {
      assert.ok(fake().requests.filter((request) => agentOf(request) === agent).every((request) => request.stream), `${agent} streams`);
    }
    const progress = store.eventsNamed('agent_activity').filter((event) => event.agent_name === 'RequirementsAnalystAgent' && /tokens$/.test(event.message)).map((event) => event.message);
    assert.deepEqual(progress.map((line) => line.replace(/\d\.\d/, 'N')), ['docs/SRS.md: Nk tokens'], progress.join(' | '));
    assert.match(store.content('docs/SRS.md') ?? '', /explains the computation in detail/);
  });

  test('a model that writes JSON as hosted models do (think block, fenced JSON with fences in its strings, a cut-off reply) delivers, fix loop included', async () => {
    fake().reset();
    fake().respondWith(scriptedProject({ stack: 'python', modules: 2, buggyModule: true, replyStyle: 'hosted' }));
    const { store, outcome } = await runWorkflow(fake());

    assert.equal(outcome.status, 'completed', outcome.errorMessage ?? '');
    assert.deepEqual(store.project.deliverables?.tests, { executed: true, passed: 2, failed: 0, all_passed: true });
    assert.equal(store.files.get('calc/module_0.py')?.versions.length, 2, 'the planted bug went through the fix round');
    // The fenced code inside the JSON strings is part of the documents, not taken for the reply.
    for (const path of ['docs/architecture.md', 'docs/ui-design.md', 'README.md']) assert.match(store.content(path) ?? '', /```python\nprint\(compute_0\(1\)\)\n```/, path);
    assert.ok(!(store.content('docs/ui-design.md') ?? '').includes('draft'), 'the think block is never the answer');
    // The architect's cut-off reply was repaired, not re-asked.
    assert.equal(fake().requests.filter((request) => agentOf(request) === 'ArchitectAgent').length, 1);
  });

  test('a stack that cannot run here is delivered with its tests marked as not executed', async () => {
    fake().reset();
    fake().respondWith(scriptedProject({ modules: 1 }));
    const { store, outcome } = await runWorkflow(fake(), { sandbox: new ProcessSandbox({ python: 'python-not-installed-here' }) });
    assert.equal(outcome.status, 'completed', outcome.errorMessage ?? '');
    assert.match(store.content('docs/test-report.md') ?? '', /The tests were not executed: python3 is not installed on this server/);
    assert.deepEqual(store.project.deliverables?.tests, { executed: false, passed: 0, failed: 0, all_passed: false });
  });

  test('a Chinese requirement gets Chinese prompts and documents', async () => {
    fake().reset();
    fake().respondWith(scriptedProject({ modules: 1 }));
    const { store, outcome } = await runWorkflow(fake(), { requirements: '开发一个计算库，每个计算一个模块，并且都要有测试。' });
    assert.equal(outcome.status, 'completed', outcome.errorMessage ?? '');
    const system = JSON.stringify(fake().requests[0]?.body);
    assert.match(system, /你是 ResoftAI 的需求分析智能体/);
    assert.match(store.content('docs/test-report.md') ?? '', /# 测试报告/);
    assert.equal(store.project.deliverables?.language, 'zh');
  });

  test('the same store and project run again from scratch when not resuming', async () => {
    fake().reset();
    fake().respondWith(scriptedProject({ modules: 1 }));
    const store = new MemoryWorkflowStore();
    const first = await runWorkflow(fake(), { store });
    const second = await runWorkflow(fake(), { store });
    assert.equal(second.outcome.status, 'completed');
    assert.notEqual(first.outcome.workflowId, second.outcome.workflowId);
    assert.match(first.outcome.workflowId, /^wf_\d{10}_[0-9a-f]{8}$/);
    assert.ok(REQUIREMENT.length > 0);
  });
});
