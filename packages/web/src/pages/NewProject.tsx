import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { llmConfigs, type Project, type ProjectInput, projects, teams } from '../api/resources.ts';
import { ErrorBanner, Field, FormError, Loading } from '../components/ui.tsx';
import { useAction, useResource } from '../hooks/resource.ts';
import { useI18n } from '../i18n.tsx';
import { NotFound } from './NotFound.tsx';
import { SetupCard } from './Projects.tsx';

type Strategy = NonNullable<NonNullable<ProjectInput['config']>['execution_strategy']>;

/** Create a project, or edit one (`existing`): the same fields, the server's messages under each. */
function ProjectForm({ existing }: { existing?: Project }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const configs = useResource(() => llmConfigs.list(), 'llm-configs');
  const myTeams = useResource(() => teams.mine(), 'teams');
  const [name, setName] = useState(existing?.name ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [requirements, setRequirements] = useState(existing?.requirements ?? '');
  const [strategy, setStrategy] = useState<Strategy>((existing?.config.execution_strategy as Strategy | undefined) ?? 'adaptive');
  const [configId, setConfigId] = useState(existing?.llm_config_id ? String(existing.llm_config_id) : '');
  const [teamId, setTeamId] = useState(existing?.team_id ? String(existing.team_id) : '');
  const save = useAction(async () => {
    const input: ProjectInput = {
      name,
      description: description || null,
      requirements,
      llm_config_id: configId ? Number(configId) : null,
      team_id: teamId ? Number(teamId) : null,
      config: { execution_strategy: strategy },
    };
    const saved = existing ? await projects.update(existing.id, input) : await projects.create(input);
    navigate(`/projects/${saved.id}`);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  // Sharing is offered with the teams where the caller may edit projects.
  const shareable = myTeams.data?.filter((team) => team.role !== 'viewer') ?? [];

  return (
    <>
      <div className="page-head"><h1>{existing ? t('projects.edit', { name: existing.name }) : t('projects.new')}</h1></div>
      {configs.data && configs.data.length === 0 && <SetupCard />}
      <form className="card form" onSubmit={submit} noValidate>
        <Field label={t('projects.name')} name="name" error={save.error}>
          {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} maxLength={200} required />}
        </Field>
        <Field label={t('projects.description')} name="description" error={save.error}>
          {(props) => <input {...props} value={description} onChange={(event) => setDescription(event.target.value)} />}
        </Field>
        <Field label={t('projects.requirements')} name="requirements" error={save.error} hint={t('projects.requirementsHint')}>
          {(props) => <textarea {...props} rows={8} value={requirements} onChange={(event) => setRequirements(event.target.value)} required />}
        </Field>
        <div className="field-row">
          <Field label={t('projects.strategy')} name="execution_strategy" error={save.error} hint={t(`projects.strategy.${strategy}`)}>
            {(props) => (
              <select {...props} value={strategy} onChange={(event) => setStrategy(event.target.value as Strategy)}>
                <option value="adaptive">{t('projects.strategyName.adaptive')}</option>
                <option value="parallel">{t('projects.strategyName.parallel')}</option>
                <option value="sequential">{t('projects.strategyName.sequential')}</option>
              </select>
            )}
          </Field>
          <Field label={t('projects.llm')} name="llm_config_id" error={save.error}>
            {(props) => (
              <select {...props} value={configId} onChange={(event) => setConfigId(event.target.value)}>
                <option value="">{t('projects.llmDefault')}</option>
                {configs.data?.map((config) => <option key={config.id} value={config.id}>{config.name} ({config.provider} · {config.model})</option>)}
              </select>
            )}
          </Field>
          <Field label={t('projects.team')} name="team_id" error={save.error} hint={shareable.length === 0 ? t('projects.noTeams') : t('projects.teamHint')}>
            {(props) => (
              <select {...props} value={teamId} onChange={(event) => setTeamId(event.target.value)} disabled={shareable.length === 0 && !teamId}>
                <option value="">{t('projects.private')}</option>
                {shareable.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
              </select>
            )}
          </Field>
        </div>
        <FormError error={save.error} />
        <div className="actions">
          <button type="button" className="button" onClick={() => navigate(existing ? `/projects/${existing.id}` : '/')}>{t('common.cancel')}</button>
          <button type="submit" className="button button-primary" disabled={save.busy}>{existing ? t('common.save') : t('common.create')}</button>
        </div>
      </form>
    </>
  );
}

export function NewProject() {
  return <ProjectForm />;
}

export function EditProject() {
  const id = Number(useParams().projectId);
  const project = useResource(() => projects.get(id), id);
  if (!Number.isInteger(id) || project.error?.status === 404) return <NotFound />;
  if (project.error) return <ErrorBanner error={project.error} onRetry={project.reload} />;
  if (!project.data) return <Loading />;
  return <ProjectForm key={project.data.id} existing={project.data} />;
}
