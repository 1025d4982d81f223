import type { Schemas } from '@resoftai/sdk';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorBanner, Field, FormError, Loading } from '../../components/ui.tsx';
import { useAction, useResource } from '../../hooks/resource.ts';
import { useI18n } from '../../i18n.tsx';
import { useFormats } from './shared.tsx';

type Spec = Schemas['PluginSettingSpec'];
type Current = Awaited<ReturnType<typeof api.plugins.settings>>;
/** A control's value: text for strings, integers and enums (what the input holds), a boolean for checkboxes. */
type Value = string | boolean;

const isSecret = (spec: Spec) => spec.type === 'string' && spec.secret;

/** What the form starts with: the stored value, else the manifest's default, else empty. Secrets always start empty. */
function initialValue(spec: Spec, current: Current, name: string): Value {
  if (isSecret(spec)) return '';
  const stored = current.settings[name];
  if (spec.type === 'boolean') return typeof stored === 'boolean' ? stored : false;
  return stored === undefined || stored === null ? '' : String(stored);
}

/** A changed control's value as the server wants it: typed, `null` to remove the stored value. */
function patchValue(spec: Spec, value: Value): unknown {
  if (typeof value === 'boolean') return value;
  if (value.trim() === '') return null;
  // A number the browser could not read stays text, so the server names the setting it refuses.
  if (spec.type === 'integer') return Number.isInteger(Number(value)) ? Number(value) : value;
  return value;
}

/**
 * The installed plugin's settings as a form made from the installed version's specs (`GET /api/plugins/{slug}/settings`),
 * pre-filled with the stored values. Secret values never come back: the form shows whether each is set, and a value
 * typed in replaces it.
 */
export function PluginSettings({ slug }: { slug: string }) {
  const { t } = useI18n();
  const formats = useFormats();
  const [saves, setSaves] = useState(0);
  const [savedAt, setSavedAt] = useState<string>();
  const current = useResource(() => api.plugins.settings(slug), `plugin-settings/${slug}/${saves}`);
  return (
    <section className="card" aria-labelledby="plugin-settings">
      <h2 id="plugin-settings">{t('enterprise.settings.title')}</h2>
      {savedAt && <p className="banner banner-ok" role="status">{t('enterprise.settings.saved', { time: formats.dateTime(savedAt) })}</p>}
      <ErrorBanner error={current.error} onRetry={current.reload} />
      {!current.data && !current.error && <Loading />}
      {current.data && Object.keys(current.data.specs).length === 0 && <p className="empty">{t('enterprise.settings.none')}</p>}
      {current.data && Object.keys(current.data.specs).length > 0 && (
        <SettingsForm key={current.data.updated_at} slug={slug} current={current.data} onSaved={(at) => {
          setSavedAt(at);
          setSaves((count) => count + 1);
        }} />
      )}
    </section>
  );
}

