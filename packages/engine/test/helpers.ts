import { after, before } from 'node:test';
import { createLlmClient, type LlmClient } from '@resoftai/llm';
import { MemoryResponseCache, startFakeProviderServer, type FakeProviderServer } from '@resoftai/llm/testing';
import { ProcessSandbox } from '../src/sandbox/process-sandbox.ts';
import { MemoryWorkflowStore } from '../src/testing/index.ts';
import { WorkflowRunner, type WorkflowRunOptions } from '../src/workflow/runner.ts';

/** A fake provider server for the enclosing suite (started before it, closed after it). */
export function suiteFakeServer(): () => FakeProviderServer {
  let server: FakeProviderServer | undefined;
  before(async () => { server = await startFakeProviderServer(); });
  after(async () => { await server?.close(); });
  return () => {
    if (!server) throw new Error('the fake provider server runs only inside the suite');
    return server;
  };
}

/** A DeepSeek client pointed at the fake server, with a response cache and fast retries. */
export function fakeClient(fake: FakeProviderServer, maxConcurrency = 32): LlmClient {
  return createLlmClient(
    { provider: 'deepseek', apiKey: 'sk-test-engine', apiBase: fake.baseUrlFor('deepseek'), retryBaseDelayMs: 5, maxRetries: 1, maxConcurrency },
    { cache: new MemoryResponseCache() },
  );
}

export const sandbox = new ProcessSandbox();

export const REQUIREMENT = 'Build a small calculation library with one module per computation, each tested.';

/** Runs a workflow for project 1 against the fake server with a fresh (or given) memory store. */
export async function runWorkflow(fake: FakeProviderServer, options: Partial<WorkflowRunOptions> & { store?: MemoryWorkflowStore } = {}) {
  const store = options.store ?? new MemoryWorkflowStore();
  const outcome = await new WorkflowRunner().run({
    projectId: 1,
    userId: 7,
    requirements: REQUIREMENT,
    config: { enable_cache: false },
    llm: fakeClient(fake),
    sandbox,
    ...options,
    store,
  });
  return { store, outcome };
}
