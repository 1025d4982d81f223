import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { ErrorBanner, Field, Loading } from '../../components/ui.tsx';
import { useAction, useResource } from '../../hooks/resource.ts';
import { type MessageKey, useI18n } from '../../i18n.tsx';
import { Forbidden } from '../Forbidden.tsx';
import { type Experiment, type GovernanceSetting, governanceSettings, type ProfileConfig, threeVersion } from './governance-api.ts';
import { isForbidden, milliseconds, percent, RequestOpened, UnplacedError, useDateTime } from './shared.tsx';

type Status = Awaited<ReturnType<typeof threeVersion.status>>;
/** The form open under the experiments table, with the experiment it acts on. */
type OpenForm = { kind: 'promote' | 'demote' | 'reevaluate'; experiment: Experiment } | { kind: 'create' };
/** What the last promotion or demotion opened: the approval request and, for a promotion, the measured numbers. */
type Opened = { requestId: string; measured?: Record<string, unknown> };

/** A JSON object typed by the user, or a field error under the control that holds it. */
function parseConfig(text: string, field: string): ProfileConfig {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as ProfileConfig;
  } catch {
    // Reported below like any other refused value.
  }
  throw new ApiError(400, 'VALIDATION_ERROR', 'Invalid JSON', { fields: [{ loc: ['body', field], msg: 'Must be a JSON object', type: 'json' }] });
}

