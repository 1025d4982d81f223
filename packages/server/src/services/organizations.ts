import type {
  Membership, OrganizationChanges, OrganizationRepository, OrganizationRow, TeamMemberRow, TeamRow,
} from '../db/repositories/organizations.ts';
import { uniqueViolation } from '../db/repositories/organizations.ts';
import type { OrganizationTier, TeamRole } from '../db/schema/index.ts';
import type { Db } from '../db/client.ts';
import { AppError, conflict, forbidden, notFound } from '../errors.ts';
import { type AuditChain, auditActor } from '../governance/audit-chain.ts';
import { assertAdmin, type Principal } from './principal.ts';
import type { ProjectAccess } from './project-access.ts';
import { type QuotaService, quotaExceeded } from './quotas.ts';

export interface OrganizationView {
  id: number;
  name: string;
  slug: string;
  tier: OrganizationTier;
  contact_email: string | null;
  description: string | null;
  is_active: boolean;
  sso_enabled: boolean;
  created_at: string;
  updated_at: string;
}

export interface OrganizationInput {
  name: string;
  slug: string;
  tier: OrganizationTier;
  contact_email?: string | null | undefined;
  description?: string | null | undefined;
}

export interface OrganizationUpdate {
  name?: string | undefined;
  slug?: string | undefined;
  tier?: OrganizationTier | undefined;
  contact_email?: string | null | undefined;
  description?: string | null | undefined;
  is_active?: boolean | undefined;
  sso_enabled?: boolean | undefined;
}

export interface TeamView {
  id: number;
  organization_id: number;
  name: string;
  description: string | null;
  is_default: boolean;
  created_at: string;
}

export interface TeamInput {
  organization_id: number;
  name: string;
  description?: string | null | undefined;
  is_default?: boolean | undefined;
}

export interface TeamMemberView {
  id: number;
  team_id: number;
  user_id: number;
  role: TeamRole;
  joined_at: string;
  updated_at: string;
}

export interface OrganizationTeamView {
  id: number;
  name: string;
  description: string | null;
  is_default: boolean;
  member_count: number;
  created_at: string;
}

export interface TeamMemberListView {
  user_id: number;
  username: string;
  full_name: string | null;
  email: string | null;
  role: TeamRole;
  joined_at: string;
}

const toOrganizationView = (row: OrganizationRow): OrganizationView => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  tier: row.tier,
  contact_email: row.contactEmail,
  description: row.description,
  is_active: row.isActive,
  sso_enabled: row.ssoEnabled,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

const toTeamView = (row: TeamRow): TeamView => ({
  id: row.id,
  organization_id: row.organizationId,
  name: row.name,
  description: row.description,
  is_default: row.isDefault,
  created_at: row.createdAt.toISOString(),
});

