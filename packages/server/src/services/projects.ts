import type { PageRequest } from '../db/repositories/paging.ts';
import type { ProjectChanges, ProjectRepository, ProjectRow, ProjectSummaryRow } from '../db/repositories/projects.ts';
import type { FileRepository } from '../db/repositories/files.ts';
import type { ProjectStatus } from '../db/schema/index.ts';
import { conflict, fieldError } from '../errors.ts';
import type { Principal } from './principal.ts';
import { type ProjectAccess, projectNotFound } from './project-access.ts';

export interface ProjectSummaryView {
  id: number;
  name: string;
  description: string | null;
  status: ProjectStatus;
  progress: number;
  current_stage: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface ProjectView extends ProjectSummaryView {
  user_id: number;
  requirements: string;
  config: Record<string, unknown>;
  deliverables: Record<string, unknown>;
  llm_config_id: number | null;
}

export interface ProjectInput {
  name: string;
  description?: string | null | undefined;
  requirements: string;
  config?: Record<string, unknown> | undefined;
  llm_config_id?: number | null | undefined;
}

export type ProjectUpdate = Partial<ProjectInput>;

const toSummaryView = (row: ProjectSummaryRow): ProjectSummaryView => ({
  id: row.id,
  name: row.name,
  description: row.description,
  status: row.status,
  progress: row.progress,
  current_stage: row.currentStage,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
  completed_at: row.completedAt?.toISOString() ?? null,
});

const toView = (row: ProjectRow): ProjectView => ({
  ...toSummaryView(row),
  user_id: row.userId,
  requirements: row.requirements,
  config: row.config,
  deliverables: row.deliverables,
  llm_config_id: row.llmConfigId,
});

/** Finds an LLM configuration among one user's own. */
export type LlmConfigOwnership = (configId: number, userId: number) => Promise<boolean>;

export class ProjectService {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly files: FileRepository,
    private readonly access: ProjectAccess,
    private readonly ownsLlmConfig: LlmConfigOwnership,
    /** Ends the project's running workflow before its rows go. */
    private readonly stopWorkflow: (projectId: number) => Promise<void> = async () => {},
  ) {}

  async create(principal: Principal, input: ProjectInput): Promise<ProjectView> {
    await this.checkLlmConfig(input.llm_config_id, principal.userId);
    const row = await this.projects.create({
      userId: principal.userId,
      name: input.name,
      description: input.description ?? null,
      requirements: input.requirements,
      config: input.config ?? {},
      llmConfigId: input.llm_config_id ?? null,
    });
    return toView(row);
  }

  /** A project runs with one of its owner's LLM configurations, or with the owner's default (null). */
  private async checkLlmConfig(llmConfigId: number | null | undefined, ownerId: number): Promise<void> {
    if (llmConfigId === undefined || llmConfigId === null) return;
    if (!(await this.ownsLlmConfig(llmConfigId, ownerId))) {
      throw fieldError(422, ['body', 'llm_config_id'], `LLM config ${llmConfigId} is not one of the project owner's LLM configs`);
    }
  }

  /** The caller's own projects, newest first. */
  async list(principal: Principal, filter: { status?: ProjectStatus | undefined }, page: PageRequest): Promise<{ items: ProjectSummaryView[]; total: number }> {
    const { rows, total } = await this.projects.listForUser(principal.userId, filter, page);
    return { items: rows.map(toSummaryView), total };
  }

  async get(principal: Principal, projectId: number): Promise<ProjectView> {
    await this.access.require(principal, projectId, 'read');
    const row = await this.projects.findById(projectId);
    if (!row) throw projectNotFound();
    return toView(row);
  }

  /** Only a pending project can change: once a workflow has run, its inputs are part of its record. */
  async update(principal: Principal, projectId: number, input: ProjectUpdate): Promise<ProjectView> {
    await this.access.require(principal, projectId, 'write');
    const owner = await this.projects.findRef(projectId);
    if (!owner) throw projectNotFound();
    await this.checkLlmConfig(input.llm_config_id, owner.userId);
    const changes: ProjectChanges = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.description !== undefined) changes.description = input.description;
    if (input.requirements !== undefined) changes.requirements = input.requirements;
    if (input.config !== undefined) changes.config = input.config;
    if (input.llm_config_id !== undefined) changes.llmConfigId = input.llm_config_id;
    const row = await this.projects.updateIfPending(projectId, changes);
    if (row) return toView(row);
    const current = await this.projects.findRef(projectId);
    if (!current) throw projectNotFound();
    const status = current.status;
    throw conflict(
      `Project ${projectId} is ${status}; only pending projects can be updated`,
      status === 'running' ? 'PROJ_002' : 'CONFLICT',
    );
  }

  async delete(principal: Principal, projectId: number): Promise<void> {
    await this.access.require(principal, projectId, 'delete');
    await this.stopWorkflow(projectId);
    const hashes = await this.projects.delete(projectId);
    await this.files.collectGarbage(hashes);
  }
}
