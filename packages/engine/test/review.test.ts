import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CodeAnalyzer } from '../src/ports.ts';
import { agentOf, scriptedProject, targetFileOf } from '../src/testing/index.ts';
import { runWorkflow, suiteFakeServer } from './helpers.ts';

/** An analyzer that flags one hard-coded secret in the first file, as the real one would. */
class SecretFlaggingAnalyzer implements CodeAnalyzer {
  readonly seen: string[][] = [];

  async analyze(files: ReadonlyArray<{ path: string; content: string }>) {
    this.seen.push(files.map((file) => file.path));
    return { score: 70, issues: [{ path: files[0]?.path ?? '', line: 1, severity: 'major' as const, rule: 'hardcoded-secret', message: 'a secret in code' }] };
  }
}

describe('quality review and provider pressure', () => {
  const fake = suiteFakeServer();

  test('critical review findings go back to the developer once, then the tests run again', async () => {
    fake().reset();
    const script = scriptedProject({ modules: 2 });
    fake().respondWith((request) => (agentOf(request) === 'QualityExpertAgent'
      ? { json: { score: 40, summary: 'Input is not validated.', findings: [{ severity: 'critical', path: 'calc/module_0.py', message: 'validate x before use' }] } }
      : script(request)));
    const analyzer = new SecretFlaggingAnalyzer();
    const { store, outcome } = await runWorkflow(fake(), { analyzer });

    assert.equal(outcome.status, 'completed', outcome.errorMessage ?? '');
    const fixRequests = fake().requests.filter((request) => agentOf(request) === 'DeveloperAgent' && targetFileOf(request) === undefined);
    assert.equal(fixRequests.length, 1);
    assert.match(JSON.stringify(fixRequests[0]?.body), /validate x before use/);
    assert.equal(store.files.get('calc/module_0.py')?.versions.length, 2);
    assert.deepEqual(analyzer.seen[0], ['calc/module_0.py', 'calc/module_1.py']);
    assert.match(JSON.stringify(fake().requests.find((request) => agentOf(request) === 'QualityExpertAgent')?.body), /hardcoded-secret: a secret in code/);

    const report = store.content('docs/qa-report.md') ?? '';
    assert.match(report, /\*\*Score:\*\* 55 \/ 100/, 'the analyzer score (70) and the review score (40) count equally');
    assert.match(report, /Critical findings were sent back to the developer for one fix round/);
    assert.match(report, /After the QA fix round all tests pass/);
    assert.match(report, /\*\*major\*\* `calc\/module_0.py:1` \(analyzer\)/);
    const retests = store.activities.filter((activity) => activity.stage === 'qa_review' && activity.agent_name === 'TestEngineerAgent');
    assert.equal(retests.length, 1);
    assert.equal(store.project.deliverables?.quality_score, 55);
  });

  test('429s from the provider shrink file concurrency and the files are retried', async () => {
    fake().reset();
    const script = scriptedProject({ modules: 6 });
    // Every planned file is rate-limited on its first attempt: on the request and on the LLM client's own
    // retry (maxRetries 1), so each file's first step fails with the 429 whatever order the requests arrive in.
    const requestsPerFile = new Map<string, number>();
    fake().respondWith((request) => {
      const target = agentOf(request) === 'DeveloperAgent' ? targetFileOf(request) : undefined;
      if (target !== undefined) {
        const seen = (requestsPerFile.get(target) ?? 0) + 1;
        requestsPerFile.set(target, seen);
        if (seen <= 2) return { status: 429, errorMessage: 'rate limit reached for requests', headers: { 'retry-after-ms': '5' } };
      }
      return script(request);
    });
    const { store, outcome } = await runWorkflow(fake(), { config: { enable_cache: false, execution_strategy: 'adaptive', max_file_concurrency: 4 } });
    assert.equal(outcome.status, 'completed', outcome.errorMessage ?? '');
    const paths = store.pathsOf('code');
    assert.equal(paths.length, 6);
    assert.ok(paths.every((path) => store.files.get(path)?.versions.length === 1));
    assert.deepEqual([...requestsPerFile.values()], [3, 3, 3, 3, 3, 3], 'every file: two 429 answers, then written once');
    const failedSteps = store.activities.filter((activity) => activity.status === 'failed' && activity.stage === 'development');
    assert.equal(failedSteps.length, 6, 'the rate-limited attempts are recorded');
    assert.ok(failedSteps.every((activity) => /HTTP 429/.test(activity.error_message ?? '')));

    // The development steps in the order the store received their events (a sequence, not a clock):
    // "Writing <path>" opens a step, its completed or failed line closes it.
    let open = 0;
    let failed = 0;
    const started = new Set<string>();
    const rewrites: Array<{ path: string; failedBefore: number; openBefore: number }> = [];
    for (const event of store.eventsNamed('agent_activity')) {
      if (event.stage !== 'development') continue;
      if (event.status === 'running') {
        const path = /^Writing (\S+)$/.exec(event.message)?.[1];
        if (path === undefined) continue; // a progress line
        if (started.has(path)) rewrites.push({ path, failedBefore: failed, openBefore: open });
        started.add(path);
        open++;
      } else {
        open--;
        if (event.status === 'failed') failed++;
      }
    }
    assert.deepEqual(rewrites.map((rewrite) => rewrite.path).sort(), paths, 'every file was retried after its 429');
    // Without the shrink, the first failure frees a slot and the queue moves on while the other first attempts
    // are still in flight (the limit starts at 3 to 7: the calls before development grow or shrink it).
    assert.ok(rewrites.every((rewrite) => rewrite.failedBefore === 6), 'no file started over while others were still in flight');
    assert.deepEqual(rewrites.slice(0, 2).map((rewrite) => rewrite.openBefore), [0, 0], 'after the 429s file concurrency fell to one');
  });
});
