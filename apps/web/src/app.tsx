import { Link, Navigate, Route, Routes } from 'react-router';
import { SignIn } from './screens/sign-in/sign-in';
import { SessionProvider } from './app/session';
import { Shell } from './app/shell';
import { lazyScreen } from './app/lazy-screen';

// Screens load on first use: the initial JavaScript stays small (decision 22).
const Alignment = lazyScreen(() => import('./screens/alignment/alignment-screen'));
const Objective = lazyScreen(() => import('./screens/objective/objective-screen'));
const MyCheckIns = lazyScreen(() => import('./screens/my-check-ins/my-check-ins-screen'));
const Dashboard = lazyScreen(() => import('./screens/dashboard/dashboard-screen'));
const Plan = lazyScreen(() => import('./screens/plan/plan-screen'));
const Audit = lazyScreen(() => import('./screens/audit/audit-screen'));
const Admin = lazyScreen(() => import('./screens/admin/admin-screen'));

/** The screens by the path they live under ('/' leads to the alignment). */
const SCREENS: [prefix: string, screen: { preload(): Promise<void> }][] = [
  ['/alignment', Alignment],
  ['/objectives', Objective],
  ['/my-check-ins', MyCheckIns],
  ['/dashboard', Dashboard],
  ['/plan', Plan],
  ['/audit', Audit],
  ['/admin', Admin],
  ['/', Alignment],
];

/** Starts loading the code of the screen at `path`, if any (called at start, beside the session check). */
export function preloadScreen(path: string): void {
  const found = SCREENS.find(([prefix]) => (prefix === '/' ? path === '/' : path === prefix || path.startsWith(`${prefix}/`)));
  void found?.[1].preload();
}

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
