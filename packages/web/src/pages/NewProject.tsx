import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { llmConfigs, projects } from '../api/resources.ts';
import { Field, FormError } from '../components/ui.tsx';
import { useAction, useResource } from '../hooks/resource.ts';
import { useI18n } from '../i18n.tsx';
import { SetupCard } from './Projects.tsx';

type Strategy = 'sequential' | 'parallel' | 'adaptive';

export function NewProject() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const configs = useResource(() => llmConfigs.list(), 'llm-configs');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [requirements, setRequirements] = useState('');
  const [strategy, setStrategy] = useState<Strategy>('adaptive');
  const [configId, setConfigId] = useState('');
  const create = useAction(async () => {
    const project = await projects.create({
      name,
      description: description || null,
      requirements,
      llm_config_id: configId ? Number(configId) : null,
      config: { execution_strategy: strategy },
    });
    navigate(`/projects/${project.id}`);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };

  return (
    <>
      <div className="page-head"><h1>{t('projects.new')}</h1></div>
      {configs.data && configs.data.length === 0 && <SetupCard />}
      <form className="card form" onSubmit={submit} noValidate>
        <Field label={t('projects.name')} name="name" error={create.error}>
          {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} maxLength={200} required />}
        </Field>
        <Field label={t('projects.description')} name="description" error={create.error}>
          {(props) => <input {...props} value={description} onChange={(event) => setDescription(event.target.value)} />}
        </Field>
        <Field label={t('projects.requirements')} name="requirements" error={create.error} hint={t('projects.requirementsHint')}>
          {(props) => <textarea {...props} rows={8} value={requirements} onChange={(event) => setRequirements(event.target.value)} required />}
        </Field>
        <div className="field-row">
          <Field label={t('projects.strategy')} name="execution_strategy" error={create.error}>
            {(props) => (
              <select {...props} value={strategy} onChange={(event) => setStrategy(event.target.value as Strategy)}>
                <option value="adaptive">adaptive</option>
                <option value="parallel">parallel</option>
                <option value="sequential">sequential</option>
              </select>
            )}
          </Field>
          <Field label={t('projects.llm')} name="llm_config_id" error={create.error}>
            {(props) => (
              <select {...props} value={configId} onChange={(event) => setConfigId(event.target.value)}>
                <option value="">{t('projects.llmDefault')}</option>
                {configs.data?.map((config) => <option key={config.id} value={config.id}>{config.name} ({config.provider} · {config.model})</option>)}
              </select>
            )}
          </Field>
        </div>
        <FormError error={create.error} />
        <div className="actions">
          <button type="button" className="button" onClick={() => navigate('/')}>{t('common.cancel')}</button>
          <button type="submit" className="button button-primary" disabled={create.busy}>{t('common.create')}</button>
        </div>
      </form>
    </>
  );
}