const toMemberView = (row: TeamMemberRow): TeamMemberView => ({
  id: row.id,
  team_id: row.teamId,
  user_id: row.userId,
  role: row.role,
  joined_at: row.joinedAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

const organizationNotFound = (): AppError => notFound('Organization not found');
const teamNotFound = (): AppError => notFound('Team not found');
const memberNotFound = (teamId: number, userId: number): AppError => notFound(`User ${userId} is not a member of team ${teamId}`);
const slugTaken = (slug: string): AppError => conflict(`Organization slug "${slug}" is already taken`);

function slugConflict(error: unknown, slug: string | undefined): unknown {
  return slug !== undefined && uniqueViolation(error) === 'organizations_slug_key' ? slugTaken(slug) : error;
}

/** Who manages a team: platform administrators, and the owners and admins of its organisation. */
type Manager = { platformAdmin: true } | { platformAdmin: false; role: TeamRole };

/**
 * Organisations and their teams. A user belongs to at most one organisation: the one whose teams they
 * are in; their organisation role is the strongest of their team roles there.
 */
export class OrganizationService {
  constructor(
    private readonly repo: OrganizationRepository,
    private readonly quotas: QuotaService,
    private readonly audit: AuditChain,
    private readonly projectAccess: ProjectAccess,
    /** Refuses `sso_enabled: true` until the organisation's identity provider is configured and answers. */
    private readonly ssoReadiness: (organizationId: number) => Promise<void>,
  ) {}

  async create(principal: Principal, input: OrganizationInput): Promise<OrganizationView> {
    assertAdmin(principal);
    try {
      const row = await this.repo.transaction(async (tx) => {
        const created = await this.repo.create({
          name: input.name, slug: input.slug, tier: input.tier, contactEmail: input.contact_email ?? null, description: input.description ?? null,
        }, tx);
        await this.quotas.createFor(created.id, created.tier, tx);
        await this.audit.append({
          ...auditActor(principal), entity: 'organization', action: 'create', resourceId: created.id, organizationId: created.id,
          payload: { name: created.name, slug: created.slug, tier: created.tier },
        }, tx);
        return created;
      });
      return toOrganizationView(row);
    } catch (error) {
      throw slugConflict(error, input.slug);
    }
  }

  /** Administrators see every organisation; everyone else the one they belong to. */
  async list(principal: Principal, filter: { tier?: OrganizationTier | undefined; is_active?: boolean | undefined }): Promise<OrganizationView[]> {
    const rows = await this.repo.list({ tier: filter.tier, isActive: filter.is_active, memberId: principal.isAdmin ? undefined : principal.userId });
    return rows.map(toOrganizationView);
  }

  async update(principal: Principal, organizationId: number, input: OrganizationUpdate): Promise<OrganizationView> {
    assertAdmin(principal);
    if (input.sso_enabled === true) {
      if (!(await this.repo.findById(organizationId))) throw organizationNotFound();
      await this.ssoReadiness(organizationId);
    }
    const changes: OrganizationChanges = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.slug !== undefined) changes.slug = input.slug;
    if (input.tier !== undefined) changes.tier = input.tier;
    if (input.contact_email !== undefined) changes.contactEmail = input.contact_email;
    if (input.description !== undefined) changes.description = input.description;
    if (input.is_active !== undefined) changes.isActive = input.is_active;
    if (input.sso_enabled !== undefined) changes.ssoEnabled = input.sso_enabled;
    try {
      const row = await this.repo.transaction(async (tx) => {
        const before = await this.repo.findById(organizationId, tx);
        if (!before) throw organizationNotFound();
        const updated = (await this.repo.update(organizationId, changes, tx))!;
        if (updated.tier !== before.tier) await this.quotas.applyTier(organizationId, before.tier, updated.tier, tx);
        await this.audit.append({
          ...auditActor(principal), entity: 'organization', action: 'update', resourceId: organizationId, organizationId,
          payload: { changes: { ...input }, previous_tier: before.tier },
        }, tx);
        return updated;
      });
      return toOrganizationView(row);
    } catch (error) {
      throw slugConflict(error, input.slug);
    }
  }

  /** The organisation, for a caller who manages it (platform admins, its owners and admins). */
  async requireManager(principal: Principal, organizationId: number): Promise<OrganizationRow> {
    await this.manager(principal, organizationId, organizationNotFound);
    return (await this.repo.findById(organizationId))!;
  }

  findRow(organizationId: number): Promise<OrganizationRow | undefined> {
    return this.repo.findById(organizationId);
  }

  async teamRowsOf(organizationId: number): Promise<TeamRow[]> {
    return (await this.repo.teamsOfOrganization(organizationId)).map(({ team }) => team);
  }

  async setSsoEnabled(organizationId: number, enabled: boolean, tx: Db): Promise<void> {
    await this.repo.update(organizationId, { ssoEnabled: enabled }, tx);
  }

  /**
   * Seats a member their identity provider vouched for: a newcomer joins the default team (and the teams their groups
   * map to) with `role`, as a seat of the team_members quota; a member already here joins newly mapped teams only.
   */
  async joinThroughSso(tx: Db, userId: number, organizationId: number, mappedTeamIds: number[], role: TeamRole): Promise<void> {
    await this.repo.lockMembership(tx, userId);
    const membership = await this.repo.membershipOf(userId, tx);
    if (membership && membership.organizationId !== organizationId) {
      throw new AppError(409, `This account already belongs to organization ${membership.organizationId}; a user belongs to one organization`, { errorCode: 'SSO_ACCOUNT_CONFLICT', code: 'SSO_ACCOUNT_CONFLICT' });
    }
    const teams = (await this.repo.teamsOfOrganization(organizationId, tx)).map(({ team }) => team);
    const defaultTeam = teams.find((team) => team.isDefault);
    const teamIds = new Set(mappedTeamIds.filter((id) => teams.some((team) => team.id === id)));
    if (!membership && defaultTeam) teamIds.add(defaultTeam.id);
    if (!membership && teamIds.size === 0) {
      throw new AppError(409, `Organization ${organizationId} has no default team for new members, and none of your groups maps to one of its teams`, { errorCode: 'SSO_NO_TEAM', code: 'SSO_NO_TEAM' });
    }
    if (!membership) {
      await this.repo.lockQuotas(tx, organizationId);
      const seats = await this.repo.quotaFor(organizationId, 'team_members', tx);
      const used = await this.repo.memberCount(organizationId, tx);
      if (seats && used + 1 > seats.limit) throw quotaExceeded(`Organization ${organizationId} has no free seat: ${used} of ${seats.limit} members`);
    }
    for (const teamId of teamIds) {
      if (await this.repo.findMember(teamId, userId, tx)) continue;
      await this.repo.addMember({ teamId, userId, role }, tx);
      await this.audit.append({
        actorId: userId, ipAddress: null, userAgent: null, entity: 'team_member', action: 'create', resourceId: teamId, organizationId,
        payload: { user_id: userId, role, through: 'sso' },
      }, tx);
    }
  }

  /** The caller's organisation and role, for rate limits and quotas; undefined outside every organisation. */
  membershipOf(userId: number, tx?: Db): Promise<Membership | undefined> {
    return this.repo.membershipOf(userId, tx);
  }

  /** The caller's teams and their role in each (what a project can be shared with). */
  async myTeams(principal: Principal): Promise<Array<TeamView & { role: TeamRole }>> {
    return (await this.repo.teamsOf(principal.userId)).map(({ team, role }) => ({ ...toTeamView(team), role }));
  }

  /** An organisation's teams, for its members (any role) and administrators; outsiders get the 404 of an unknown organisation. */
  async teamsOf(principal: Principal, organizationId: number): Promise<OrganizationTeamView[]> {
    await this.viewer(principal, organizationId, organizationNotFound);
    return (await this.repo.teamsOfOrganization(organizationId)).map(({ team, memberCount }) => ({
      id: team.id, name: team.name, description: team.description, is_default: team.isDefault, member_count: memberCount, created_at: team.createdAt.toISOString(),
    }));
  }

  /**
   * A team's members, for members of its organisation and administrators (outsiders get the team 404). Emails only
   * for those who manage the team (organisation owners and admins, administrators); null for other members.
   */
  async membersOf(principal: Principal, teamId: number): Promise<TeamMemberListView[]> {
    const team = await this.team(teamId);
    const viewer = await this.viewer(principal, team.organizationId, teamNotFound);
    const seesEmail = viewer.platformAdmin || viewer.role === 'owner' || viewer.role === 'admin';
    return (await this.repo.membersOf(teamId)).map(({ member, username, fullName, email }) => ({
      user_id: member.userId, username, full_name: fullName, email: seesEmail ? email : null, role: member.role, joined_at: member.joinedAt.toISOString(),
    }));
  }

  async createTeam(principal: Principal, input: TeamInput): Promise<TeamView> {
    await this.manager(principal, input.organization_id, organizationNotFound);
    try {
      const row = await this.repo.transaction(async (tx) => {
        const team = await this.repo.createTeam({
          organizationId: input.organization_id, name: input.name, description: input.description ?? null, isDefault: input.is_default ?? false,
        }, tx);
        await this.audit.append({
          ...auditActor(principal), entity: 'team', action: 'create', resourceId: team.id, organizationId: team.organizationId,
          payload: { name: team.name, is_default: team.isDefault },
        }, tx);
        return team;
      });
      return toTeamView(row);
    } catch (error) {
      if (uniqueViolation(error) === 'teams_organization_name_key') throw conflict(`Organization ${input.organization_id} already has a team named "${input.name}"`);
      throw error;
    }
  }

  /** Adds a user to a team. A user outside every organisation joins this one (a seat of its team_members quota). */
  async addMember(principal: Principal, teamId: number, input: { user_id: number; role: TeamRole }): Promise<TeamMemberView> {
    const team = await this.team(teamId);
    const manager = await this.manager(principal, team.organizationId, teamNotFound);
    this.assertOwnerRule(manager, input.role);
    const member = await this.repo.transaction(async (tx) => {
      await this.repo.lockMembership(tx, input.user_id);
      if (!(await this.repo.userExists(input.user_id, tx))) throw notFound(`User ${input.user_id} not found`);
      if (await this.repo.findMember(teamId, input.user_id, tx)) throw conflict(`User ${input.user_id} is already a member of team ${teamId}`);
      const membership = await this.repo.membershipOf(input.user_id, tx);
      if (membership && membership.organizationId !== team.organizationId) {
        throw conflict(`User ${input.user_id} already belongs to organization ${membership.organizationId}; a user belongs to one organization`);
      }
      if (!membership) {
        await this.repo.lockQuotas(tx, team.organizationId);
        const seats = await this.repo.quotaFor(team.organizationId, 'team_members', tx);
        const used = await this.repo.memberCount(team.organizationId, tx);
        if (seats && used + 1 > seats.limit) {
          throw quotaExceeded(`Adding user ${input.user_id} would exceed organisation ${team.organizationId}'s team_members quota: ${used} of ${seats.limit} members`);
        }
      }
      const added = await this.repo.addMember({ teamId, userId: input.user_id, role: input.role }, tx);
      await this.audit.append({
        ...auditActor(principal), entity: 'team_member', action: 'create', resourceId: teamId, organizationId: team.organizationId,
        payload: { user_id: input.user_id, role: input.role },
      }, tx);
      return added;
    });
    await this.quotas.observe(team.organizationId, 'team_members');
    return toMemberView(member);
  }

  async changeRole(principal: Principal, teamId: number, userId: number, role: TeamRole): Promise<TeamMemberView> {
    const team = await this.team(teamId);
    const manager = await this.manager(principal, team.organizationId, teamNotFound);
    const member = await this.repo.transaction(async (tx) => {
      const current = await this.repo.findMember(teamId, userId, tx);
      if (!current) throw memberNotFound(teamId, userId);
      this.assertOwnerRule(manager, role, current.role);
      const updated = (await this.repo.setMemberRole(teamId, userId, role, tx))!;
      await this.audit.append({
        ...auditActor(principal), entity: 'team_member', action: 'role_change', resourceId: teamId, organizationId: team.organizationId,
        payload: { user_id: userId, role: { from: current.role, to: role } },
      }, tx);
      return updated;
    });
    return toMemberView(member);
  }

  async removeMember(principal: Principal, teamId: number, userId: number): Promise<void> {
    const team = await this.team(teamId);
    const manager = await this.manager(principal, team.organizationId, teamNotFound);
    await this.repo.transaction(async (tx) => {
      const current = await this.repo.findMember(teamId, userId, tx);
      if (!current) throw memberNotFound(teamId, userId);
      this.assertOwnerRule(manager, current.role);
      await this.repo.removeMember(teamId, userId, tx);
      await this.audit.append({
        ...auditActor(principal), entity: 'team_member', action: 'delete', resourceId: teamId, organizationId: team.organizationId,
        payload: { user_id: userId, role: current.role },
      }, tx);
    });
    this.projectAccess.changed({ userId });
  }

  /** A team the caller may share projects with: one they belong to (any team for administrators); 404 otherwise. */
  async teamForSharing(principal: Principal, teamId: number): Promise<TeamRow> {
    const team = await this.repo.findTeam(teamId);
    if (!team) throw notFound(`Team ${teamId} not found`);
    if (!principal.isAdmin && !(await this.repo.findMember(teamId, principal.userId))) {
      throw notFound(`Team ${teamId} not found among your teams`);
    }
    return team;
  }

  private async team(teamId: number): Promise<TeamRow> {
    const team = await this.repo.findTeam(teamId);
    if (!team) throw teamNotFound();
    return team;
  }

  /** Platform admins and the organisation's owners and admins; other members get 403, outsiders the `hidden` 404. */
  private async manager(principal: Principal, organizationId: number, hidden: () => AppError): Promise<Manager> {
    if (principal.isAdmin) {
      if (!(await this.repo.findById(organizationId))) throw hidden();
      return { platformAdmin: true };
    }
    const membership = await this.repo.membershipOf(principal.userId);
    if (membership?.organizationId !== organizationId) throw hidden();
    if (membership.role !== 'owner' && membership.role !== 'admin') {
      throw forbidden(`Only owners and admins of organization ${organizationId} manage its teams; your role is ${membership.role}`);
    }
    return { platformAdmin: false, role: membership.role };
  }

  /** Platform admins and members of the organisation (any role); outsiders get the `hidden` 404. */
  private async viewer(principal: Principal, organizationId: number, hidden: () => AppError): Promise<Manager> {
    if (principal.isAdmin) {
      if (!(await this.repo.findById(organizationId))) throw hidden();
      return { platformAdmin: true };
    }
    const membership = await this.repo.membershipOf(principal.userId);
    if (membership?.organizationId !== organizationId) throw hidden();
    return { platformAdmin: false, role: membership.role };
  }

  /** Only organisation owners (and platform admins) grant the owner role or change or remove an owner. */
  private assertOwnerRule(manager: Manager, ...roles: TeamRole[]): void {
    if (manager.platformAdmin || manager.role === 'owner' || !roles.includes('owner')) return;
    throw forbidden('Only organization owners can grant, change or remove the owner role');
  }
}
