import { NavLink, Outlet } from 'react-router';
import { useSession } from '../hooks/session.tsx';
import { useI18n } from '../i18n.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function Layout() {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  return (
    <div className="shell">
      <header className="topbar">
        <NavLink to="/" className="brand"><span className="logo" aria-hidden="true">R</span>{t('app.name')}</NavLink>
        <nav aria-label="Main">
          <NavLink to="/" end>{t('nav.projects')}</NavLink>
          <NavLink to="/templates">{t('nav.templates')}</NavLink>
          <NavLink to="/llm-configs">{t('nav.llm')}</NavLink>
          <NavLink to="/api-keys">{t('nav.keys')}</NavLink>
        </nav>
        <div className="topbar-end">
          <LanguageSwitch />
          <span className="user" title={user?.email}>{user?.username}</span>
          <button type="button" className="button button-ghost button-small" onClick={() => void signOut()}>{t('nav.signOut')}</button>
        </div>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
