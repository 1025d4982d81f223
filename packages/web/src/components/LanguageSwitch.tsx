import { type Language, useI18n } from '../i18n.tsx';

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <select className="language" aria-label={t('nav.language')} value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
      <option value="en">English</option>
      <option value="zh">中文</option>
    </select>
  );
}
