import { Route } from 'react-router';
import { lazyPage } from '../../components/lazy-page.ts';
import type { NavGroup } from '../../navigation.ts';

const Review = lazyPage(() => import('./Review.tsx'), 'Review');
const ReviewResults = lazyPage(() => import('./ReviewResults.tsx'), 'ReviewResults');
const Analyses = lazyPage(() => import('./Analyses.tsx'), 'Analyses');
const ProjectQuality = lazyPage(() => import('./ProjectQuality.tsx'), 'ProjectQuality');

export const reviewNav: NavGroup = {
  label: 'nav.group.review',
  entries: [
    { to: '/review', label: 'review.nav.review' },
    { to: '/analyses', label: 'review.nav.history' },
  ],
};

export const reviewRoutes = (
  <>
    <Route path="/review" element={<Review />} />
    <Route path="/review/:analysisId" element={<ReviewResults />} />
    <Route path="/analyses" element={<Analyses />} />
    <Route path="/projects/:projectId/quality" element={<ProjectQuality />} />
  </>
);
