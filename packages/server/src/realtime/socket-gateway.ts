import type { FastifyInstance } from 'fastify';
import { type DefaultEventsMap, Server, type Socket as AnySocket } from 'socket.io';
import { z } from 'zod';
import type { WorkflowEventName } from '@resoftai/engine';
import { AppError, unauthorized } from '../errors.ts';
import { passwordChangeRequired } from '../http/authentication.ts';
import type { Principal, RequestMeta } from '../services/principal.ts';
import type { AccessChange } from '../services/project-access.ts';
import type { NumberedWorkflowEvent } from '../services/workflow-events.ts';
import type { PostgresSocketAdapter } from './postgres-adapter.ts';
import { ProjectSubscription } from './project-subscription.ts';

const subscribeSchema = z.object({
  project_id: z.number().int().positive().max(2_147_483_647),
  since: z.number().int().min(0).optional(),
});
const unsubscribeSchema = subscribeSchema.pick({ project_id: true });

type Ack = (reply: Record<string, unknown>) => void;

/** What one process tells the others through the adapter, so their sockets see it as if it happened there. */
interface RelayedEvents {
  workflow_event: (event: NumberedWorkflowEvent) => void;
  account_changed: (userId: number) => void;
  access_changed: (change: AccessChange) => void;
}

type GatewayServer = Server<DefaultEventsMap, DefaultEventsMap, RelayedEvents>;
type Socket = AnySocket<DefaultEventsMap, DefaultEventsMap, RelayedEvents>;

interface SocketState {
  principal: Principal;
  /** The handshake's credential and origin, to authenticate the socket again when its account changes. */
  credential: { token: string; meta: RequestMeta };
  subscriptions: Map<number, ProjectSubscription>;
}

const stateOf = (socket: Socket): SocketState => socket.data as SocketState;

/**
 * Socket.IO on the API's port: the handshake's `auth.token` (JWT or API key) authenticates;
 * `subscribe_project` joins a project the caller may read, after replaying the stored events after `since`.
 */
// setTimeout's largest delay; a token living longer is ended then, which only makes the client renew early.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A refused handshake: clients read `error_code` from the `connect_error`'s `data`, as from an HTTP envelope. */
function handshakeRefusal(message: string, errorCode: string): Error {
  return Object.assign(new Error(message), { data: { error_code: errorCode } });
}

