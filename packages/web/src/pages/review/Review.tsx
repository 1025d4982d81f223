import { type ChangeEvent, type FormEvent, type KeyboardEvent, useDeferredValue, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { fieldMessage } from '../../api/client.ts';
import { llmConfigs } from '../../api/resources.ts';
import { ErrorBanner, Field, FormError } from '../../components/ui.tsx';
import { useResource } from '../../hooks/resource.ts';
import { type MessageKey, useI18n } from '../../i18n.tsx';
import { Forbidden } from '../Forbidden.tsx';
import { guessLanguage } from './guess-language.ts';
import { ANALYSIS_LANGUAGES, LANGUAGE_LABELS, languageOfFile } from './languages.ts';
import { type Rule, RULES } from './review-api.ts';
import { useAnalyze } from './use-analyze.ts';
import './review.css';

const INDENT = '    ';

export function Review() {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [fileName, setFileName] = useState('');
  const [language, setLanguage] = useState('');
  const [rules, setRules] = useState<Set<Rule>>(new Set(RULES));
  const [tabLeavesField, setTabLeavesField] = useState(false);
  const configs = useResource(() => llmConfigs.list(), 'llm-configs');
  const analyze = useAnalyze();
  // The guess follows typing a beat behind, so long code stays responsive.
  const typedCode = useDeferredValue(code);
  const guessed = useMemo(() => guessLanguage(typedCode), [typedCode]);
  const defaultConfig = configs.data?.find((config) => config.is_default) ?? configs.data?.[0];
  const chosenLanguage = language || guessed;

  if (configs.error?.status === 403) return <Forbidden />;

  const toggleRule = (rule: Rule, on: boolean) => setRules((current) => {
    const next = new Set(current);
    if (on) next.add(rule);
    else next.delete(rule);
    return next;
  });

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setCode(await file.text());
    setFileName(file.name);
    setLanguage(languageOfFile(file.name) ?? '');
    event.target.value = '';
  };

  // Tab indents; Escape hands Tab back to the page so the field is never a keyboard trap.
  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') setTabLeavesField(true);
    if (event.key !== 'Tab' || event.shiftKey || tabLeavesField) return;
    event.preventDefault();
    const field = event.currentTarget;
    field.setRangeText(INDENT, field.selectionStart, field.selectionEnd, 'end');
    setCode(field.value);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void analyze.run({ code, language: chosenLanguage, filePath: fileName || undefined, rules: [...rules] });
  };

  const languageHint = language
    ? undefined
    : guessed ? t('review.detected', { language: LANGUAGE_LABELS[guessed] }) : t('review.notDetected');
  const rulesError = analyze.error ? fieldMessage(analyze.error, 'rules') : undefined;

  return (
    <>
      <div className="page-head">
        <h1>{t('review.title')}</h1>
        <Link className="button" to="/analyses">{t('review.history')}</Link>
      </div>
      <form className="card form" onSubmit={submit} noValidate aria-label={t('review.title')}>
        <div className="review-upload">
          <label className="button">
            <input type="file" className="sr-only" onChange={(event) => void upload(event)} />
            {t('review.upload')}
          </label>
          {fileName && (
            <span className="muted small">
              {t('review.file', { name: fileName })}{' '}
              <button type="button" className="button button-small button-ghost" onClick={() => setFileName('')}>{t('review.forgetFile')}</button>
            </span>
          )}
        </div>
        <Field label={t('review.code')} name="code" error={analyze.error} hint={t('review.codeHint')}>
          {(props) => (
            <textarea
              {...props}
              className="review-editor"
              rows={16}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              value={code}
              onChange={(event) => {
                setCode(event.target.value);
                // The server's verdict was on the code as it was: an edit withdraws it.
                if (analyze.error) analyze.clearError();
              }}
              onKeyDown={keyDown}
              onFocus={() => setTabLeavesField(false)}
            />
          )}
        </Field>
        <Field label={t('review.language')} name="language" error={analyze.error} hint={languageHint}>
          {(props) => (
            <select {...props} value={language} onChange={(event) => setLanguage(event.target.value)}>
              <option value="">{t('review.autoDetect')}</option>
              {ANALYSIS_LANGUAGES.map((value) => <option key={value} value={value}>{LANGUAGE_LABELS[value]}</option>)}
            </select>
          )}
        </Field>
        <div className="review-options">
          <fieldset aria-describedby={rulesError ? 'review-rules-error' : undefined}>
            <legend>{t('review.categories')}</legend>
            {RULES.map((rule) => (
              <label key={rule} className="check">
                <input type="checkbox" checked={rules.has(rule)} onChange={(event) => toggleRule(rule, event.target.checked)} />
                {t(`review.category.${rule}` as MessageKey)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('review.ai')}</legend>
            <label className="check">
              <input type="checkbox" checked={rules.has('ai')} disabled={!defaultConfig} onChange={(event) => toggleRule('ai', event.target.checked)} />
              {t('review.aiToggle')}
            </label>
            {defaultConfig
              ? <p className="hint">{t('review.aiConfig', { name: defaultConfig.name, model: defaultConfig.model })} <Link to="/llm-configs">{t('review.aiManage')}</Link></p>
              : configs.data && <p className="hint">{t('review.aiNoConfig')} <Link to="/llm-configs?new=1">{t('setup.action')}</Link></p>}
          </fieldset>
        </div>
        {rulesError && <p className="field-error" id="review-rules-error" role="alert">{rulesError}</p>}
        <ErrorBanner error={configs.error} onRetry={configs.reload} />
        <FormError error={analyze.error} />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={analyze.busy}>{analyze.busy ? t('review.analyzing') : t('review.analyze')}</button>
        </div>
      </form>
    </>
  );
}
