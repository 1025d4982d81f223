import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WorkflowEvent } from '../src/api/events.ts';
import { ACTIVITY_KEPT, applyEvents, initialRun } from '../src/run-state.ts';

const pending = initialRun({ status: 'pending', progress: 0, current_stage: null, deliverables: {} });

const started = (seq: number, resumed = false): WorkflowEvent => ({ event: 'workflow_started', seq, workflow_id: 'w', resumed, started_at: '2026-12-06T00:00:00Z' });
const activity = (seq: number, message: string): WorkflowEvent => ({ event: 'agent_activity', seq, agent_name: 'DeveloperAgent', stage: 'development', status: 'running', message });

describe('the live run picture', () => {
  test('stages, progress, tokens and deliverables follow the events', () => {
    const run = applyEvents(pending, [
      started(1),
      { event: 'project_update', seq: 2, status: 'running', progress: 10, current_stage: 'requirements_analysis' },
      { event: 'stage_completed', seq: 3, stage: 'requirements_analysis', duration_seconds: 1.5, tokens_used: 120 },
      activity(4, 'Writing app.py'),
      { event: 'workflow_completed', seq: 5, duration_seconds: 9, tokens_used: 900, cost_usd: 0.01, deliverables: { quality_score: 88 } },
    ]);
    assert.equal(run.status, 'completed');
    assert.equal(run.progress, 100);
    assert.deepEqual(run.stages.requirements_analysis, { state: 'done', durationSeconds: 1.5, tokens: 120 });
    // The run ended with development still open: it did not finish.
    assert.equal(run.stages.development.state, 'pending');
    assert.equal(run.tokens, 900);
    assert.deepEqual(run.deliverables, { quality_score: 88 });
    assert.deepEqual(run.activity.map((line) => line.message), ['Writing app.py']);
  });

  test('a failure names its stage and marks it failed', () => {
    const run = applyEvents(pending, [
      started(1),
      { event: 'project_update', seq: 2, status: 'running', progress: 40, current_stage: 'ui_design' },
      { event: 'workflow_failed', seq: 3, stage: 'ui_design', error_code: 'WORKFLOW_001', error_message: 'The model reply was not JSON' },
    ]);
    assert.equal(run.status, 'failed');
    assert.equal(run.stages.ui_design.state, 'failed');
    assert.deepEqual(run.failure, { stage: 'ui_design', code: 'WORKFLOW_001', message: 'The model reply was not JSON' });
  });

  test('a resume keeps what was done; a new run starts the picture over', () => {
    const first = applyEvents(pending, [started(1), { event: 'stage_completed', seq: 2, stage: 'requirements_analysis', duration_seconds: 1, tokens_used: 5 }, activity(3, 'one')]);
    const resumed = applyEvents(first, [started(4, true), activity(5, 'two')]);
    assert.equal(resumed.stages.requirements_analysis.state, 'done');
    assert.deepEqual(resumed.activity.map((line) => line.message), ['one', 'two']);
    const fresh = applyEvents(resumed, [started(6), activity(7, 'three')]);
    assert.equal(fresh.stages.requirements_analysis.state, 'pending');
    assert.deepEqual(fresh.activity.map((line) => line.message), ['three']);
    assert.equal(fresh.activityTotal, 1);
    assert.equal(fresh.runStartSeq, 6);
  });

  test('a long run keeps its newest lines and counts them all', () => {
    const lines = Array.from({ length: ACTIVITY_KEPT + 20 }, (_, index) => activity(index + 2, `line ${index}`));
    const run = applyEvents(applyEvents(pending, [started(1), ...lines.slice(0, 100)]), lines.slice(100));
    assert.equal(run.activity.length, ACTIVITY_KEPT);
    assert.equal(run.activity[0]!.message, 'line 20');
    assert.equal(run.activityTotal, ACTIVITY_KEPT + 20);
  });
});
