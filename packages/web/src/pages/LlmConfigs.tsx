import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type LlmConfig, llmConfigs, type LlmProvider, type LlmTestResult } from '../api/resources.ts';
import { ErrorBanner, Field, FormError, Loading } from '../components/ui.tsx';
import { useAction, useResource } from '../hooks/resource.ts';
import { useI18n } from '../i18n.tsx';

function TestResult({ result }: { result: LlmTestResult }) {
  const { t } = useI18n();
  return result.success
    ? <p className="banner banner-ok" role="status">{t('llm.testOk', { ms: result.response_time_ms, output: result.test_output ?? '' })}</p>
    : <p className="banner banner-error" role="alert">{t('llm.testFailed', { ms: result.response_time_ms, reason: result.error?.reason ?? '' })}</p>;
}

function ConfigRow({ config, onChanged }: { config: LlmConfig; onChanged: () => void }) {
  const { t } = useI18n();
  const [result, setResult] = useState<LlmTestResult>();
  const test = useAction(async () => setResult(await llmConfigs.test(config.id)));
  const remove = useAction(async () => {
    await llmConfigs.remove(config.id);
    onChanged();
  });
  return (
    <li className="card config-row">
      <div className="config-main">
        <strong>{config.name}</strong> {config.is_default && <span className="badge badge-completed">{t('llm.default')}</span>}
        <p className="muted small">{config.provider} · {config.model}{config.api_base ? ` · ${config.api_base}` : ''} · {config.api_key_mask}</p>
        {result && <TestResult result={result} />}
        <ErrorBanner error={test.error ?? remove.error} />
      </div>
      <div className="actions">
        <button type="button" className="button" disabled={test.busy} onClick={() => void test.run()}>{test.busy ? t('llm.testing') : t('llm.test')}</button>
        <button type="button" className="button button-ghost" onClick={() => {
          if (window.confirm(t('common.confirmDelete', { name: config.name }))) void remove.run();
        }}>{t('common.delete')}</button>
      </div>
    </li>
  );
}

function NewConfigForm({ providers, onCreated, onCancel }: { providers: LlmProvider[]; onCreated: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [providerId, setProviderId] = useState(providers[0]?.id ?? '');
  const [name, setName] = useState('');
  const [model, setModel] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [apiBase, setApiBase] = useState('');
  const [isDefault, setIsDefault] = useState(true);
  const provider = providers.find((entry) => entry.id === providerId);
  const create = useAction(async () => {
    await llmConfigs.create({
      name: name || provider?.label || providerId,
      provider: providerId,
      model: model || undefined,
      api_key: apiKey,
      api_base: apiBase || null,
      is_default: isDefault,
    });
    onCreated();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  return (
    <form className="card form" onSubmit={submit} noValidate aria-label={t('llm.add')}>
      <h2>{t('llm.add')}</h2>
      <div className="field-row">
        <Field label={t('llm.provider')} name="provider" error={create.error}>
          {(props) => (
            <select {...props} value={providerId} onChange={(event) => setProviderId(event.target.value)}>
              {providers.map((entry) => <option key={entry.id} value={entry.id}>{entry.label}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('llm.name')} name="name" error={create.error}>
          {(props) => <input {...props} value={name} placeholder={provider?.label} onChange={(event) => setName(event.target.value)} />}
        </Field>
      </div>
      <Field label={t('llm.model')} name="model" error={create.error} hint={provider?.default_model ? t('llm.modelHint', { model: provider.default_model }) : undefined}>
        {(props) => <input {...props} value={model} placeholder={provider?.default_model ?? ''} onChange={(event) => setModel(event.target.value)} />}
      </Field>
      <Field label={t('llm.apiKey')} name="api_key" error={create.error} hint={t('llm.apiKeyHint')}>
        {(props) => <input {...props} type="password" autoComplete="off" value={apiKey} onChange={(event) => setApiKey(event.target.value)} required />}
      </Field>
      <Field label={t('llm.apiBase')} name="api_base" error={create.error} hint={t('llm.apiBaseHint')}>
        {(props) => <input {...props} type="url" value={apiBase} placeholder={provider?.default_api_base ?? 'http://localhost:11434/v1'} onChange={(event) => setApiBase(event.target.value)} />}
      </Field>
      <label className="check"><input type="checkbox" checked={isDefault} onChange={(event) => setIsDefault(event.target.checked)} /> {t('llm.makeDefault')}</label>
      <FormError error={create.error} />
      <div className="actions">
        <button type="button" className="button" onClick={onCancel}>{t('common.cancel')}</button>
        <button type="submit" className="button button-primary" disabled={create.busy}>{t('common.save')}</button>
      </div>
    </form>
  );
}

export function LlmConfigs() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const list = useResource(() => llmConfigs.list(), 'llm-configs');
  const providers = useResource(() => llmConfigs.providers(), 'providers');
  const adding = params.get('new') === '1' || (list.data !== undefined && list.data.length === 0);
  const closeForm = () => setParams({});
  return (
    <>
      <div className="page-head">
        <h1>{t('llm.title')}</h1>
        {!adding && <button type="button" className="button button-primary" onClick={() => setParams({ new: '1' })}>{t('llm.add')}</button>}
      </div>
      <ErrorBanner error={list.error ?? providers.error} onRetry={list.reload} />
      {(list.loading && !list.data) || !providers.data ? <Loading /> : null}
      {adding && providers.data && <NewConfigForm providers={providers.data} onCreated={() => { closeForm(); list.reload(); }} onCancel={closeForm} />}
      {list.data && list.data.length > 0 && (
        <ul className="config-list">
          {list.data.map((config) => <ConfigRow key={config.id} config={config} onChanged={list.reload} />)}
        </ul>
      )}
    </>
  );
}
