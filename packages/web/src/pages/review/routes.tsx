import type { NavGroup } from '../../navigation.ts';

export const reviewNav: NavGroup = { label: 'nav.group.review', entries: [] };

export const reviewRoutes = <></>;
