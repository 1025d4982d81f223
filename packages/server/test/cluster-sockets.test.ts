import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { scriptedProject } from '@resoftai/engine/testing';
import { startFakeProviderServer, type FakeProviderServer } from '@resoftai/llm/testing';
import { io, type Socket } from 'socket.io-client';
import { type Cluster, pollUntil, startCluster } from './cluster-support.ts';
import { api } from './org-support.ts';
import { createUser, type TestUser } from './support.ts';
import { call, createFakeLlmConfig, createProject } from './workflow-support.ts';

const skip = process.env.TEST_DATABASE !== 'postgres' ? 'two processes share only a PostgreSQL database' : false;
// For changes without a stated bound: generous, as CI machines are loaded.
const PROPAGATION_MS = 5000;
const EVENTS = ['project_update', 'agent_activity', 'workflow_started', 'stage_completed', 'workflow_completed', 'workflow_failed'] as const;

describe('Socket.IO across two API instances on one PostgreSQL', { skip }, () => {
  let cluster: Cluster;
  let fake: FakeProviderServer;
  let baseB: string;
  let alice: TestUser;
  const sockets: Socket[] = [];
  before(async () => {
    [cluster, fake] = await Promise.all([startCluster({ socketAdapter: 'postgres' }), startFakeProviderServer()]);
    baseB = await cluster.b.listen({ port: 0, host: '127.0.0.1' });
    alice = await createUser(cluster.a, 'relay_alice');
    await createFakeLlmConfig(cluster.a, alice.accessToken, fake);
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await cluster?.close();
    await fake?.close();
  });

  const connect = async (token: string): Promise<Socket> => {
    const socket = io(baseB, { auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  };

  test('a socket on B receives every event of a workflow run on A, once and in order', async () => {
    fake.respondWith(scriptedProject({ stack: 'node', modules: 2 }));
    const id = await createProject(cluster.a, alice.accessToken);
    const socket = await connect(alice.accessToken);
    const received: number[] = [];
    for (const event of EVENTS) socket.on(event, (data: { seq: number }) => received.push(data.seq));
    const ack = (await socket.timeout(5000).emitWithAck('subscribe_project', { project_id: id })) as { ok: boolean };
    assert.equal(ack.ok, true);

    assert.equal((await call(cluster.a, alice.accessToken, 'POST', `/api/projects/${id}/execute`)).status, 200);
    await cluster.a.services.workflows.settled(id);
    assert.equal(cluster.b.services.workflows.isRunning(id), false, 'the run was on A');
    const stored = (await call(cluster.a, alice.accessToken, 'GET', `/api/projects/${id}/events`)).body as Array<{ seq: number }>;
    const storedSeqs = stored.map((event) => event.seq);
    await pollUntil(() => received.length >= storedSeqs.length, PROPAGATION_MS, 'every event relayed to B');
    assert.deepEqual(received, storedSeqs);
  });

  test('a suspension on A closes the user\'s socket on B', async () => {
    const bob = await createUser(cluster.a, 'relay_bob');
    const socket = await connect(bob.accessToken);
    const ended = new Promise<Record<string, unknown>>((resolve) => {
      let error: Record<string, unknown> = {};
      socket.on('error', (data: Record<string, unknown>) => { error = data; });
      socket.on('disconnect', () => resolve(error));
    });
    const suspended = await api(cluster.a, alice, 'POST', `/api/admin/users/${bob.id}/suspend`, { reason: 'relay test' });
    assert.equal(suspended.status, 200, JSON.stringify(suspended.body));
    assert.equal(typeof (await ended).error_code, 'string');
  });
});
