import type { StageName } from '@resoftai/engine';
import type { Db } from '../db/client.ts';
import type { PageRequest } from '../db/repositories/paging.ts';
import type { ProjectChanges, ProjectRef, ProjectRepository, ProjectRow, ProjectSummaryRow } from '../db/repositories/projects.ts';
import type { FileRepository } from '../db/repositories/files.ts';
import type { ProjectStatus } from '../db/schema/index.ts';
import { AppError, conflict, fieldError } from '../errors.ts';
import { type AuditChain, auditActor } from '../governance/audit-chain.ts';
import type { OrganizationService } from './organizations.ts';
import type { Principal } from './principal.ts';
import { type ProjectAccess, projectNotFound } from './project-access.ts';
import type { QuotaService } from './quotas.ts';
import type { WorkflowRunView } from './workflows.ts';

export interface ProjectSummaryView {
  id: number;
  name: string;
  description: string | null;
  status: ProjectStatus;
  progress: number;
  current_stage: StageName | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  /** The team the project is shared with; null when only its owner has it. */
  team_id: number | null;
}

export interface ProjectView extends ProjectSummaryView {
  user_id: number;
  requirements: string;
  config: Record<string, unknown>;
  deliverables: Record<string, unknown>;
  llm_config_id: number | null;
}

/** The single-project read: the project with its latest run. */
export interface ProjectDetailView extends ProjectView {
  last_run: WorkflowRunView | null;
}

