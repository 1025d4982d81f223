import type { ProjectRef, ProjectRepository } from '../db/repositories/projects.ts';
import { type AppError, notFound } from '../errors.ts';
import type { Principal } from './principal.ts';

export type ProjectAction = 'read' | 'write' | 'delete';

export const projectNotFound = (): AppError => notFound('Project not found', 'PROJ_001');

/**
 * The one place that decides who may do what with a project. Every area that reaches a project
 * (files, downloads, activities, analyses, workflows, sockets) asks here.
 */
export class ProjectAccess {
  constructor(private readonly projects: ProjectRepository) {}

  /**
   * The project when the caller may perform `action` on it. Otherwise the same 404 as for a missing
   * project (or the caller's own `hidden` error, e.g. "File not found"), so ids cannot be probed.
   */
  async require(principal: Principal, projectId: number, action: ProjectAction, hidden: () => AppError = projectNotFound): Promise<ProjectRef> {
    const project = await this.projects.findRef(projectId);
    if (!project || !this.permits(principal, project, action)) throw hidden();
    return project;
  }

  /** Owner and admins may do everything; organisation and team roles will refine this per action. */
  permits(principal: Principal, project: ProjectRef, _action: ProjectAction): boolean {
    return principal.isAdmin || project.userId === principal.userId;
  }
}
