import type { Schemas } from '@resoftai/sdk';
import { type FormEvent, useState } from 'react';
import { api, type ApiError } from '../../api/client.ts';
import { sso, SSO_ROLES, type SsoRole, type SsoSettings, type SsoTestResult } from '../../api/sso.ts';
import { ErrorBanner, Field, FormError, Loading } from '../../components/ui.tsx';
import { useAction, useResource } from '../../hooks/resource.ts';
import { useI18n } from '../../i18n.tsx';

type Organization = Schemas['Organization'];
type Team = Schemas['OrganizationTeam'];

/** The body fields the form has a control for: the server's messages for them show under the control. */
const PLACED_FIELDS = ['issuer', 'client_id', 'client_secret', 'allowed_domains', 'default_role', 'group_claim', 'enforce'];

/** A group → team row as the form holds it: the team's id as the select's text, '' until one is chosen. */
interface Mapping {
  group: string;
  team: string;
}

/**
 * The organisation's single sign-on (OpenID Connect) for those who manage it: the URLs to register at the provider,
 * the settings, a discovery test of the saved settings, and switching sign-in through the provider on and off.
 */
export function SingleSignOn({ organization, onChange }: { organization: Organization; onChange: () => void }) {
  const { t } = useI18n();
  const loaded = useResource(() => sso.get(organization.id), `sso/${organization.id}`);
  // The view the last save or switch answered with; a save also starts the form afresh from it (a switch leaves the form as it is).
  const [latest, setLatest] = useState<{ view: SsoSettings; saves: number }>();
  const view = latest?.view ?? loaded.data;
  const saves = latest?.saves ?? 0;
  const teams = useResource(() => api.organizations.teams(organization.id), `org-teams/${organization.id}`);
  const [saved, setSaved] = useState(false);
  const [tested, setTested] = useState<SsoTestResult>();
  const test = useAction(async () => {
    setTested(undefined);
    setTested(await sso.test(organization.id));
  });
  // Through the settings route rather than PUT /api/organizations/{id}: that one is for platform administrators only.
  const toggle = useAction(async (stored: SsoSettings & { issuer: string; client_id: string }) => {
    setLatest({ view: await sso.setEnabled(organization.id, stored, !stored.enabled), saves });
    onChange();
  });
  const enabled = view?.enabled ?? organization.sso_enabled;
  const stored = view?.issuer && view.client_id ? { ...view, issuer: view.issuer, client_id: view.client_id } : undefined;
  return (
    <section className="card" aria-labelledby="sso" data-sso-state={enabled ? 'enabled' : 'disabled'}>
      <div className="card-head">
        <h2 id="sso">{t('enterprise.sso.title')}</h2>
        <span className={`badge ${enabled ? 'badge-completed' : ''}`}>{enabled ? t('enterprise.sso.on') : t('enterprise.sso.off')}</span>
      </div>
      <p className="muted">{t('enterprise.sso.text')}</p>
      <ErrorBanner error={loaded.error ?? teams.error} onRetry={loaded.error ? loaded.reload : teams.reload} />
      {!view && !loaded.error && <Loading />}
      {view && (
        <>
          <dl className="enterprise-facts enterprise-sso-urls">
            <CopyableUrl label={t('enterprise.sso.redirectUri')} hint={t('enterprise.sso.redirectUriHint')} value={view.redirect_uri} />
            <CopyableUrl label={t('enterprise.sso.startUrl')} hint={t('enterprise.sso.startUrlHint')} value={view.start_url} />
          </dl>
          {!view.configured && <p className="banner banner-info">{t('enterprise.sso.notConfigured')}</p>}
          {saved && <p className="banner banner-ok" role="status">{t('enterprise.sso.saved')}</p>}
          <SettingsForm
            key={saves}
            organizationId={organization.id}
            settings={view}
            teams={teams.data ?? []}
            onSaved={(next) => {
              setSaved(true);
              setTested(undefined);
              test.clearError();
              toggle.clearError();
              setLatest({ view: next, saves: saves + 1 });
            }}
            onEdit={() => setSaved(false)}
          />
          <div className="enterprise-subform">
            <p className="hint">{t('enterprise.sso.testHint')}</p>
            <div className="actions enterprise-actions-start">
              <button type="button" className="button" disabled={test.busy} onClick={() => void test.run()}>{t('enterprise.sso.test')}</button>
            </div>
            <ErrorBanner error={test.error} />
            {tested && <TestResult result={tested} />}
          </div>
          <div className="enterprise-subform">
            <p className="muted">{enabled ? t('enterprise.sso.enabledText') : t('enterprise.sso.disabledText')}</p>
            <div className="actions enterprise-actions-start">
              <button type="button" className={`button ${enabled ? 'button-danger' : 'button-primary'}`} disabled={toggle.busy || !stored} onClick={() => stored && void toggle.run(stored)}>
                {enabled ? t('enterprise.sso.disable') : t('enterprise.sso.enable')}
              </button>
            </div>
            <ErrorBanner error={toggle.error} />
          </div>
        </>
      )}
    </section>
  );
}

