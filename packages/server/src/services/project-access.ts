import type { ProjectAccessRef, ProjectRepository } from '../db/repositories/projects.ts';
import type { TeamRole } from '../db/schema/index.ts';
import { type AppError, forbidden, notFound } from '../errors.ts';
import type { Principal } from './principal.ts';

/** `share` assigns the project to a team or takes it back. */
export type ProjectAction = 'read' | 'write' | 'delete' | 'share';

export const projectNotFound = (): AppError => notFound('Project not found', 'PROJ_001');

/** Whose access may have shrunk: one user's (they left a team), or everyone's to one project (it was unshared or moved). */
export type AccessChange = { userId: number } | { projectId: number };

/** What each role in the project's team may do: viewers read, members also edit and run, admins and owners also delete and share. */
const TEAM_PERMISSIONS: Record<TeamRole, ReadonlySet<ProjectAction>> = {
  viewer: new Set(['read']),
  member: new Set(['read', 'write']),
  admin: new Set(['read', 'write', 'delete', 'share']),
  owner: new Set(['read', 'write', 'delete', 'share']),
};

/**
 * The one place that decides who may do what with a project. Every area that reaches a project
 * (files, downloads, activities, analyses, workflows, sockets) asks here.
 */
export class ProjectAccess {
  private readonly changeListeners = new Set<(change: AccessChange) => void>();

  constructor(private readonly projects: ProjectRepository) {}

  /** Holders of long-lived access (socket subscriptions) listen here to check it again; returns the unsubscribe. */
  onChange(listener: (change: AccessChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Says that access may have shrunk, after the change is committed. */
  changed(change: AccessChange): void {
    for (const listener of this.changeListeners) listener(change);
  }

  /**
   * The project when the caller may perform `action` on it. A caller who may not even read it gets
   * the same 404 as for a missing project (or the caller's own `hidden` error, e.g. "File not found"),
   * so ids cannot be probed; a team member whose role does not allow the action gets 403.
   */
  async require(principal: Principal, projectId: number, action: ProjectAction, hidden: () => AppError = projectNotFound): Promise<ProjectAccessRef> {
    const project = await this.projects.findAccessRef(projectId, principal.userId);
    if (!project || !this.permits(principal, project, 'read')) throw hidden();
    if (!this.permits(principal, project, action)) {
      throw forbidden(`Your role in the project's team (${project.teamRole}) does not allow ${action === 'write' ? 'changing or running' : action === 'delete' ? 'deleting' : 'sharing'} project ${projectId}`);
    }
    return project;
  }

  /** Owner and admins may do everything; members of the project's team what their role allows. */
  permits(principal: Principal, project: ProjectAccessRef, action: ProjectAction): boolean {
    if (principal.isAdmin || project.userId === principal.userId) return true;
    return project.teamRole !== null && TEAM_PERMISSIONS[project.teamRole].has(action);
  }
}
