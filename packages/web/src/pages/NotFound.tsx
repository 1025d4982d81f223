import { Link } from 'react-router';
import { useI18n } from '../i18n.tsx';

export function NotFound() {
  const { t } = useI18n();
  return (
    <section className="card not-found">
      <h1>{t('error.notFound')}</h1>
      <p className="muted">{t('error.notFoundText')}</p>
      <Link className="button" to="/">{t('common.back')}</Link>
    </section>
  );
}