function CopyableUrl({ label, hint, value }: { label: string; hint: string; value: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <span className="enterprise-sso-url">
          <code>{value}</code>
          <button type="button" className="button button-small" aria-label={t('enterprise.sso.copyOf', { name: label })} onClick={() => void navigator.clipboard.writeText(value).then(() => setCopied(true))}>
            {copied ? t('common.copied') : t('common.copy')}
          </button>
        </span>
        <span className="hint">{hint}</span>
      </dd>
    </>
  );
}

function TestResult({ result }: { result: SsoTestResult }) {
  const { t } = useI18n();
  return (
    <div className="banner banner-ok enterprise-sso-test" role="status">
      <strong>{t('enterprise.sso.testOk')}</strong>
      <dl className="enterprise-facts">
        <dt>{t('enterprise.sso.testIssuer')}</dt><dd className="mono">{result.issuer}</dd>
        <dt>{t('enterprise.sso.testAuthorization')}</dt><dd className="mono">{result.authorization_endpoint}</dd>
        <dt>{t('enterprise.sso.testToken')}</dt><dd className="mono">{result.token_endpoint}</dd>
        <dt>{t('enterprise.sso.testKeys')}</dt><dd>{result.jwks_keys}</dd>
      </dl>
    </div>
  );
}

/** Domains as typed: separated by commas, semicolons or white space (one a line). */
const domainsOf = (text: string) => text.split(/[\s,;]+/).map((domain) => domain.trim()).filter(Boolean);

/**
 * The server's messages no control shows (a mapping row shows its own): an allowed domain's names the domain as typed,
 * anything else its place in the body.
 */
function unplacedProblems(error: ApiError | undefined, domains: string[]): string[] {
  return (error?.fields ?? [])
    .filter((problem) => problem.loc[1] !== 'group_teams' && !PLACED_FIELDS.includes(String(problem.loc.at(-1))))
    .map((problem) => {
      const [, field, index] = problem.loc;
      if (field === 'allowed_domains' && index !== undefined) return `“${domains[Number(index)] ?? ''}”: ${problem.msg}`;
      return `${problem.loc.slice(1).join('.')}: ${problem.msg}`;
    });
}

