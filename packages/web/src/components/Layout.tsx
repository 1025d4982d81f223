import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useSession } from '../hooks/session.tsx';
import { useI18n } from '../i18n.tsx';
import type { NavGroup } from '../navigation.ts';
import { enterpriseNav } from '../pages/enterprise/routes.tsx';
import { governanceNav } from '../pages/governance/routes.tsx';
import { reviewNav } from '../pages/review/routes.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Loading } from './ui.tsx';

const deliveryNav: NavGroup = {
  label: 'nav.group.delivery',
  entries: [{ to: '/', label: 'nav.projects', end: true }, { to: '/templates', label: 'nav.templates' }],
};
const settingsNav: NavGroup = {
  label: 'nav.group.settings',
  entries: [{ to: '/llm-configs', label: 'nav.llm' }, { to: '/api-keys', label: 'nav.keys' }],
};
const NAVIGATION = [deliveryNav, reviewNav, enterpriseNav, governanceNav, settingsNav];

export function Layout() {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const isAdmin = user?.role === 'admin';
  const groups = NAVIGATION
    .map((group) => ({ ...group, entries: group.entries.filter((entry) => isAdmin || !entry.admin) }))
    .filter((group) => group.entries.length > 0);
  return (
    <div className="shell">
      <header className="topbar">
        <NavLink to="/" className="brand"><span className="logo" aria-hidden="true">R</span>{t('app.name')}</NavLink>
        <div className="topbar-end">
          <LanguageSwitch />
          <span className="user" title={user?.email}>{user?.username}</span>
          <button type="button" className="button button-ghost button-small" onClick={() => void signOut()}>{t('nav.signOut')}</button>
        </div>
      </header>
      <div className="body">
        <nav className="sidebar" aria-label={t('nav.menu')}>
          {groups.map((group) => (
            <div className="nav-group" key={group.label}>
              <p className="nav-group-label">{t(group.label)}</p>
              {group.entries.map((entry) => <NavLink key={entry.to} to={entry.to} end={entry.end}>{t(entry.label)}</NavLink>)}
            </div>
          ))}
        </nav>
        <main className="content">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
