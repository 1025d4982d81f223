import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { Loading } from './components/ui.tsx';
import { useSession } from './hooks/session.tsx';
import { ApiKeys } from './pages/ApiKeys.tsx';
import { LlmConfigs } from './pages/LlmConfigs.tsx';
import { EditProject, NewProject } from './pages/NewProject.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { ProjectPage } from './pages/ProjectPage.tsx';
import { Projects } from './pages/Projects.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { TemplatePage, Templates } from './pages/Templates.tsx';

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
      <Route element={<RequireSession />}>
        <Route index element={<Projects />} />
        <Route path="/projects/new" element={<NewProject />} />
        <Route path="/projects/:projectId" element={<ProjectPage />} />
        <Route path="/projects/:projectId/edit" element={<EditProject />} />
        <Route path="/templates" element={<Templates />} />
        <Route path="/templates/:templateId" element={<TemplatePage />} />
        <Route path="/llm-configs" element={<LlmConfigs />} />
        <Route path="/api-keys" element={<ApiKeys />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
