import { Suspense } from 'react';
import { NavLink, Navigate, Outlet, useLocation } from 'react-router';
import { errorMessage } from '../api/problem';
import type { Role } from '../api/views';
import { useSession } from './session';

/** Screens in the main navigation (more join as they are built). */
export const NAV: { to: string; label: string; roles?: Role[] }[] = [
  { to: '/alignment', label: 'Alignment' },
  { to: '/dashboard', label: 'Dashboard' },
  { to: '/my-check-ins', label: 'My check-ins' },
  { to: '/plan', label: 'Plan', roles: ['admin', 'editor'] },
  { to: '/audit', label: 'Audit' },
  { to: '/admin', label: 'People', roles: ['admin'] },
];

const ROLE_LABEL = { admin: 'Admin', editor: 'Editor', viewer: 'Viewer' } as const;

/** The frame of every signed-in page: skip link, navigation, who is signed in, sign out; sends others to sign in. */
export function Shell() {
  const { state, signOut, refresh } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <p className="page-status">Loading…</p>;
  if (state.status === 'failed')
    return (
      <div className="page-status" role="alert">
        <p>{errorMessage(state.error)}</p>
        <button type="button" onClick={() => void refresh()}>
          Try again
        </button>
      </div>
    );
  if (state.status === 'signed-out') {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in${state.byUser || next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  const { me } = state;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">OKR</span>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((item) => !item.roles || item.roles.includes(me.role)).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span className="who-name">{me.name}</span> <span className="badge">{ROLE_LABEL[me.role]}</span>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="page-status">Loading…</p>}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
