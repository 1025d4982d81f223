import { Route } from 'react-router';
import { lazyPage } from '../../components/lazy-page.ts';
import type { NavGroup } from '../../navigation.ts';

const ThreeVersion = lazyPage(() => import('./ThreeVersion.tsx'), 'ThreeVersion');
const Audit = lazyPage(() => import('./Audit.tsx'), 'Audit');
const MultisigPending = lazyPage(() => import('./Multisig.tsx'), 'MultisigPending');
const MultisigRequest = lazyPage(() => import('./Multisig.tsx'), 'MultisigRequest');
const SigningKeys = lazyPage(() => import('./Multisig.tsx'), 'SigningKeys');
const MultisigPolicies = lazyPage(() => import('./Multisig.tsx'), 'MultisigPolicies');
const Users = lazyPage(() => import('./Users.tsx'), 'Users');

export const governanceNav: NavGroup = {
  label: 'nav.group.admin',
  entries: [
    { to: '/admin/three-version', label: 'governance.nav.threeVersion', admin: true },
    { to: '/admin/audit', label: 'governance.nav.audit', admin: true },
    { to: '/admin/multisig', label: 'governance.nav.multisig', admin: true },
    { to: '/admin/users', label: 'governance.nav.users', admin: true },
  ],
};

/** Rendered inside the administrators' gate (`RequireAdmin`). */
export const governanceRoutes = (
  <>
    <Route path="/admin/three-version" element={<ThreeVersion />} />
    <Route path="/admin/audit" element={<Audit />} />
    <Route path="/admin/multisig" element={<MultisigPending />} />
    <Route path="/admin/multisig/keys" element={<SigningKeys />} />
    <Route path="/admin/multisig/policies" element={<MultisigPolicies />} />
    <Route path="/admin/multisig/requests/:requestId" element={<MultisigRequest />} />
    <Route path="/admin/users" element={<Users />} />
  </>
);