export interface ProjectInput {
  name: string;
  description?: string | null | undefined;
  requirements: string;
  config?: Record<string, unknown> | undefined;
  llm_config_id?: number | null | undefined;
  team_id?: number | null | undefined;
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
  team_id: row.teamId,
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
    private readonly organizations: OrganizationService,
    private readonly quotas: QuotaService,
    private readonly audit: AuditChain,
    /** Ends the project's running workflow before its rows go. */
    private readonly stopWorkflow: (projectId: number) => Promise<void> = async () => {},
    /** The project's latest workflow run (how it ended, where a failure happened). */
    private readonly lastRunOf: (projectId: number) => Promise<WorkflowRunView | null> = async () => null,
  ) {}

  /** A project counts against its team's organisation, else its owner's (403 PROJ_003 over the projects quota). */
  async create(principal: Principal, input: ProjectInput): Promise<ProjectView> {
    await this.checkLlmConfig(input.llm_config_id, principal.userId);
    const organizationId = input.team_id
      ? await this.sharingTeamOrganization(principal, input.team_id)
      : (await this.organizations.membershipOf(principal.userId))?.organizationId ?? null;
    const row = await this.quotas.withRoom(organizationId, 'projects', 1, 'Creating a project', async (tx) => {
      const created = await this.projects.create({
        userId: principal.userId,
        name: input.name,
        description: input.description ?? null,
        requirements: input.requirements,
        config: input.config ?? {},
        llmConfigId: input.llm_config_id ?? null,
        teamId: input.team_id ?? null,
      }, tx);
      await this.audit.append({
        ...auditActor(principal), entity: 'project', action: 'create', resourceId: created.id, organizationId,
        payload: { name: created.name, team_id: created.teamId, llm_config_id: created.llmConfigId },
      }, tx);
      return created;
    });
    return toView(row);
  }

  /** The organisation of a team the caller may share projects with (one they belong to); 422 otherwise. */
  private async sharingTeamOrganization(principal: Principal, teamId: number): Promise<number> {
    try {
      return (await this.organizations.teamForSharing(principal, teamId)).organizationId;
    } catch (error) {
      if (error instanceof AppError && error.statusCode === 404) throw fieldError(422, ['body', 'team_id'], error.message);
      throw error;
    }
  }

  /** A project runs with one of its owner's LLM configurations, or with the owner's default (null). */
  private async checkLlmConfig(llmConfigId: number | null | undefined, ownerId: number): Promise<void> {
    if (llmConfigId === undefined || llmConfigId === null) return;
    if (!(await this.ownsLlmConfig(llmConfigId, ownerId))) {
      throw fieldError(422, ['body', 'llm_config_id'], `LLM config ${llmConfigId} is not one of the project owner's LLM configs`);
    }
  }

  /** The caller's own projects and those shared with their teams, newest first. */
  async list(principal: Principal, filter: { status?: ProjectStatus | undefined }, page: PageRequest): Promise<{ items: ProjectSummaryView[]; total: number }> {
    const { rows, total } = await this.projects.listForUser(principal.userId, filter, page);
    return { items: rows.map(toSummaryView), total };
  }

  async get(principal: Principal, projectId: number): Promise<ProjectDetailView> {
    await this.access.require(principal, projectId, 'read');
    const row = await this.projects.findById(projectId);
    if (!row) throw projectNotFound();
    return { ...toView(row), last_run: await this.lastRunOf(projectId) };
  }

  /**
   * Only a pending project's inputs can change: once a workflow has run, they are part of its record.
   * `team_id` alone (sharing) can change at any time, by those the `share` action allows.
   */
  async update(principal: Principal, projectId: number, input: ProjectUpdate): Promise<ProjectView> {
    const { team_id: teamId, ...inputs } = input;
    const changesInputs = Object.keys(inputs).length > 0;
    const project = await this.access.require(principal, projectId, changesInputs ? 'write' : 'share');
    if (changesInputs && teamId !== undefined) await this.access.require(principal, projectId, 'share');
    await this.checkLlmConfig(input.llm_config_id, project.userId);
    if (teamId !== undefined && teamId !== project.teamId) await this.checkTeamMove(principal, project, teamId);
    if (!changesInputs) {
      const row = await this.projects.transaction(async (tx) => {
        const updated = await this.projects.setTeam(projectId, teamId ?? null, tx);
        if (!updated) throw projectNotFound();
        await this.auditUpdate(principal, project, updated.teamId, [], tx);
        return updated;
      });
      await this.sharingChanged(project, row.teamId);
      return toView(row);
    }
    const changes: ProjectChanges = {};
    if (teamId !== undefined) changes.teamId = teamId;
    if (input.name !== undefined) changes.name = input.name;
    if (input.description !== undefined) changes.description = input.description;
    if (input.requirements !== undefined) changes.requirements = input.requirements;
    if (input.config !== undefined) changes.config = input.config;
    if (input.llm_config_id !== undefined) changes.llmConfigId = input.llm_config_id;
    const row = await this.projects.transaction(async (tx) => {
      const updated = await this.projects.updateIfPending(projectId, changes, tx);
      if (updated) await this.auditUpdate(principal, project, updated.teamId, Object.keys(inputs), tx);
      return updated;
    });
    if (row) {
      await this.sharingChanged(project, row.teamId);
      return toView(row);
    }
    const current = await this.projects.findRef(projectId);
    if (!current) throw projectNotFound();
    const status = current.status;
    throw conflict(
      `Project ${projectId} is ${status}; only pending projects can be updated`,
      status === 'running' ? 'PROJ_002' : 'CONFLICT',
    );
  }

  /** The fields a change set (names, not values) and a change of sharing, in the transaction of the change. */
  private async auditUpdate(principal: Principal, before: ProjectRef, teamId: number | null, fields: string[], tx: Db): Promise<void> {
    const shared = teamId !== before.teamId;
    if (!shared && fields.length === 0) return;
    await this.audit.append({
      ...auditActor(principal), entity: 'project', action: 'update', resourceId: before.id, organizationId: await this.quotas.organizationOfProject(before.id, tx),
      payload: { ...(fields.length > 0 ? { fields } : {}), ...(shared ? { team_id: { from: before.teamId, to: teamId } } : {}) },
    }, tx);
  }

  /** Sharing grants or ends access, and the project may now count against another organisation. */
  private async sharingChanged(before: ProjectRef, teamId: number | null): Promise<void> {
    if (teamId === before.teamId) return;
    this.access.changed({ projectId: before.id });
    await this.quotas.observe(await this.quotas.organizationOfProject(before.id), 'projects');
  }

  /** A project moving to another organisation needs room in that organisation's projects quota. */
  private async checkTeamMove(principal: Principal, project: ProjectRef, teamId: number | null): Promise<void> {
    const from = await this.quotas.organizationOfProject(project.id);
    const to = teamId === null
      ? (await this.organizations.membershipOf(project.userId))?.organizationId ?? null
      : await this.sharingTeamOrganization(principal, teamId);
    if (to !== from) await this.quotas.assertRoom(to, 'projects', 1, `Moving project ${project.id} to team ${teamId}`);
  }

  async delete(principal: Principal, projectId: number): Promise<void> {
    await this.access.require(principal, projectId, 'delete');
    await this.stopWorkflow(projectId);
    const hashes = await this.projects.transaction(async (tx) => {
      const organizationId = await this.quotas.organizationOfProject(projectId, tx);
      const referenced = await this.projects.delete(projectId, tx);
      await this.audit.append({ ...auditActor(principal), entity: 'project', action: 'delete', resourceId: projectId, organizationId }, tx);
      return referenced;
    });
    await this.files.collectGarbage(hashes);
  }
}
