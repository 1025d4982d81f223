import type { WorkflowEvent } from './api/events.ts';
import { type Deliverables, type ProjectStatus, STAGES, type StageName } from './api/resources.ts';

export type StageState = 'pending' | 'running' | 'done' | 'failed';

export interface StageView {
  state: StageState;
  durationSeconds?: number;
  tokens?: number;
}

export interface ActivityLine {
  seq: number;
  agent: string;
  stage: StageName;
  status: string;
  message: string;
}

export interface RunState {
  status: ProjectStatus;
  progress: number;
  currentStage: StageName | null;
  stages: Record<StageName, StageView>;
  /** The newest activity lines (at most ACTIVITY_KEPT)… */
  activity: ActivityLine[];
  /** …of this many in the run, all kept by the server after `runStartSeq`. */
  activityTotal: number;
  /** The `seq` of the run's `workflow_started` (0 before one is seen). */
  runStartSeq: number;
  failure?: { stage: StageName | null; code: string; message: string };
  tokens: number;
  costUsd?: number;
  deliverables: Deliverables;
}

// The page keeps the newest lines; the whole log stays on the server (`/api/projects/{id}/events`).
export const ACTIVITY_KEPT = 500;

const freshStages = (): Record<StageName, StageView> => Object.fromEntries(STAGES.map((stage) => [stage, { state: 'pending' }])) as Record<StageName, StageView>;

export function initialRun(project: { status: ProjectStatus; progress: number; current_stage: StageName | null; deliverables: Deliverables }): RunState {
  return { status: project.status, progress: project.progress, currentStage: project.current_stage, stages: freshStages(), activity: [], activityTotal: 0, runStartSeq: 0, tokens: 0, deliverables: project.deliverables };
}

/** The run as the events tell it; a new `workflow_started` (not a resume) starts the picture over. */
export function applyEvents(state: RunState, events: WorkflowEvent[]): RunState {
  let next: RunState = { ...state, stages: { ...state.stages }, activity: state.activity };
  const added: ActivityLine[] = [];
  for (const event of events) {
    switch (event.event) {
      case 'workflow_started':
        next = event.resumed
          ? { ...next, status: 'running', failure: undefined }
          : { ...next, status: 'running', progress: 0, stages: freshStages(), failure: undefined, tokens: 0, costUsd: undefined, deliverables: {} };
        if (!event.resumed) {
          next.activity = [];
          next.activityTotal = 0;
          next.runStartSeq = event.seq;
          added.length = 0;
        }
        break;
      case 'project_update':
        next.status = event.status;
        next.progress = event.progress;
        next.currentStage = event.current_stage;
        if (event.current_stage && next.stages[event.current_stage]?.state === 'pending' && event.status === 'running') {
          next.stages[event.current_stage] = { state: 'running' };
        }
        break;
      case 'agent_activity':
        added.push({ seq: event.seq, agent: event.agent_name, stage: event.stage, status: event.status, message: event.message });
        if (event.status === 'running' && next.stages[event.stage]?.state === 'pending') next.stages[event.stage] = { state: 'running' };
        break;
      case 'stage_completed':
        next.stages[event.stage] = { state: 'done', durationSeconds: event.duration_seconds, tokens: event.tokens_used };
        next.tokens += event.tokens_used;
        break;
      case 'workflow_completed':
        next.status = 'completed';
        next.progress = 100;
        next.tokens = event.tokens_used;
        next.costUsd = event.cost_usd;
        if (event.deliverables) next.deliverables = event.deliverables;
        break;
      case 'workflow_failed':
        next.status = 'failed';
        next.failure = { stage: event.stage, code: event.error_code, message: event.error_message };
        if (event.stage) next.stages[event.stage] = { ...next.stages[event.stage], state: 'failed' };
        break;
    }
  }
  if (added.length > 0) {
    next.activity = [...next.activity, ...added].slice(-ACTIVITY_KEPT);
    next.activityTotal += added.length;
  }
  // Stages still marked running when the run ended did not finish.
  if (next.status !== 'running') {
    for (const stage of STAGES) if (next.stages[stage].state === 'running') next.stages[stage] = { state: next.status === 'failed' ? 'failed' : 'pending' };
  }
  return next;
}