function Board({ status, experiments }: { status: Status; experiments: Experiment[] }) {
  const { t } = useI18n();
  // The status gives production's accuracy; its sample count is on the experiment it came from.
  const production = experiments.find((experiment) => experiment.experiment_id === status.v2.version_id);
  return (
    <div className="gov-board">
      <section className="card" aria-labelledby="tv-v1">
        <h2 id="tv-v1">{t('governance.tv.v1')}</h2>
        <dl className="verdict">
          <div><dt>{t('governance.tv.active')}</dt><dd>{status.v1.active_experiments}</dd></div>
          <div><dt>{t('governance.tv.avgAccuracy')}</dt><dd>{percent(status.v1.avg_accuracy)}</dd></div>
          <div><dt>{t('governance.tv.pendingPromotion')}</dt><dd>{status.v1.pending_promotion}</dd></div>
        </dl>
      </section>
      <section className="card card-accent" aria-labelledby="tv-v2" data-testid="tv-production">
        <h2 id="tv-v2">{t('governance.tv.v2')}</h2>
        {status.v2.status === 'empty' ? <p className="empty">{t('governance.tv.noProduction')}</p> : (
          <>
            <p data-testid="tv-production-version">
              {production && <><strong className="gov-wrap">{production.name}</strong><br /></>}
              <span className="mono small gov-wrap">{status.v2.version_id}</span>
            </p>
            <dl className="verdict">
              <div><dt>{t('governance.tv.accuracy')}</dt><dd>{percent(status.v2.accuracy)}</dd></div>
              <div><dt>{t('governance.tv.samples')}</dt><dd>{production?.evaluation?.samples ?? '—'}</dd></div>
              <div><dt>{t('governance.tv.requests24h')}</dt><dd>{status.v2.requests_24h}</dd></div>
              <div><dt>{t('governance.tv.errorRate')}</dt><dd>{percent(status.v2.error_rate)}</dd></div>
              <div><dt>{t('governance.tv.p95')}</dt><dd>{milliseconds(status.v2.latency_p95_ms)}</dd></div>
              <div><dt>{t('governance.tv.agreement')}</dt><dd>{percent(production?.shadow_24h.agreement_rate)}</dd></div>
            </dl>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="tv-v3">
        <h2 id="tv-v3">{t('governance.tv.v3')}</h2>
        <dl className="verdict">
          <div><dt>{t('governance.tv.archived')}</dt><dd>{status.v3.archived_count}</dd></div>
          <div><dt>{t('governance.tv.pendingReevaluation')}</dt><dd>{status.v3.pending_reevaluation}</dd></div>
        </dl>
      </section>
    </div>
  );
}

function ActionForm({ form, onDone, onOpened }: { form: OpenForm; onDone: () => void; onOpened: (opened: Opened) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [name, setName] = useState('');
  const [config, setConfig] = useState(() => JSON.stringify(form.kind === 'create' ? {} : form.experiment.config, null, 2));
  const submit = useAction(async () => {
    if (form.kind === 'create') await threeVersion.create(name, parseConfig(config, 'config'));
    // Re-evaluation is offered only for experiments holding a quarantine id.
    else if (form.kind === 'reevaluate') await threeVersion.reevaluate(form.experiment.quarantine_id!, parseConfig(config, 'new_config'));
    else if (form.kind === 'promote') {
      const promoted = await threeVersion.promote(form.experiment.experiment_id, reason);
      onOpened({ requestId: promoted.request_id, measured: promoted.measured });
    } else onOpened({ requestId: (await threeVersion.demote(form.experiment.experiment_id, reason)).request_id });
    onDone();
  });
  const send = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  const title = form.kind === 'create' ? t('governance.tv.newExperiment') : t(`governance.tv.${form.kind}Title` as MessageKey, { name: form.experiment.name });
  return (
    <form className="card form" onSubmit={send} noValidate aria-labelledby="tv-form-title">
      <h2 id="tv-form-title">{title}</h2>
      {form.kind === 'promote' && <p className="muted">{t('governance.tv.promoteText')}</p>}
      {form.kind === 'demote' && <p className="muted">{t('governance.tv.demoteText')}</p>}
      {form.kind === 'create' && (
        <Field label={t('governance.tv.name')} name="name" error={submit.error}>
          {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} required />}
        </Field>
      )}
      {(form.kind === 'create' || form.kind === 'reevaluate') && (
        <Field label={t('governance.tv.config')} name={form.kind === 'create' ? 'config' : 'new_config'} error={submit.error} hint={t('governance.tv.configHint')}>
          {(props) => <textarea {...props} className="mono" rows={8} value={config} onChange={(event) => setConfig(event.target.value)} />}
        </Field>
      )}
      {(form.kind === 'promote' || form.kind === 'demote') && (
        <Field label={t('governance.reason')} name="reason" error={submit.error}>
          {(props) => <textarea {...props} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} required />}
        </Field>
      )}
      <UnplacedError error={submit.error} fields={['name', 'config', 'new_config', 'reason']} />
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>{t('common.cancel')}</button>
        <button type="submit" className="button button-primary" disabled={submit.busy}>{t(`governance.tv.${form.kind}Submit` as MessageKey)}</button>
      </div>
    </form>
  );
}

function Measured({ measured }: { measured: Record<string, unknown> }) {
  const { t } = useI18n();
  const number = (key: string) => (typeof measured[key] === 'number' ? (measured[key] as number) : null);
  return (
    <span className="small">
      {t('governance.tv.measured', {
        accuracy: percent(number('accuracy')),
        samples: number('evaluated_samples') ?? '—',
        errorRate: percent(number('error_rate')),
        p95: milliseconds(number('latency_p95_ms')),
        requests: number('shadow_requests') ?? '—',
      })}
    </span>
  );
}

function ThresholdChange({ setting, onOpened, onCancel }: { setting: GovernanceSetting; onOpened: (requestId: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState(String(setting.value));
  const [reason, setReason] = useState('');
  const submit = useAction(async () => onOpened((await governanceSettings.requestChange(setting.name, Number(value), reason)).request_id));
  const send = (event: FormEvent) => {
    event.preventDefault();
    void submit.run();
  };
  return (
    <form className="form" onSubmit={send} noValidate aria-label={t('governance.tv.changeTitle', { name: setting.name })}>
      <div className="field-row">
        <Field label={t('governance.tv.newValue')} name="value" error={submit.error}>
          {(props) => <input {...props} type="number" step="any" value={value} onChange={(event) => setValue(event.target.value)} required />}
        </Field>
        <Field label={t('governance.reason')} name="reason" error={submit.error}>
          {(props) => <input {...props} value={reason} onChange={(event) => setReason(event.target.value)} required />}
        </Field>
      </div>
      <UnplacedError error={submit.error} fields={['value', 'reason']} />
      <div className="actions">
        <button type="button" className="button button-small" onClick={onCancel}>{t('common.cancel')}</button>
        <button type="submit" className="button button-small button-primary" disabled={submit.busy}>{t('governance.tv.requestChange')}</button>
      </div>
    </form>
  );
}

/** The thresholds promotion and the production monitor apply, each changed through an approval request. */
function Thresholds() {
  const { t } = useI18n();
  const date = useDateTime();
  const settings = useResource(() => governanceSettings.list(), 'governance-settings');
  const [editing, setEditing] = useState<string>();
  const [opened, setOpened] = useState<string>();
  return (
    <section aria-labelledby="tv-thresholds">
      <h2 id="tv-thresholds">{t('governance.tv.thresholds')}</h2>
      <p className="muted">{t('governance.tv.thresholdsText')}</p>
      {opened && <RequestOpened requestId={opened} />}
      <ErrorBanner error={settings.error} onRetry={settings.reload} />
      {settings.loading && !settings.data && <Loading />}
      {settings.data && (
        <div className="gov-scroll">
          <table className="table">
            <thead><tr><th>{t('governance.tv.setting')}</th><th>{t('governance.tv.value')}</th><th>{t('governance.tv.default')}</th><th>{t('governance.tv.changed')}</th><th><span className="sr-only">{t('governance.actions')}</span></th></tr></thead>
            <tbody>
              {settings.data.map((setting) => (
                <tr key={setting.name}>
                  <td><span className="mono small">{setting.name}</span><br /><span className="muted small">{setting.description}</span></td>
                  <td><strong>{setting.value}</strong></td>
                  <td>{setting.default}</td>
                  <td className="small gov-nowrap">{setting.updated_at ? date.format(new Date(setting.updated_at)) : '—'}</td>
                  <td className="gov-threshold-action">
                    {editing === setting.name
                      ? <ThresholdChange setting={setting} onCancel={() => setEditing(undefined)} onOpened={(requestId) => { setOpened(requestId); setEditing(undefined); }} />
                      : <div className="actions"><button type="button" className="button button-small" aria-label={`${t('governance.tv.change')} ${setting.name}`} onClick={() => { setOpened(undefined); setEditing(setting.name); }}>{t('governance.tv.change')}</button></div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ThreeVersion() {
  const { t } = useI18n();
  const date = useDateTime();
  const status = useResource(() => threeVersion.status(), 'three-version-status');
  const list = useResource(() => threeVersion.experiments(), 'three-version-experiments');
  const [form, setForm] = useState<OpenForm>();
  const [opened, setOpened] = useState<Opened>();
  const reload = () => {
    status.reload();
    list.reload();
  };
  const evaluate = useAction(async (experimentId: string) => {
    await threeVersion.evaluate(experimentId);
    reload();
  });
  if (isForbidden(status.error, list.error)) return <Forbidden />;
  const experiments = list.data?.experiments ?? [];
  const open = (next: OpenForm) => {
    setOpened(undefined);
    setForm(next);
  };
  return (
    <>
      <div className="page-head gov-head">
        <div><h1>{t('governance.tv.title')}</h1><p className="muted">{t('governance.tv.text')}</p></div>
        <button type="button" className="button button-primary" onClick={() => open({ kind: 'create' })}>{t('governance.tv.newExperiment')}</button>
      </div>
      <ErrorBanner error={status.error ?? list.error} onRetry={reload} />
      {(status.loading || list.loading) && !(status.data && list.data) && <Loading />}
      {status.data && list.data && <Board status={status.data} experiments={experiments} />}
      {opened && <RequestOpened requestId={opened.requestId}>{opened.measured && <Measured measured={opened.measured} />}</RequestOpened>}
      {form && (
        <ActionForm
          key={form.kind === 'create' ? 'create' : `${form.kind}-${form.experiment.experiment_id}`}
          form={form}
          onDone={() => {
            setForm(undefined);
            reload();
          }}
          onOpened={setOpened}
        />
      )}
      <h2>{t('governance.tv.experiments')}</h2>
      <ErrorBanner error={evaluate.error} />
      {list.data && experiments.length === 0 && <p className="empty">{t('governance.tv.empty')}</p>}
      {experiments.length > 0 && (
        <div className="gov-scroll">
          <table className="table">
            <thead>
              <tr>
                <th>{t('governance.tv.name')}</th>
                <th>{t('governance.tv.stage')}</th>
                <th>{t('governance.tv.accuracy')}</th>
                <th>{t('governance.tv.shadow')}</th>
                <th>{t('governance.tv.evaluated')}</th>
                <th><span className="sr-only">{t('governance.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {experiments.map((experiment) => (
                <tr key={experiment.experiment_id} data-experiment={experiment.experiment_id}>
                  <td><strong className="gov-wrap">{experiment.name}</strong><br /><span className="mono muted small">{experiment.experiment_id}</span></td>
                  <td><span className={`badge gov-stage-${experiment.status}`}>{t(`governance.stage.${experiment.status}`)}</span></td>
                  <td>
                    {experiment.evaluation
                      ? <>{percent(experiment.evaluation.accuracy)} <span className="muted small">{t('governance.tv.ofSamples', { samples: experiment.evaluation.samples })}</span></>
                      : <span className="muted">{t('governance.tv.notMeasured')}</span>}
                    {experiment.evaluation_error && <p className="field-error small">{experiment.evaluation_error}</p>}
                  </td>
                  <td className="small">
                    {t('governance.tv.shadowLine', {
                      requests: experiment.shadow_24h.requests,
                      agreement: percent(experiment.shadow_24h.agreement_rate),
                      errorRate: percent(experiment.shadow_24h.error_rate),
                      p95: milliseconds(experiment.shadow_24h.latency_p95_ms),
                    })}
                  </td>
                  <td className="small">{experiment.evaluation ? date.format(new Date(experiment.evaluation.evaluated_at)) : '—'}</td>
                  <td>
                    <div className="actions">
                      {experiment.status === 'experimenting' && (
                        <>
                          <button type="button" className="button button-small" disabled={evaluate.busy} aria-label={`${t('governance.tv.evaluate')} ${experiment.name}`} onClick={() => void evaluate.run(experiment.experiment_id)}>{t('governance.tv.evaluate')}</button>
                          <button type="button" className="button button-small button-primary" aria-label={`${t('governance.tv.promote')} ${experiment.name}`} onClick={() => open({ kind: 'promote', experiment })}>{t('governance.tv.promote')}</button>
                        </>
                      )}
                      {experiment.status === 'production' && (
                        <button type="button" className="button button-small button-danger" aria-label={`${t('governance.tv.demote')} ${experiment.name}`} onClick={() => open({ kind: 'demote', experiment })}>{t('governance.tv.demote')}</button>
                      )}
                      {experiment.status === 'quarantined' && experiment.quarantine_id && (
                        <button type="button" className="button button-small" aria-label={`${t('governance.tv.reevaluate')} ${experiment.name}`} onClick={() => open({ kind: 'reevaluate', experiment })}>{t('governance.tv.reevaluate')}</button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Thresholds />
    </>
  );
}