function SettingsForm({ organizationId, settings, teams, onSaved, onEdit }: {
  organizationId: number;
  settings: SsoSettings;
  teams: Team[];
  onSaved: (view: SsoSettings) => void;
  onEdit: () => void;
}) {
  const { t } = useI18n();
  const [form, setFormState] = useState({
    issuer: settings.issuer ?? '',
    client_id: settings.client_id ?? '',
    client_secret: '',
    allowed_domains: settings.allowed_domains.join(', '),
    default_role: settings.default_role,
    group_claim: settings.group_claim ?? '',
    enforce: settings.enforce,
  });
  const [mappings, setMappingsState] = useState<Mapping[]>(settings.group_teams.map((mapping) => ({ group: mapping.group, team: String(mapping.team_id) })));
  const setForm = (next: typeof form) => {
    setFormState(next);
    onEdit();
  };
  const setMappings = (next: Mapping[]) => {
    setMappingsState(next);
    onEdit();
  };
  const save = useAction(async () => {
    onSaved(await sso.save(organizationId, {
      issuer: form.issuer.trim(),
      client_id: form.client_id.trim(),
      ...(form.client_secret === '' ? {} : { client_secret: form.client_secret }),
      allowed_domains: domainsOf(form.allowed_domains),
      default_role: form.default_role,
      group_claim: form.group_claim.trim() || null,
      group_teams: mappings
        .filter((mapping) => mapping.group.trim() !== '' || mapping.team !== '')
        .map((mapping) => ({ group: mapping.group.trim(), team_id: Number(mapping.team) })),
      enforce: form.enforce,
    }));
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  const text = (field: 'issuer' | 'client_id' | 'client_secret' | 'allowed_domains' | 'group_claim') =>
    (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });
  const rowProblem = (index: number) => save.error?.fields
    // Schema checks give the index as text, the service's own checks as a number.
    .filter((problem) => problem.loc[1] === 'group_teams' && String(problem.loc[2]) === String(index))
    .map((problem) => problem.msg)
    .join(' · ');
  const unplaced = unplacedProblems(save.error, domainsOf(form.allowed_domains));
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('enterprise.sso.title')}>
      <div className="field-row">
        <Field label={t('enterprise.sso.issuer')} name="issuer" error={save.error} hint={t('enterprise.sso.issuerHint')}>
          {(props) => <input {...props} type="url" className="mono" value={form.issuer} onChange={text('issuer')} maxLength={500} required />}
        </Field>
        <Field label={t('enterprise.sso.clientId')} name="client_id" error={save.error}>
          {(props) => <input {...props} className="mono" autoComplete="off" value={form.client_id} onChange={text('client_id')} maxLength={500} required />}
        </Field>
      </div>
      <Field label={t('enterprise.sso.clientSecret')} name="client_secret" error={save.error}>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            value={form.client_secret}
            placeholder={settings.client_secret_set ? t('enterprise.sso.secretKeep') : t('enterprise.sso.secretEnter')}
            onChange={text('client_secret')}
          />
        )}
      </Field>
      <div className="enterprise-secret-state">
        <span className={`badge ${settings.client_secret_set ? 'badge-completed' : ''}`} data-secret-state={settings.client_secret_set ? 'set' : 'unset'}>
          {settings.client_secret_set ? t('enterprise.sso.secretSet') : t('enterprise.sso.secretNotSet')}
        </span>
      </div>
      <Field label={t('enterprise.sso.domains')} name="allowed_domains" error={save.error} hint={t('enterprise.sso.domainsHint')}>
        {(props) => <textarea {...props} className="mono" rows={2} value={form.allowed_domains} onChange={text('allowed_domains')} />}
      </Field>
      <div className="field-row">
        <Field label={t('enterprise.sso.defaultRole')} name="default_role" error={save.error} hint={t('enterprise.sso.defaultRoleHint')}>
          {(props) => (
            <select {...props} value={form.default_role} onChange={(event) => setForm({ ...form, default_role: event.target.value as SsoRole })}>
              {SSO_ROLES.map((role) => <option key={role} value={role}>{t(`enterprise.role.${role}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('enterprise.sso.groupClaim')} name="group_claim" error={save.error} hint={t('enterprise.sso.groupClaimHint')}>
          {(props) => <input {...props} className="mono" value={form.group_claim} onChange={text('group_claim')} maxLength={200} />}
        </Field>
      </div>
      <fieldset className="enterprise-sso-mappings">
        <legend>{t('enterprise.sso.groupTeams')}</legend>
        <p className="hint">{t('enterprise.sso.groupTeamsHint')}</p>
        {mappings.length === 0 && <p className="muted small">{t('enterprise.sso.noMappings')}</p>}
        {mappings.map((mapping, index) => {
          const number = index + 1;
          const problem = rowProblem(index);
          const update = (change: Partial<Mapping>) => setMappings(mappings.map((one, at) => (at === index ? { ...one, ...change } : one)));
          return (
            // Rows have no identity of their own: added at the end, removed by position.
            <div className="enterprise-sso-mapping" key={index} data-mapping={number}>
              <input aria-label={t('enterprise.sso.groupOf', { number })} placeholder={t('enterprise.sso.group')} className="mono" value={mapping.group} onChange={(event) => update({ group: event.target.value })} maxLength={200} aria-invalid={Boolean(problem)} />
              <span aria-hidden="true">→</span>
              <select aria-label={t('enterprise.sso.teamOf', { number })} value={mapping.team} onChange={(event) => update({ team: event.target.value })} aria-invalid={Boolean(problem)}>
                <option value="">{t('enterprise.sso.chooseTeam')}</option>
                {mapping.team !== '' && !teams.some((team) => String(team.id) === mapping.team) && <option value={mapping.team}>#{mapping.team}</option>}
                {teams.map((team) => <option key={team.id} value={String(team.id)}>{team.name}</option>)}
              </select>
              <button type="button" className="button button-small button-ghost" aria-label={t('enterprise.sso.removeMapping', { number })} onClick={() => setMappings(mappings.filter((_, at) => at !== index))}>×</button>
              {problem && <p className="field-error" role="alert">{problem}</p>}
            </div>
          );
        })}
        <div className="actions enterprise-actions-start">
          <button type="button" className="button button-small" onClick={() => setMappings([...mappings, { group: '', team: '' }])}>{t('enterprise.sso.addMapping')}</button>
        </div>
      </fieldset>
      <label className="check"><input type="checkbox" name="enforce" checked={form.enforce} onChange={(event) => setForm({ ...form, enforce: event.target.checked })} />{t('enterprise.sso.enforce')}</label>
      <FormError error={save.error} />
      {unplaced.length > 0 && <div className="banner banner-error" role="alert">{unplaced.join(' · ')}</div>}
      <div className="actions"><button type="submit" className="button button-primary" disabled={save.busy}>{t('enterprise.sso.save')}</button></div>
    </form>
  );
}
