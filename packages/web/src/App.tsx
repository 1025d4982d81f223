import { useEffect } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { lazyPage } from './components/lazy-page.ts';
import { Loading } from './components/ui.tsx';
import { useSession } from './hooks/session.tsx';
import { enterpriseRoutes } from './pages/enterprise/routes.tsx';
import { Forbidden } from './pages/Forbidden.tsx';
import { governanceRoutes } from './pages/governance/routes.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { reviewRoutes } from './pages/review/routes.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { SsoComplete } from './pages/SsoComplete.tsx';

const ApiKeys = lazyPage(() => import('./pages/ApiKeys.tsx'), 'ApiKeys');
const LlmConfigs = lazyPage(() => import('./pages/LlmConfigs.tsx'), 'LlmConfigs');
const NewProject = lazyPage(() => import('./pages/NewProject.tsx'), 'NewProject');
const EditProject = lazyPage(() => import('./pages/NewProject.tsx'), 'EditProject');
const ProjectPage = lazyPage(() => import('./pages/ProjectPage.tsx'), 'ProjectPage');
const Projects = lazyPage(() => import('./pages/Projects.tsx'), 'Projects');
const Templates = lazyPage(() => import('./pages/Templates.tsx'), 'Templates');
const TemplatePage = lazyPage(() => import('./pages/Templates.tsx'), 'TemplatePage');

/** Pages behind sign-in: without a session, sign in first and come back here. */
function RequireSession() {
  const { user, checking } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    if (!checking && !user) navigate('/signin', { replace: true, state: { from: `${location.pathname}${location.search}` } });
  }, [checking, user, location, navigate]);
  if (!user) return <main className="content"><Loading /></main>;
  return <Layout />;
}

/** Administrators' pages: anyone else gets the 403 page (the server refuses their calls as well). */
function RequireAdmin() {
  const { user } = useSession();
  return user?.role === 'admin' ? <Outlet /> : <Forbidden />;
}

/** Signed in on the sign-in page: on to where the user was going before sign-in was asked. */
function ReturnAfterSignIn() {
  const from = (useLocation().state as { from?: string } | null)?.from;
  return <Navigate to={from ?? '/'} replace />;
}

export function App() {
  const { user } = useSession();
  return (
    <Routes>
      <Route path="/signin" element={user ? <ReturnAfterSignIn /> : <SignIn mode="signin" />} />
      <Route path="/register" element={user ? <ReturnAfterSignIn /> : <SignIn mode="register" />} />
      <Route path="/sso/complete" element={<SsoComplete />} />
      <Route element={<RequireSession />}>
        <Route index element={<Projects />} />
        <Route path="/projects/new" element={<NewProject />} />
        <Route path="/projects/:projectId" element={<ProjectPage />} />
        <Route path="/projects/:projectId/edit" element={<EditProject />} />
        <Route path="/templates" element={<Templates />} />
        <Route path="/templates/:templateId" element={<TemplatePage />} />
        <Route path="/llm-configs" element={<LlmConfigs />} />
        <Route path="/api-keys" element={<ApiKeys />} />
        {reviewRoutes}
        {enterpriseRoutes}
        <Route element={<RequireAdmin />}>{governanceRoutes}</Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
