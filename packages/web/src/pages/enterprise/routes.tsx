import { Route } from 'react-router';
import { lazyPage } from '../../components/lazy-page.ts';
import type { NavGroup } from '../../navigation.ts';

const Organizations = lazyPage(() => import('./Organizations.tsx'), 'Organizations');
const OrganizationPage = lazyPage(() => import('./Organizations.tsx'), 'OrganizationPage');
const Marketplace = lazyPage(() => import('./Plugins.tsx'), 'Marketplace');
const PluginPage = lazyPage(() => import('./Plugins.tsx'), 'PluginPage');
const Monitoring = lazyPage(() => import('./Monitoring.tsx'), 'Monitoring');

/** Every signed-in user has these pages; what each shows depends on the role, and the server decides. */
export const enterpriseNav: NavGroup = {
  label: 'nav.group.platform',
  entries: [
    { to: '/organizations', label: 'enterprise.nav.organizations' },
    { to: '/plugins', label: 'enterprise.nav.plugins' },
    { to: '/monitoring', label: 'enterprise.nav.monitoring' },
  ],
};

export const enterpriseRoutes = (
  <>
    <Route path="/organizations" element={<Organizations />} />
    <Route path="/organizations/:orgId" element={<OrganizationPage />} />
    <Route path="/plugins" element={<Marketplace />} />
    <Route path="/plugins/:slug" element={<PluginPage />} />
    <Route path="/monitoring" element={<Monitoring />} />
  </>
);
