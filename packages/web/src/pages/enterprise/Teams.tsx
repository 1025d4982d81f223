import type { Schemas } from '@resoftai/sdk';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorBanner, Field, FormError, Loading } from '../../components/ui.tsx';
import { useAction, useResource } from '../../hooks/resource.ts';
import { useI18n } from '../../i18n.tsx';
import { TEAM_ROLES, type TeamRole } from './Organizations.tsx';
import { useFormats } from './shared.tsx';

type Team = Schemas['OrganizationTeam'];
type Member = Schemas['TeamMemberListing'];

/**
 * Every team of the organisation (`GET /api/organizations/{id}/teams`) with its members (`GET /api/teams/{id}/members`),
 * for its members and administrators. Those who manage the organisation add members, change roles and remove them.
 */
export function Teams({ organizationId, myRoles, manages, grantsOwner, onChange }: {
  organizationId: number;
  /** The caller's role in each team they belong to, by team id. */
  myRoles: ReadonlyMap<number, TeamRole>;
  manages: boolean;
  grantsOwner: boolean;
  onChange: () => void;
}) {
  const { t } = useI18n();
  const [changes, setChanges] = useState(0);
  const teams = useResource(() => api.organizations.teams(organizationId), `org-teams/${organizationId}/${changes}`);
  const changed = () => {
    setChanges((count) => count + 1);
    onChange();
  };
  return (
    <section className="card" aria-labelledby="teams">
      <h2 id="teams">{t('enterprise.teams.title')}</h2>
      <ErrorBanner error={teams.error} onRetry={teams.reload} />
      {!teams.data && !teams.error && <Loading />}
      {teams.data?.length === 0 && <p className="empty">{manages ? t('enterprise.teams.emptyManager') : t('enterprise.teams.empty')}</p>}
      {teams.data?.map((team) => (
        <TeamCard key={team.id} team={team} role={myRoles.get(team.id)} manages={manages} grantsOwner={grantsOwner} changes={changes} onChange={changed} />
      ))}
      {manages && <NewTeam organizationId={organizationId} onCreated={changed} />}
    </section>
  );
}

