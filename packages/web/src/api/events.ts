import { io, type Socket } from 'socket.io-client';
import { accessToken, api } from './client.ts';
import type { Deliverables, ProjectStatus, StageName } from './resources.ts';

/** A workflow event as stored and replayed by the server (`seq` orders a project's history). */
export type WorkflowEvent =
  | { event: 'project_update'; seq: number; status: ProjectStatus; progress: number; current_stage: StageName | null }
  | { event: 'agent_activity'; seq: number; agent_name: string; stage: StageName; status: string; message: string }
  | { event: 'workflow_started'; seq: number; workflow_id: string; resumed: boolean; started_at: string }
  | { event: 'stage_completed'; seq: number; stage: StageName; duration_seconds: number; tokens_used: number }
  | { event: 'workflow_completed'; seq: number; duration_seconds: number; tokens_used: number; cost_usd: number; deliverables?: Deliverables }
  | { event: 'workflow_failed'; seq: number; stage: StageName | null; error_code: string; error_message: string };

const EVENT_NAMES: WorkflowEvent['event'][] = ['project_update', 'agent_activity', 'workflow_started', 'stage_completed', 'workflow_completed', 'workflow_failed'];

export interface FollowHandlers {
  onEvents: (events: WorkflowEvent[]) => void;
  onConnection: (connected: boolean) => void;
  onRefused: (message: string) => void;
}

/**
 * Follows a project's events from its first stored one. After a dropped connection it subscribes again
 * from the last sequence number seen, so nothing is lost and nothing repeats. Events arriving in one
 * burst are handed over together, once per animation frame.
 */
export function followProject(projectId: number, handlers: FollowHandlers): () => void {
  let lastSeq = 0;
  let pending: WorkflowEvent[] = [];
  let frame: number | undefined;
  const flush = () => {
    frame = undefined;
    const batch = pending;
    pending = [];
    if (batch.length > 0) handlers.onEvents(batch);
  };
  const socket: Socket = io({ auth: (callback) => callback({ token: accessToken() }), transports: ['websocket'] });
  const subscribe = () => socket.emit('subscribe_project', { project_id: projectId, since: lastSeq });
  socket.on('connect', () => {
    handlers.onConnection(true);
    subscribe();
  });
  socket.on('disconnect', () => handlers.onConnection(false));
  socket.on('connect_error', () => handlers.onConnection(false));
  socket.on('error', (reply: { error_code?: string; message?: string; project_id?: number }) => {
    // The server ends a socket when its access token expires: one API call renews the session, then it connects again.
    if (reply.error_code === 'TOKEN_EXPIRED') {
      api.auth.me().then(() => socket.connect(), () => handlers.onRefused(reply.message ?? 'Session ended'));
      return;
    }
    if (reply.project_id === undefined || reply.project_id === projectId) handlers.onRefused(reply.message ?? 'Subscription refused');
  });
  for (const name of EVENT_NAMES) {
    socket.on(name, (data: { project_id: number; seq: number }) => {
      if (data.project_id !== projectId || data.seq <= lastSeq) return;
      lastSeq = data.seq;
      // The payload's shape is the server's contract for this event name (x-socketio in /openapi.json).
      pending.push({ ...data, event: name } as unknown as WorkflowEvent);
      frame ??= requestAnimationFrame(flush);
    });
  }
  return () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    socket.disconnect();
  };
}
