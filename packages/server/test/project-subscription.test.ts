import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProjectSubscription } from '../src/realtime/project-subscription.ts';
import type { NumberedWorkflowEvent } from '../src/services/workflow-events.ts';

const event = (seq: number): NumberedWorkflowEvent => ({ projectId: 1, seq, event: 'project_update', data: { seq } });
const log = [1, 2, 3, 4, 5, 6].map(event);

function subscription(stored = log) {
  const sent: number[] = [];
  const reads: number[] = [];
  const subscription = new ProjectSubscription((sentEvent) => sent.push(sentEvent.seq), async (since) => {
    reads.push(since);
    return stored.filter((storedEvent) => storedEvent.seq > since);
  });
  return { subscription, sent, reads };
}

describe('ProjectSubscription', () => {
  test('replays after since, then live events once and in order', async () => {
    const { subscription: live, sent } = subscription(log.slice(0, 4));
    const starting = live.start(2);
    live.deliver(event(4));
    live.deliver(event(3));
    await starting;
    live.deliver(event(5));
    live.deliver(event(5));
    assert.deepEqual(sent, [3, 4, 5]);
  });

  test('a skipped number reads the stored events; the late one is not sent twice', async () => {
    const stored = log.slice(0, 1);
    const { subscription: live, sent, reads } = subscription(stored);
    await live.start(1);
    stored.push(...log.slice(1, 4));
    live.deliver(event(2));
    live.deliver(event(4));
    await new Promise((resolve) => setImmediate(resolve));
    live.deliver(event(3));
    assert.deepEqual(sent, [2, 3, 4]);
    assert.deepEqual(reads, [1, 2]);
  });

  test('without since: starts after the latest stored event', async () => {
    const { subscription: live, sent } = subscription();
    await live.start(async () => 6);
    live.deliver(event(7));
    assert.deepEqual(sent, [7]);
    assert.equal(live.seq, 7);
  });

  test('a closed subscription sends nothing more', async () => {
    const { subscription: live, sent } = subscription();
    await live.start(6);
    live.close();
    live.deliver(event(7));
    assert.deepEqual(sent, []);
  });
});
