import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { projects, type TemplateVariable, templates } from '../api/resources.ts';
import { Markdown } from '../components/Markdown.tsx';
import { ErrorBanner, Field, FormError, Loading } from '../components/ui.tsx';
import { useAction, useResource } from '../hooks/resource.ts';
import { type MessageKey, useI18n } from '../i18n.tsx';
import { NotFound } from './NotFound.tsx';

/** The built-in templates, grouped by category. */
export function Templates() {
  const { t } = useI18n();
  const list = useResource(() => templates.list(), 'templates');
  const categories = [...new Set(list.data?.map((template) => template.category))];
  return (
    <>
      <div className="page-head"><h1>{t('templates.title')}</h1></div>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {!list.data && !list.error && <Loading />}
      {list.data?.length === 0 && <p className="empty">{t('templates.empty')}</p>}
      {categories.map((category) => (
        <section key={category} aria-labelledby={`category-${category}`}>
          <h2 id={`category-${category}`} className="category-title">{t(`category.${category}` as MessageKey)}</h2>
          <div className="gallery">
            {list.data?.filter((template) => template.category === category).map((template) => (
              <Link key={template.id} className="card template-card" to={`/templates/${template.id}`}>
                <strong>{template.name}</strong>
                <span className="muted small">v{template.version} · {t('templates.variables', { count: Object.keys(template.variables).length })}</span>
                <span>{template.description}</span>
              </Link>
            ))}
          </div>
        </section>
      ))}
    </>
  );
}

function initialValue(variable: TemplateVariable): string | boolean {
  if (variable.type === 'boolean') return variable.default === true;
  return variable.default === undefined || variable.default === null ? '' : String(variable.default);
}

function VariableInput({ name, variable, value, onChange, props }: {
  name: string;
  variable: TemplateVariable;
  value: string | boolean;
  onChange: (value: string | boolean) => void;
  props: { id: string; name: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string };
}) {
  if (variable.type === 'boolean') return <input {...props} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />;
  if (variable.type === 'enum') {
    return (
      <select {...props} value={String(value)} onChange={(event) => onChange(event.target.value)}>
        {!variable.required && <option value="">—</option>}
        {variable.options?.map((option) => <option key={option} value={option}>{option}</option>)}
      </select>
    );
  }
  return (
    <input
      {...props}
      type={variable.type === 'integer' ? 'number' : 'text'}
      min={variable.min}
      max={variable.max}
      required={variable.required}
      value={String(value)}
      placeholder={name}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** A template: its files, the README preview, and the form that applies it to one of the user's projects. */
export function TemplatePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const id = Number(useParams().templateId);
  const template = useResource(() => templates.get(id), id);
  const myProjects = useResource(() => projects.list({ skip: 0, limit: 100 }), 'projects-for-templates');
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [projectId, setProjectId] = useState('');
  const apply = useAction(async () => {
    const variables = template.data!.variables;
    const typed = Object.fromEntries(Object.entries(variables).flatMap(([name, variable]) => {
      const value = values[name] ?? initialValue(variable);
      if (value === '') return [];
      return [[name, variable.type === 'integer' ? Number(value) : value]];
    }));
    const applied = await templates.apply(id, Number(projectId), typed);
    navigate(`/projects/${applied.project_id}`);
  });
  if (!Number.isInteger(id) || template.error?.status === 404) return <NotFound />;
  if (template.error) return <ErrorBanner error={template.error} onRetry={template.reload} />;
  if (!template.data) return <Loading />;
  const data = template.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void apply.run();
  };
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{data.name}</h1>
          <p className="muted">{t(`category.${data.category}` as MessageKey)} · v{data.version} · {data.description}</p>
        </div>
      </div>
      <div className="columns">
        <form className="card form" onSubmit={submit} noValidate aria-labelledby="apply-title">
          <h2 id="apply-title">{t('templates.apply')}</h2>
          <Field label={t('templates.project')} name="project_id" error={apply.error} hint={t('templates.projectHint')}>
            {(props) => (
              <select {...props} value={projectId} onChange={(event) => setProjectId(event.target.value)} required>
                <option value="">{t('templates.chooseProject')}</option>
                {myProjects.data?.items.map((project) => <option key={project.id} value={project.id}>{project.name}</option>)}
              </select>
            )}
          </Field>
          {Object.entries(data.variables).map(([name, variable]) => (
            <Field key={name} label={`${name}${variable.required ? ' *' : ''}`} name={name} error={apply.error} hint={variable.description}>
              {(props) => (
                <VariableInput
                  name={name}
                  variable={variable}
                  value={values[name] ?? initialValue(variable)}
                  onChange={(value) => setValues((current) => ({ ...current, [name]: value }))}
                  props={props}
                />
              )}
            </Field>
          ))}
          <FormError error={apply.error} />
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={apply.busy || !projectId}>{t('templates.applyButton')}</button>
          </div>
        </form>
        <section className="card" aria-labelledby="template-files">
          <h2 id="template-files">{t('templates.files', { count: data.files.length })}</h2>
          <ul className="mono small template-files">{data.files.map((file) => <li key={file}>{file}</li>)}</ul>
          <h2>{t('templates.preview')}</h2>
          <Markdown source={data.preview} label={t('templates.preview')} />
        </section>
      </div>
    </>
  );
}
