import type { NavGroup } from '../../navigation.ts';

export const enterpriseNav: NavGroup = { label: 'nav.group.platform', entries: [] };

export const enterpriseRoutes = <></>;
