import { io } from 'socket.io-client';
import { ApiError } from './errors.ts';
import type { components } from './generated/events.ts';
import type { Transport } from './transport.ts';

type EventSchemas = components['schemas'];
export type WorkflowEventName = Exclude<keyof EventSchemas, 'error'>;
/** A stored workflow event with its name: what `projects.follow` yields, in `seq` order. */
export type WorkflowEvent = { [Name in WorkflowEventName]: EventSchemas[Name] & { event: Name } }[WorkflowEventName];

const TOKEN_EXPIRED = 'TOKEN_EXPIRED';
const EVENT_NAMES: WorkflowEventName[] = ['project_update', 'agent_activity', 'workflow_started', 'stage_completed', 'workflow_completed', 'workflow_failed'];
// A stopped run ends with its `project_update` to cancelled; there is no workflow_failed for it.
const isTerminal = (event: WorkflowEvent) => event.event === 'workflow_completed' || event.event === 'workflow_failed' || (event.event === 'project_update' && event.status === 'cancelled');

export interface FollowOptions {
  /** Replay the stored events after this sequence number first (default 0: the whole history). */
  since?: number;
  /** Keep following after the run ends (by default the iteration ends with its `workflow_completed`, `workflow_failed`, or a stop's `project_update` to cancelled). */
  forever?: boolean;
  signal?: AbortSignal;
}

interface SubscribeAck {
  ok: boolean;
  last_seq?: number;
  error_code?: string;
  message?: string;
}

/**
 * A project's workflow events over Socket.IO. After a dropped connection it subscribes again from the
 * last sequence number seen, so nothing is lost and nothing repeats. Unless `forever`, it ends after the
 * run's last event: a stored terminal event that is the newest in the history, or a live one.
 */
export async function* followProject(transport: Transport, projectId: number, options: FollowOptions = {}): AsyncGenerator<WorkflowEvent, void, undefined> {
  let lastSeq = options.since ?? 0;
  let lastTerminalSeq = -1;
  // The newest stored sequence number when first subscribed: a terminal event before it belongs to an earlier run.
  let historyEnd: number | undefined;
  const queue: WorkflowEvent[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const fail = (error: Error) => {
    failure ??= error;
    notify();
  };
  const runEnded = () => !options.forever && historyEnd !== undefined && lastTerminalSeq === lastSeq && lastSeq >= historyEnd;

  const socket = io(transport.options.baseUrl, {
    transports: ['websocket'],
    auth: (callback) => {
      transport.session.credential().then((token) => callback({ token }), fail);
    },
  });
  let renewedSinceConnect = false;
  socket.on('connect', () => {
    renewedSinceConnect = false;
    socket.emit('subscribe_project', { project_id: projectId, since: lastSeq }, (ack: SubscribeAck) => {
      if (!ack.ok) fail(new ApiError(403, ack.error_code ?? 'SUBSCRIPTION_REFUSED', ack.message ?? 'Subscription refused'));
      historyEnd ??= ack.last_seq ?? 0;
      notify();
    });
  });
  socket.on('connect_error', (error: Error & { data?: { error_code?: string } }) => {
    // The client reconnects by itself after a network failure; a handshake the server refused is retried once with a renewed session.
    if (socket.active) return;
    const refusal = new ApiError(401, error.data?.error_code ?? 'AUTH_001', error.message);
    if (renewedSinceConnect || !transport.session.renewable) return fail(refusal);
    renewedSinceConnect = true;
    transport.session.renew().then((renewed) => (renewed ? socket.connect() : fail(refusal)), fail);
  });
  let tokenExpired = false;
  socket.on('error', (reply: { error_code?: string; message?: string; project_id?: number }) => {
    // The server ends a socket when its access token expires; a renewed session connects again below.
    if (reply.error_code === TOKEN_EXPIRED && transport.session.renewable) tokenExpired = true;
    else if (reply.project_id === undefined || reply.project_id === projectId) fail(new ApiError(403, reply.error_code ?? 'SUBSCRIPTION_ENDED', reply.message ?? 'Subscription ended'));
  });
  socket.on('disconnect', (reason) => {
    if (reason !== 'io server disconnect' || !tokenExpired) return;
    tokenExpired = false;
    transport.session.renew().then((renewed) => (renewed ? socket.connect() : fail(new ApiError(401, TOKEN_EXPIRED, 'The access token expired and could not be renewed'))), fail);
  });
  for (const name of EVENT_NAMES) {
    socket.on(name, (data: { project_id: number; seq: number }) => {
      if (data.project_id !== projectId || data.seq <= lastSeq) return;
      const event = { ...data, event: name } as WorkflowEvent;
      lastSeq = event.seq;
      if (isTerminal(event)) lastTerminalSeq = event.seq;
      queue.push(event);
      notify();
    });
  }
  const abort = () => fail(options.signal?.reason instanceof Error ? options.signal.reason : new Error('Following was aborted'));
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    for (;;) {
      const event = queue.shift();
      if (event) {
        yield event;
        continue;
      }
      if (failure) throw failure;
      if (runEnded()) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    options.signal?.removeEventListener('abort', abort);
    socket.disconnect();
  }
}