function NewTeam({ organizationId, onCreated }: { organizationId: number; onCreated: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useAction(async () => {
    await api.teams.create({ organization_id: organizationId, name, description: description.trim() || null });
    setName('');
    setDescription('');
    onCreated();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  return (
    <form className="form enterprise-subform" onSubmit={submit} noValidate aria-labelledby="new-team">
      <h3 id="new-team">{t('enterprise.teams.new')}</h3>
      <div className="field-row">
        <Field label={t('enterprise.teams.name')} name="name" error={create.error}>
          {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} maxLength={200} required />}
        </Field>
        <Field label={t('enterprise.teams.description')} name="description" error={create.error}>
          {(props) => <input {...props} value={description} onChange={(event) => setDescription(event.target.value)} />}
        </Field>
      </div>
      <FormError error={create.error} />
      <div className="actions"><button type="submit" className="button button-primary" disabled={create.busy}>{t('enterprise.teams.create')}</button></div>
    </form>
  );
}

function RoleSelect({ id, value, onChange, grantsOwner, ...rest }: { id: string; value: TeamRole; onChange: (role: TeamRole) => void; grantsOwner: boolean; name?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string; 'aria-label'?: string }) {
  const { t } = useI18n();
  return (
    <select id={id} {...rest} value={value} onChange={(event) => onChange(event.target.value as TeamRole)}>
      {TEAM_ROLES.filter((role) => grantsOwner || role !== 'owner' || value === 'owner').map((role) => <option key={role} value={role}>{t(`enterprise.role.${role}`)}</option>)}
    </select>
  );
}

/** How a member is named: their full name with the username, else the username. */
const memberName = (member: Member) => (member.full_name ? `${member.full_name} (${member.username})` : member.username);

function TeamCard({ team, role, manages, grantsOwner, changes, onChange }: {
  team: Team;
  role: TeamRole | undefined;
  manages: boolean;
  grantsOwner: boolean;
  changes: number;
  onChange: () => void;
}) {
  const { t } = useI18n();
  const formats = useFormats();
  const members = useResource(() => api.teams.members(team.id), `team-members/${team.id}/${changes}`);
  const [userId, setUserId] = useState('');
  const [newRole, setNewRole] = useState<TeamRole>('member');
  const add = useAction(async () => {
    await api.teams.addMember(team.id, { user_id: Number(userId), role: newRole });
    setUserId('');
    onChange();
  });
  const changeRole = useAction(async (member: Member, next: TeamRole) => {
    await api.teams.setMemberRole(team.id, member.user_id, { role: next });
    onChange();
  });
  const remove = useAction(async (member: Member) => {
    await api.teams.removeMember(team.id, member.user_id);
    onChange();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void add.run();
  };
  const rows = members.data ?? [];
  const showsEmail = rows.some((member) => member.email !== null);
  return (
    <article className="enterprise-team" aria-labelledby={`team-${team.id}`} data-team={team.name}>
      <div className="card-head">
        <div>
          <h3 id={`team-${team.id}`} className="enterprise-team-name">{team.name}{team.is_default && <span className="badge">{t('enterprise.teams.default')}</span>}</h3>
          <span className="muted small">{team.member_count === 1 ? t('enterprise.teams.oneMember') : t('enterprise.teams.memberCount', { count: team.member_count })}</span>
        </div>
        {role && <span className="badge badge-running">{t('enterprise.teams.yourRole', { role: t(`enterprise.role.${role}`) })}</span>}
      </div>
      {team.description && <p className="muted enterprise-wrap">{team.description}</p>}
      <ErrorBanner error={members.error ?? changeRole.error ?? remove.error} onRetry={members.reload} />
      {!members.data && !members.error && <Loading />}
      {members.data?.length === 0 && <p className="empty">{t('enterprise.teams.noMembers')}</p>}
      {rows.length > 0 && (
        <table className="table">
          <caption className="enterprise-caption">{t('enterprise.teams.membersOf', { team: team.name })}</caption>
          <thead>
            <tr>
              <th>{t('enterprise.teams.member')}</th>
              {showsEmail && <th>{t('enterprise.teams.email')}</th>}
              <th>{t('enterprise.teams.role')}</th>
              <th>{t('enterprise.teams.joined')}</th>
              {manages && <th><span className="sr-only">{t('enterprise.teams.remove')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((member) => (
              <tr key={member.user_id} data-member={member.username}>
                <th scope="row">{memberName(member)} <span className="muted small">#{member.user_id}</span></th>
                {showsEmail && <td className="enterprise-wrap">{member.email ?? '—'}</td>}
                <td>
                  {manages
                    ? <RoleSelect id={`role-${team.id}-${member.user_id}`} aria-label={t('enterprise.teams.roleOf', { user: member.username })} value={member.role} grantsOwner={grantsOwner} onChange={(next) => void changeRole.run(member, next)} />
                    : t(`enterprise.role.${member.role}`)}
                </td>
                <td>{formats.dateTime(member.joined_at)}</td>
                {manages && (
                  <td>
                    <button
                      type="button"
                      className="button button-small button-ghost"
                      aria-label={t('enterprise.teams.removeOne', { user: member.username })}
                      onClick={() => {
                        if (window.confirm(t('enterprise.teams.confirmRemove', { user: member.username, team: team.name }))) void remove.run(member);
                      }}
                    >
                      {t('enterprise.teams.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manages && (
        <>
          <form className="form form-inline enterprise-member-form" onSubmit={submit} noValidate aria-label={t('enterprise.teams.addTo', { team: team.name })}>
            <Field label={t('enterprise.teams.userId')} name="user_id" error={add.error}>
              {(props) => <input {...props} type="number" min={1} value={userId} onChange={(event) => setUserId(event.target.value)} required />}
            </Field>
            <Field label={t('enterprise.teams.role')} name="role" error={add.error}>
              {(props) => <RoleSelect {...props} value={newRole} onChange={setNewRole} grantsOwner={grantsOwner} />}
            </Field>
            <button type="submit" className="button button-primary" disabled={add.busy}>{t('enterprise.teams.add')}</button>
          </form>
          <FormError error={add.error} />
        </>
      )}
    </article>
  );
}