function SettingsForm({ slug, current, onSaved }: { slug: string; current: Current; onSaved: (updatedAt: string) => void }) {
  const { t } = useI18n();
  const specs = Object.entries(current.specs);
  const [initial] = useState(() => Object.fromEntries(specs.map(([name, spec]) => [name, initialValue(spec, current, name)])));
  const [values, setValues] = useState<Record<string, Value>>(initial);
  const [cleared, setCleared] = useState<ReadonlySet<string>>(new Set());
  const set = (name: string, value: Value) => setValues((previous) => ({ ...previous, [name]: value }));
  const save = useAction(async () => {
    const patch: Record<string, unknown> = {};
    for (const [name, spec] of specs) {
      const value = values[name] ?? '';
      if (isSecret(spec)) {
        if (typeof value === 'string' && value !== '') patch[name] = value;
        else if (cleared.has(name)) patch[name] = null;
      } else if (value !== initial[name]) {
        patch[name] = patchValue(spec, value);
      }
    }
    onSaved((await api.plugins.configure(slug, patch)).updated_at);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  const secretsSet = new Set(current.secrets_set);
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('enterprise.settings.formOf', { slug })}>
      {current.missing_required.length > 0 && (
        <p className="banner banner-error" role="status">{t('enterprise.settings.missing', { names: current.missing_required.join(', ') })}</p>
      )}
      {specs.map(([name, spec]) => {
        const label = `${name}${spec.required ? ' *' : ''}`;
        const value = values[name] ?? '';
        if (spec.type === 'boolean') {
          return (
            <div className="field" key={name} data-setting={name}>
              <label className="check">
                <input type="checkbox" name={name} checked={value === true} onChange={(event) => set(name, event.target.checked)} />
                {label}
              </label>
              <p className="hint">{spec.description}</p>
            </div>
          );
        }
        const hint = [spec.description, hintOf(spec, t)].filter(Boolean).join(' · ');
        return (
          <div key={name} data-setting={name}>
            <Field label={label} name={name} error={save.error} hint={hint}>
              {(props) => {
                const text = typeof value === 'string' ? value : '';
                if (spec.type === 'enum') {
                  return (
                    <select {...props} value={text} onChange={(event) => set(name, event.target.value)}>
                      <option value="">{spec.default === undefined ? t('enterprise.settings.choose') : t('enterprise.settings.defaultOption', { value: spec.default })}</option>
                      {spec.options.map((option) => <option key={option} value={option}>{option}</option>)}
                    </select>
                  );
                }
                if (spec.type === 'integer') {
                  return <input {...props} type="number" step={1} min={spec.min} max={spec.max} value={text} placeholder={spec.default === undefined ? '' : String(spec.default)} onChange={(event) => set(name, event.target.value)} />;
                }
                if (spec.secret) {
                  return (
                    <input
                      {...props}
                      type="password"
                      autoComplete="new-password"
                      maxLength={spec.max_length}
                      value={text}
                      placeholder={secretsSet.has(name) ? t('enterprise.settings.secretKeep') : t('enterprise.settings.secretEnter')}
                      onChange={(event) => set(name, event.target.value)}
                    />
                  );
                }
                return <input {...props} type={spec.format === 'url' ? 'url' : 'text'} maxLength={spec.max_length} value={text} placeholder={spec.default ?? ''} onChange={(event) => set(name, event.target.value)} />;
              }}
            </Field>
            {spec.type === 'string' && spec.secret && (
              <div className="enterprise-secret-state">
                <span className={`badge ${secretsSet.has(name) ? 'badge-completed' : ''}`} data-secret-state={secretsSet.has(name) ? 'set' : 'unset'}>
                  {secretsSet.has(name) ? t('enterprise.settings.secretIsSet') : t('enterprise.settings.secretNotSet')}
                </span>
                {secretsSet.has(name) && (
                  <label className="check small">
                    <input
                      type="checkbox"
                      checked={cleared.has(name)}
                      onChange={(event) => setCleared((previous) => {
                        const next = new Set(previous);
                        if (event.target.checked) next.add(name);
                        else next.delete(name);
                        return next;
                      })}
                    />
                    {t('enterprise.settings.secretClear')}
                  </label>
                )}
              </div>
            )}
          </div>
        );
      })}
      <FormError error={save.error} />
      <div className="actions"><button type="submit" className="button button-primary" disabled={save.busy}>{t('enterprise.settings.save')}</button></div>
    </form>
  );
}

/** The limits and default a spec states, for the hint under its control. */
function hintOf(spec: Spec, t: ReturnType<typeof useI18n>['t']): string {
  if (spec.type === 'integer') {
    const parts: string[] = [];
    if (spec.min !== undefined && spec.max !== undefined) parts.push(t('enterprise.settings.range', { min: spec.min, max: spec.max }));
    else if (spec.min !== undefined) parts.push(t('enterprise.settings.atLeast', { min: spec.min }));
    else if (spec.max !== undefined) parts.push(t('enterprise.settings.atMost', { max: spec.max }));
    if (spec.default !== undefined) parts.push(t('enterprise.settings.default', { value: spec.default }));
    return parts.join(' · ');
  }
  if (spec.type === 'string' && !spec.secret && spec.default !== undefined) return t('enterprise.settings.default', { value: spec.default });
  return '';
}
