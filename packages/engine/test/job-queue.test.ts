import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InProcessJobQueue, ProjectBusyError, type WorkflowJob } from '../src/jobs/job-queue.ts';

const job = (projectId: number): WorkflowJob => ({ projectId, userId: 1, mode: 'execute', workflowId: `wf_1_${projectId}` });

/** A handler whose jobs finish when told to, or when aborted. */
function controllableHandler() {
  const running = new Set<number>();
  const started: number[] = [];
  const finishers = new Map<number, () => void>();
  let peak = 0;
  const handler = (work: WorkflowJob, signal: AbortSignal) => new Promise<void>((resolve, reject) => {
    running.add(work.projectId);
    started.push(work.projectId);
    peak = Math.max(peak, running.size);
    const end = (settle: () => void) => { running.delete(work.projectId); settle(); };
    finishers.set(work.projectId, () => end(resolve));
    signal.addEventListener('abort', () => end(() => reject(signal.reason)), { once: true });
  });
  return { handler, running, started, finish: (id: number) => finishers.get(id)?.(), peak: () => peak };
}

describe('InProcessJobQueue', () => {
  test('runs at most `concurrency` jobs, the rest in order', async () => {
    const work = controllableHandler();
    const queue = new InProcessJobQueue(work.handler, { concurrency: 2 });
    for (const id of [1, 2, 3, 4]) await queue.enqueue(job(id));
    assert.deepEqual(work.started, [1, 2]);
    work.finish(1);
    await queue.settled(1);
    await new Promise(setImmediate);
    assert.deepEqual(work.started, [1, 2, 3]);
    for (const id of [2, 3]) work.finish(id);
    await Promise.all([queue.settled(2), queue.settled(3)]);
    await new Promise(setImmediate);
    work.finish(4);
    await queue.settled(4);
    assert.equal(work.peak(), 2);
    assert.equal(queue.isActive(4), false);
  });

  test('one job per project: a second enqueue is refused with PROJ_002', async () => {
    const work = controllableHandler();
    const queue = new InProcessJobQueue(work.handler, { concurrency: 1 });
    await queue.enqueue(job(5));
    await assert.rejects(queue.enqueue(job(5)), (error: unknown) => error instanceof ProjectBusyError && error.code === 'PROJ_002');
    work.finish(5);
    await queue.settled(5);
    await queue.enqueue(job(5));
    assert.equal(queue.isActive(5), true);
    await queue.close();
  });

  test('cancel aborts a running job and drops a queued one', async () => {
    const work = controllableHandler();
    const errors: unknown[] = [];
    const queue = new InProcessJobQueue(work.handler, { concurrency: 1, onError: (error) => errors.push(error) });
    await queue.enqueue(job(1));
    await queue.enqueue(job(2));
    assert.equal(await queue.cancel(2), true);
    assert.equal(queue.isActive(2), false);
    assert.equal(await queue.cancel(1), true);
    await queue.settled(1);
    assert.deepEqual(work.started, [1], 'the dropped job never started');
    assert.match(String(errors[0]), /stopped/);
    assert.equal(await queue.cancel(3), false);
  });

  test('close cancels everything and refuses new jobs', async () => {
    const work = controllableHandler();
    const queue = new InProcessJobQueue(work.handler, { concurrency: 2, onError: () => {} });
    for (const id of [1, 2, 3]) await queue.enqueue(job(id));
    await queue.close();
    assert.equal(work.running.size, 0);
    await assert.rejects(queue.enqueue(job(9)), /closed/);
  });
});
