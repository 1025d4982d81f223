import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveWorkflowConfig } from '../src/config.ts';
import { WorkflowConfigError } from '../src/errors.ts';
import { estimateTokens, fitSections } from '../src/prompts/context-budget.ts';
import { detectLanguage } from '../src/prompts/language.ts';
import { stageWeightedProgress } from '../src/stages.ts';
import { describeCheckpoint, freshCheckpoint } from '../src/state.ts';
import { AdaptiveConcurrency } from '../src/workflow/concurrency.ts';
import { UsageMeter } from '../src/workflow/usage-meter.ts';

describe('fitSections', () => {
  const sections = [
    { title: 'Target', body: 'write src/app.py', priority: 10 },
    { title: 'Plan', body: 'p'.repeat(4000), priority: 5 },
    { title: 'SRS', body: 's'.repeat(4000), priority: 1 },
  ];

  test('keeps everything when it fits', () => {
    const text = fitSections(sections, 10_000);
    assert.ok(text.includes('s'.repeat(4000)) && text.includes('p'.repeat(4000)));
  });

  test('trims the least important section first and stays under budget', () => {
    const text = fitSections(sections, 1_200);
    assert.ok(estimateTokens(text) <= 1_200, `${estimateTokens(text)} tokens`);
    assert.ok(text.includes('write src/app.py'));
    assert.ok(text.includes('p'.repeat(4000)), 'the plan is kept whole');
    assert.match(text, /## SRS\ns+\n…\[trimmed to fit the context budget\]/);
  });

  test('drops a section entirely when nothing of it fits', () => {
    const text = fitSections(sections, 1_010);
    assert.ok(!text.includes('## SRS'));
    assert.ok(estimateTokens(text) <= 1_010);
  });

  test('counts CJK characters as about one token each', () => {
    assert.equal(estimateTokens('需求分析'), 4);
    assert.equal(estimateTokens('abcdefgh'), 2);
  });
});

describe('AdaptiveConcurrency', () => {
  test('grows one slot per steady call, halves on a 429, shrinks when latency balloons', () => {
    const limit = new AdaptiveConcurrency(2, 8);
    for (let call = 0; call < 10; call++) limit.observe({ latencyMs: 100, rateLimited: false });
    assert.equal(limit.current, 8);
    limit.observe({ latencyMs: 0, rateLimited: true });
    assert.equal(limit.current, 4);
    for (let call = 0; call < 4; call++) limit.observe({ latencyMs: 100, rateLimited: false });
    assert.equal(limit.current, 4, 'no growth during the cool-down');
    limit.observe({ latencyMs: 1_000, rateLimited: false });
    assert.equal(limit.current, 3);
    assert.equal(limit.peak, 8);
  });
});

describe('progress, config, budget, language', () => {
  test('progress is weighted by stage and below 100 until completion', () => {
    assert.equal(stageWeightedProgress(new Set(), new Map()), 0);
    assert.equal(stageWeightedProgress(new Set(['requirements_analysis']), new Map()), 7);
    assert.equal(stageWeightedProgress(new Set(['requirements_analysis', 'architecture_design', 'ui_design']), new Map([['development', 0.5]])), 49);
    assert.equal(stageWeightedProgress(new Set(['requirements_analysis', 'architecture_design', 'ui_design', 'development', 'testing', 'qa_review', 'completion']), new Map()), 99);
  });

  test('config defaults, budget defaults and field-named errors', () => {
    const config = resolveWorkflowConfig(undefined, { max_tokens: 1000 });
    assert.equal(config.execution_strategy, 'adaptive');
    assert.deepEqual(config.parallel_stages, ['architecture_design', 'ui_design']);
    assert.equal(config.max_fix_rounds, 3);
    assert.equal(config.max_tokens, 1000);
    assert.equal(resolveWorkflowConfig({ max_tokens: 5 }, { max_tokens: 1000 }).max_tokens, 5);
    assert.throws(() => resolveWorkflowConfig({ execution_strategy: 'fastest' }), (error: unknown) => error instanceof WorkflowConfigError && error.field === 'execution_strategy');
    assert.throws(() => resolveWorkflowConfig({ parallel_stages: ['deploy'] }), (error: unknown) => error instanceof WorkflowConfigError && error.field === 'parallel_stages.0');
  });

  test('the usage meter refuses a call once a cap is reached', () => {
    const meter = new UsageMeter({ tokens: 0, cost_usd: 0 }, { max_tokens: 100, max_cost_usd: 0.5 });
    meter.check();
    meter.add(60, 0.1);
    meter.check();
    meter.add(60, 0.1);
    assert.throws(() => meter.check(), /token budget exhausted: 120 of 100 tokens used/);
    const costly = new UsageMeter({ tokens: 0, cost_usd: 0.75 }, { max_cost_usd: 0.5 });
    assert.throws(() => costly.check(), /cost budget exhausted: \$0\.7500 of \$0\.5000 spent/);
  });

  test('the language follows the requirement', () => {
    assert.equal(detectLanguage('开发一个用户管理系统，包括注册、登录、权限控制等功能。使用FastAPI和React。'), 'zh');
    assert.equal(detectLanguage('Build a user management system with FastAPI and React.'), 'en');
  });

  test('a checkpoint tells where a resume continues', () => {
    const checkpoint = freshCheckpoint('wf_1_a', 'en');
    assert.deepEqual(describeCheckpoint(checkpoint), { workflowId: 'wf_1_a', checkpointStage: null, nextStage: 'requirements_analysis' });
    checkpoint.completed_stages.push('requirements_analysis', 'ui_design');
    checkpoint.last_completed_stage = 'ui_design';
    assert.deepEqual(describeCheckpoint(checkpoint), { workflowId: 'wf_1_a', checkpointStage: 'ui_design', nextStage: 'architecture_design' });
  });
});
