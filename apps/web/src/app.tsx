import { lazy } from 'react';
import { Link, Navigate, Route, Routes } from 'react-router';
import { SignIn } from './screens/sign-in/sign-in';
import { SessionProvider } from './app/session';
import { Shell } from './app/shell';

// Screens load on first use: the initial JavaScript stays small (decision 22).
const Alignment = lazy(() => import('./screens/alignment/alignment-screen'));
const Objective = lazy(() => import('./screens/objective/objective-screen'));
const MyCheckIns = lazy(() => import('./screens/my-check-ins/my-check-ins-screen'));
const Dashboard = lazy(() => import('./screens/dashboard/dashboard-screen'));

/** The routes; what each screen shows is in its URL (see url-state.ts). */
export function App() {
  return (
    <SessionProvider>
      <Routes>
        <Route path="/sign-in" element={<SignIn />} />
        <Route element={<Shell />}>
          <Route index element={<Navigate to="/alignment" replace />} />
          <Route path="/alignment" element={<Alignment />} />
          <Route path="/objectives/:id" element={<Objective />} />
          <Route path="/my-check-ins" element={<MyCheckIns />} />
          <Route path="/dashboard" element={<Dashboard />} />
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