/** With `cluster`, workflow events and account and access changes of every process reach this process's sockets. */
export function attachSocketGateway(app: FastifyInstance, cluster?: PostgresSocketAdapter): GatewayServer {
  const { auth, projectAccess, accountChanges, workflowEvents, workflowEventLog } = app.services;
  const io: GatewayServer = new Server(app.server, { serveClient: false, ...(cluster ? { adapter: cluster.adapter } : {}) });
  const subscribers = new Map<number, Set<ProjectSubscription>>();

  // Local events reach local sockets at once and the other processes through the adapter.
  const relay = <E extends keyof RelayedEvents>(event: E, local: RelayedEvents[E]) => {
    if (cluster) io.on(event, local as never);
    return (...args: Parameters<RelayedEvents[E]>) => {
      (local as (...received: Parameters<RelayedEvents[E]>) => void)(...args);
      if (cluster) io.serverSideEmit(event, ...(args as never));
    };
  };

  const deliver = relay('workflow_event', (event) => {
    for (const subscription of subscribers.get(event.projectId) ?? []) subscription.deliver(event);
  });
  const stopListening = workflowEvents.listen(deliver);

  // Same rule as HTTP: a temporary password opens nothing but the change-password route.
  const authenticate = async (credential: SocketState['credential']): Promise<Principal> => {
    const principal = await auth.authenticate(credential.token, credential.meta);
    if (principal.user.mustChangePassword) throw passwordChangeRequired();
    return principal;
  };

  const checkSubscriptions = (socket: Socket, onlyProjectId?: number) => {
    const state = stateOf(socket);
    for (const projectId of state.subscriptions.keys()) {
      if (onlyProjectId !== undefined && projectId !== onlyProjectId) continue;
      projectAccess.require(state.principal, projectId, 'read').catch((error: unknown) => {
        unsubscribe(state, projectId);
        const known = error instanceof AppError;
        socket.emit('error', { error_code: known ? error.errorCode : 'INTERNAL_ERROR', message: known ? error.message : 'Subscription ended', project_id: projectId });
      });
    }
  };

  // Access can shrink while a socket is subscribed (it left the team, the project was unshared): check again.
  const stopWatchingAccess = projectAccess.onChange(relay('access_changed', (change) => {
    for (const socket of io.sockets.sockets.values()) {
      if ('userId' in change && stateOf(socket).principal.userId !== change.userId) continue;
      checkSubscriptions(socket, 'projectId' in change ? change.projectId : undefined);
    }
  }));

  // A revoked session or key, a suspension, deletion or role change: the credential is checked again, as on a new request.
  const stopWatchingAccounts = accountChanges.onChange(relay('account_changed', (userId) => {
    for (const socket of io.sockets.sockets.values()) {
      const state = stateOf(socket);
      if (state.principal.userId !== userId) continue;
      authenticate(state.credential).then(
        (principal) => {
          state.principal = principal;
          checkSubscriptions(socket);
        },
        (error: unknown) => {
          const refusal = error instanceof AppError ? error : unauthorized();
          socket.emit('error', { error_code: refusal.errorCode, message: refusal.message });
          socket.disconnect(true);
        },
      );
    }
  }));

  io.use((socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== 'string' || token === '') {
      next(handshakeRefusal('Not authenticated: pass a JWT access token or an API key as auth.token', 'AUTH_001'));
      return;
    }
    const userAgent = socket.handshake.headers['user-agent'];
    const credential = { token, meta: { ipAddress: socket.handshake.address || null, userAgent: typeof userAgent === 'string' ? userAgent : null } };
    authenticate(credential).then(
      (principal) => {
        Object.assign(socket.data, { principal, credential, subscriptions: new Map() } satisfies SocketState);
        next();
      },
      (error: unknown) => next(error instanceof AppError ? handshakeRefusal(error.message, error.errorCode) : handshakeRefusal('Not authenticated', 'AUTH_001')),
    );
  });

  const unsubscribe = (state: SocketState, projectId: number) => {
    const subscription = state.subscriptions.get(projectId);
    if (!subscription) return;
    subscription.close();
    state.subscriptions.delete(projectId);
    subscribers.get(projectId)?.delete(subscription);
    if (subscribers.get(projectId)?.size === 0) subscribers.delete(projectId);
  };

  const refuse = (socket: Socket, ack: Ack | undefined, reply: { error_code: string; message: string; project_id?: unknown }) => {
    socket.emit('error', reply);
    ack?.({ ok: false, ...reply });
  };

  io.on('connection', (socket) => {
    const state = stateOf(socket);
    const send = (event: NumberedWorkflowEvent) => socket.emit(event.event, { ...event.data, seq: event.seq });
    // A socket lives no longer than its access token: clients reconnect with a renewed one and replay with `since`.
    const expiresAt = state.principal.expiresAt;
    const expiry = expiresAt === null ? undefined : setTimeout(() => {
      socket.emit('error', { error_code: 'TOKEN_EXPIRED', message: 'The access token expired; reconnect with a renewed one' });
      socket.disconnect(true);
    }, Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS));

    socket.on('subscribe_project', async (payload: unknown, ack?: Ack) => {
      const parsed = subscribeSchema.safeParse(payload);
      if (!parsed.success) {
        refuse(socket, ack, { error_code: 'VALIDATION_ERROR', message: 'subscribe_project needs { project_id: positive integer, since?: integer >= 0 }', project_id: (payload as { project_id?: unknown } | null)?.project_id });
        return;
      }
      const { project_id: projectId, since } = parsed.data;
      try {
        await projectAccess.require(state.principal, projectId, 'read');
      } catch (error) {
        const known = error instanceof AppError;
        refuse(socket, ack, { error_code: known ? error.errorCode : 'INTERNAL_ERROR', message: known ? error.message : 'Subscription failed', project_id: projectId });
        return;
      }
      unsubscribe(state, projectId);
      const readStored = async (after: number) =>
        (await workflowEventLog.eventsSince(projectId, after)).map((row) => ({ projectId, seq: row.seq, event: row.type as WorkflowEventName, data: row.payload }));
      const subscription = new ProjectSubscription(send, readStored);
      state.subscriptions.set(projectId, subscription);
      if (!subscribers.has(projectId)) subscribers.set(projectId, new Set());
      subscribers.get(projectId)!.add(subscription);
      try {
        // Without `since` only events after the latest stored one are sent.
        await subscription.start(since ?? (() => workflowEventLog.lastEventSeq(projectId)));
      } catch {
        unsubscribe(state, projectId);
        refuse(socket, ack, { error_code: 'INTERNAL_ERROR', message: 'Subscription failed; try again', project_id: projectId });
        return;
      }
      ack?.({ ok: true, project_id: projectId, last_seq: subscription.seq });
    });

    socket.on('unsubscribe_project', (payload: unknown, ack?: Ack) => {
      const parsed = unsubscribeSchema.safeParse(payload);
      if (!parsed.success) {
        refuse(socket, ack, { error_code: 'VALIDATION_ERROR', message: 'unsubscribe_project needs { project_id: positive integer }' });
        return;
      }
      unsubscribe(state, parsed.data.project_id);
      ack?.({ ok: true, project_id: parsed.data.project_id });
    });

    socket.on('disconnect', () => {
      clearTimeout(expiry);
      for (const projectId of [...state.subscriptions.keys()]) unsubscribe(state, projectId);
    });
  });

  app.addHook('preClose', async () => {
    stopListening();
    stopWatchingAccess();
    stopWatchingAccounts();
    io.disconnectSockets(true);
    io.engine.close();
    await io.of('/').adapter.close();
    await cluster?.close();
  });
  return io;
}
