import { Link } from 'react-router';
import { useI18n } from '../i18n.tsx';

/** What a page shows when the user's role does not allow it: by the app's own gate or the server's 403. */
export function Forbidden() {
  const { t } = useI18n();
  return (
    <section className="card not-found">
      <h1>{t('error.forbidden')}</h1>
      <p className="muted">{t('error.forbiddenText')}</p>
      <Link className="button" to="/">{t('common.back')}</Link>
    </section>
  );
}
