import type { NavGroup } from '../../navigation.ts';

export const governanceNav: NavGroup = { label: 'nav.group.admin', entries: [] };

/** Rendered inside the administrators' gate (`RequireAdmin`). */
export const governanceRoutes = <></>;
