import type { JsonBody, Schemas } from '@resoftai/sdk';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { ErrorBanner, Field, FormError, Loading, ProgressBar } from '../../components/ui.tsx';
import { useAction, useResource } from '../../hooks/resource.ts';
import { useSession } from '../../hooks/session.tsx';
import { useI18n } from '../../i18n.tsx';
import { NotFound } from '../NotFound.tsx';
import { OrganizationAudit } from './OrganizationAudit.tsx';
import { SingleSignOn } from './SingleSignOn.tsx';
import { Teams } from './Teams.tsx';
import { isPageRefusal, PageFailure, useFormats } from './shared.tsx';
import './enterprise.css';

type Organization = Schemas['Organization'];
type Tier = Organization['tier'];
export type TeamRole = Schemas['MyTeam']['role'];
type Quota = Schemas['Quota'];
const TIERS: Tier[] = ['free', 'starter', 'professional', 'enterprise'];
/** Strongest first: a user's organisation role is the strongest of their team roles there. */
export const TEAM_ROLES: TeamRole[] = ['owner', 'admin', 'member', 'viewer'];

/** Organisations: administrators see and create every one, everyone else sees their own. */
export function Organizations() {
  const { t } = useI18n();
  const formats = useFormats();
  const { user } = useSession();
  const list = useResource(() => api.organizations.list(), 'organizations');
  if (isPageRefusal(list.error)) return <PageFailure error={list.error} onRetry={list.reload} />;
  return (
    <>
      <div className="page-head"><div><h1>{t('enterprise.orgs.title')}</h1><p className="muted">{t('enterprise.orgs.text')}</p></div></div>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data?.length === 0 && <p className="empty">{user?.role === 'admin' ? t('enterprise.orgs.emptyAdmin') : t('enterprise.orgs.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <table className="table">
          <thead><tr><th>{t('enterprise.orgs.name')}</th><th>{t('enterprise.orgs.slug')}</th><th>{t('enterprise.orgs.tier')}</th><th>{t('enterprise.orgs.state')}</th><th>{t('projects.created')}</th></tr></thead>
          <tbody>
            {list.data.map((organization) => (
              <tr key={organization.id}>
                <td className="enterprise-wrap"><Link to={`/organizations/${organization.id}`}><strong>{organization.name}</strong></Link></td>
                <td className="mono small">{organization.slug}</td>
                <td>{t(`enterprise.tier.${organization.tier}`)}</td>
                <td>{organization.is_active ? t('enterprise.orgs.active') : <span className="badge badge-cancelled">{t('enterprise.orgs.inactive')}</span>}</td>
                <td>{formats.dateTime(organization.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {user?.role === 'admin' && <NewOrganization />}
    </>
  );
}

function NewOrganization() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form, setForm] = useState({ name: '', slug: '', tier: 'free' as Tier, contact_email: '', description: '' });
  const create = useAction(async () => {
    const created = await api.organizations.create({
      name: form.name, slug: form.slug, tier: form.tier, contact_email: form.contact_email.trim() || null, description: form.description.trim() || null,
    });
    await navigate(`/organizations/${created.id}`);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="new-organization">
      <h2 id="new-organization">{t('enterprise.orgs.new')}</h2>
      <OrganizationFields form={form} setForm={setForm} error={create.error} />
      <FormError error={create.error} />
      <div className="actions"><button type="submit" className="button button-primary" disabled={create.busy}>{t('enterprise.orgs.create')}</button></div>
    </form>
  );
}

interface OrganizationForm {
  name: string;
  slug: string;
  tier: Tier;
  contact_email: string;
  description: string;
}

function OrganizationFields<F extends OrganizationForm>({ form, setForm, error }: { form: F; setForm: (form: F) => void; error: Parameters<typeof Field>[0]['error'] }) {
  const { t } = useI18n();
  const set = (field: keyof OrganizationForm) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });
  return (
    <>
      <div className="field-row">
        <Field label={t('enterprise.orgs.name')} name="name" error={error}>
          {(props) => <input {...props} value={form.name} onChange={set('name')} maxLength={200} required />}
        </Field>
        <Field label={t('enterprise.orgs.slug')} name="slug" error={error} hint={t('enterprise.orgs.slugHint')}>
          {(props) => <input {...props} className="mono" value={form.slug} onChange={set('slug')} maxLength={100} required />}
        </Field>
      </div>
      <div className="field-row">
        <Field label={t('enterprise.orgs.tier')} name="tier" error={error} hint={t('enterprise.orgs.tierHint')}>
          {(props) => (
            <select {...props} value={form.tier} onChange={set('tier')}>
              {TIERS.map((tier) => <option key={tier} value={tier}>{t(`enterprise.tier.${tier}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('enterprise.orgs.contact')} name="contact_email" error={error}>
          {(props) => <input {...props} type="email" value={form.contact_email} onChange={set('contact_email')} maxLength={254} />}
        </Field>
      </div>
      <Field label={t('enterprise.orgs.description')} name="description" error={error}>
        {(props) => <textarea {...props} rows={3} value={form.description} onChange={set('description')} />}
      </Field>
    </>
  );
}

/** One organisation: settings, quotas, teams and members, and its audit log for those who manage it. */
export function OrganizationPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const organizationId = Number(useParams().orgId);
  const list = useResource(() => api.organizations.list(), 'organizations');
  const myTeams = useResource(() => api.teams.list(), 'my-teams');
  // Team changes use seats of the team_members quota: its bar is loaded again after each.
  const [teamChanges, setTeamChanges] = useState(0);
  if (isPageRefusal(list.error)) return <PageFailure error={list.error} onRetry={list.reload} />;
  if (!list.data) return list.error ? <ErrorBanner error={list.error} onRetry={list.reload} /> : <Loading />;
  const organization = list.data.find((one) => one.id === organizationId);
  if (!organization) return <NotFound />;
  const isAdmin = user?.role === 'admin';
  const teams = myTeams.data?.filter((team) => team.organization_id === organizationId) ?? [];
  const myRole = TEAM_ROLES.find((role) => teams.some((team) => team.role === role));
  const manages = isAdmin || myRole === 'owner' || myRole === 'admin';
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small"><Link to="/organizations">{t('enterprise.orgs.back')}</Link></p>
          <h1 className="enterprise-wrap">{organization.name}</h1>
          <p className="muted">
            <span className="mono">{organization.slug}</span> · {t(`enterprise.tier.${organization.tier}`)}
            {myRole && <> · {t('enterprise.orgs.yourRole', { role: t(`enterprise.role.${myRole}`) })}</>}
          </p>
        </div>
      </div>
      {organization.description && <p className="enterprise-long">{organization.description}</p>}
      {isAdmin && <OrganizationSettings key={organization.updated_at} organization={organization} onSaved={list.reload} />}
      {manages && <SingleSignOn organization={organization} onChange={list.reload} />}
      <Quotas organizationId={organizationId} isAdmin={isAdmin} changes={teamChanges} />
      <ErrorBanner error={myTeams.error} onRetry={myTeams.reload} />
      <Teams organizationId={organizationId} myRoles={new Map(teams.map((team) => [team.id, team.role]))} manages={manages} grantsOwner={isAdmin || myRole === 'owner'} onChange={() => { myTeams.reload(); setTeamChanges((count) => count + 1); }} />
      {manages && <OrganizationAudit organizationId={organizationId} changes={teamChanges} />}
    </>
  );
}

/** Settings: the server lets administrators change them (single sign-on has its own panel). */
function OrganizationSettings({ organization, onSaved }: { organization: Organization; onSaved: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    name: organization.name, slug: organization.slug, tier: organization.tier,
    contact_email: organization.contact_email ?? '', description: organization.description ?? '', is_active: organization.is_active,
  });
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    const body: JsonBody<'putOrganizationsByOrgId'> = {
      name: form.name, slug: form.slug, tier: form.tier, contact_email: form.contact_email.trim() || null, description: form.description.trim() || null, is_active: form.is_active,
    };
    await api.organizations.update(organization.id, body);
    setSaved(true);
    onSaved();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void save.run();
  };
  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="organization-settings">
      <h2 id="organization-settings">{t('enterprise.orgs.settings')}</h2>
      <OrganizationFields form={form} setForm={setForm} error={save.error} />
      <label className="check"><input type="checkbox" checked={form.is_active} onChange={(event) => setForm({ ...form, is_active: event.target.checked })} />{t('enterprise.orgs.isActive')}</label>
      <FormError error={save.error} />
      {saved && <p className="banner banner-ok" role="status">{t('enterprise.orgs.saved')}</p>}
      <div className="actions"><button type="submit" className="button button-primary" disabled={save.busy}>{t('common.save')}</button></div>
    </form>
  );
}

function Quotas({ organizationId, isAdmin, changes }: { organizationId: number; isAdmin: boolean; changes: number }) {
  const { t } = useI18n();
  const formats = useFormats();
  const quotas = useResource(() => api.quotas.list({ organization_id: organizationId }), `quotas/${organizationId}/${changes}`);
  const amount = (quota: Quota, value: number) => (quota.resource_type === 'storage' ? formatBytes(value, formats.decimal) : formats.integer(value));
  return (
    <section className="card" aria-labelledby="quotas">
      <h2 id="quotas">{t('enterprise.quotas.title')}</h2>
      <ErrorBanner error={quotas.error} onRetry={quotas.reload} />
      {!quotas.data && !quotas.error && <Loading />}
      {quotas.data?.length === 0 && <p className="empty">{t('enterprise.quotas.empty')}</p>}
      <ul className="enterprise-quotas">
        {quotas.data?.map((quota) => {
          const share = quota.limit > 0 ? (quota.used / quota.limit) * 100 : 100;
          const label = t(`enterprise.quota.${quota.resource_type}`);
          return (
            <li key={quota.id} data-quota={quota.resource_type} className={share >= 100 ? 'enterprise-quota-full' : share >= 80 ? 'enterprise-quota-high' : ''}>
              <p className="enterprise-gauge-label">
                <strong>{label}</strong>
                <span>{t('enterprise.quotas.usage', { used: amount(quota, quota.used), limit: amount(quota, quota.limit), percent: formats.decimal(share) })}</span>
              </p>
              <ProgressBar value={share} label={label} />
              <p className="muted small">
                {quota.reset_at ? t('enterprise.quotas.resets', { time: formats.dateTime(quota.reset_at) }) : t('enterprise.quotas.noReset')}
              </p>
              {isAdmin && <QuotaLimit quota={quota} onSaved={quotas.reload} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** An administrator's limit change; the server accepts a limit below current use and says so. */
function QuotaLimit({ quota, onSaved }: { quota: Quota; onSaved: () => void }) {
  const { t } = useI18n();
  const [limit, setLimit] = useState(String(quota.limit));
  const [warning, setWarning] = useState<string | null>(null);
  const save = useAction(async () => {
    const answer = await api.quotas.update(quota.id, { limit: Number(limit) });
    setWarning(answer.warning);
    onSaved();
  });
  return (
    <form className="form form-inline enterprise-quota-form" onSubmit={(event) => { event.preventDefault(); void save.run(); }} noValidate>
      <Field label={t('enterprise.quotas.limit', { resource: t(`enterprise.quota.${quota.resource_type}`) })} name="limit" error={save.error}>
        {(props) => <input {...props} type="number" min={0} value={limit} onChange={(event) => setLimit(event.target.value)} />}
      </Field>
      <button type="submit" className="button button-small" disabled={save.busy}>{t('enterprise.quotas.setLimit')}</button>
      <FormError error={save.error} />
      {warning && <p className="banner banner-info">{warning}</p>}
    </form>
  );
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

function formatBytes(bytes: number, format: (value: number) => string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${format(value)} ${BYTE_UNITS[unit]}`;
}
