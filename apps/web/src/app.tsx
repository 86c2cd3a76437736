import { lazy } from 'react';
import { Link, Navigate, Route, Routes } from 'react-router';
import { SignIn } from './screens/sign-in/sign-in';
import { SessionProvider } from './app/session';
import { Shell } from './app/shell';

// Screens load on first use: the initial JavaScript stays small (decision 22).
const Alignment = lazy(() => import('./screens/alignment/alignment-screen'));
const Plan = lazy(() => import('./screens/plan/plan-screen'));
const Audit = lazy(() => import('./screens/audit/audit-screen'));
const Admin = lazy(() => import('./screens/admin/admin-screen'));

/** The routes; what each screen shows is in its URL (see url-state.ts). */
export function App() {
  return (
    <SessionProvider>
      <Routes>
        <Route path="/sign-in" element={<SignIn />} />
        <Route element={<Shell />}>
          <Route index element={<Navigate to="/alignment" replace />} />
          <Route path="/alignment" element={<Alignment />} />
          <Route path="/plan" element={<Plan />} />
          <Route path="/audit" element={<Audit />} />
          <Route path="/admin" element={<Admin />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}

function NotFound() {
  return (
    <section className="page">
      <h1>Not found</h1>
      <p>
        Nothing is at this address. <Link to="/alignment">Go to the alignment of your cycles</Link>.
      </p>
    </section>
  );
}
