import type { AgentActivityRepository, AgentActivityRow } from '../db/repositories/agent-activities.ts';
import type { PageRequest } from '../db/repositories/paging.ts';
import { notFound } from '../errors.ts';
import type { Principal } from './principal.ts';
import type { ProjectAccess } from './project-access.ts';

export interface AgentActivityView {
  id: number;
  project_id: number;
  agent_name: string;
  stage: string;
  status: string;
  input_data: Record<string, unknown>;
  output_data: Record<string, unknown>;
  execution_time_seconds: number | null;
  tokens_used: number;
  error_message: string | null;
  started_at: string;
  completed_at: string | null;
}

const toView = (row: AgentActivityRow): AgentActivityView => ({
  id: row.id,
  project_id: row.projectId,
  agent_name: row.agentName,
  stage: row.stage,
  status: row.status,
  input_data: row.inputData,
  output_data: row.outputData,
  execution_time_seconds: row.executionTimeSeconds,
  tokens_used: row.tokensUsed,
  error_message: row.errorMessage,
  started_at: row.startedAt.toISOString(),
  completed_at: row.completedAt?.toISOString() ?? null,
});

const activityNotFound = () => notFound('Agent activity not found');

export class AgentActivityService {
  constructor(
    private readonly activities: AgentActivityRepository,
    private readonly access: ProjectAccess,
  ) {}

  async list(principal: Principal, projectId: number, filter: { agentName?: string | undefined }, page: PageRequest): Promise<{ items: AgentActivityView[]; total: number }> {
    await this.access.require(principal, projectId, 'read');
    const { rows, total } = await this.activities.list(projectId, filter, page);
    return { items: rows.map(toView), total };
  }

  async get(principal: Principal, activityId: number): Promise<AgentActivityView> {
    const activity = await this.activities.findById(activityId);
    if (!activity) throw activityNotFound();
    await this.access.require(principal, activity.projectId, 'read', activityNotFound);
    return toView(activity);
  }
}
