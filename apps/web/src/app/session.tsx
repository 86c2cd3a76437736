import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Middleware } from 'openapi-fetch';
import { api } from '../api/client';
import { ApiError, answer } from '../api/problem';
import type { Me } from '../api/views';

type SessionState =
  | { status: 'loading' }
  /** `byUser`: the user signed out here (the sign-in page then forgets the page they were on). */
  | { status: 'signed-out'; byUser?: boolean }
  | { status: 'signed-in'; me: Me }
  | { status: 'failed'; error: unknown };

export interface Session {
  state: SessionState;
  /** Exchanges a user's token for a session cookie (POST /api/session); throws the API's error. */
  signIn(token: string): Promise<Me>;
  /** Ends the session (DELETE /api/session), then shows the sign-in page. */
  signOut(): Promise<void>;
  /** Asks the server again who is signed in (e.g. after a 401). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Who is signed in: GET /api/me at start; sign-in and sign-out through the session routes. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const me = answer<Me>(await api.GET('/me'));
      // In a transition: the page keeps "Loading…" until the first screen's code is there too, rather than showing a
      // fallback that React would then keep for at least 300 ms.
      startTransition(() => setState({ status: 'signed-in', me }));
    } catch (error) {
      setState(error instanceof ApiError && error.status === 401 ? { status: 'signed-out' } : { status: 'failed', error });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A session that ends meanwhile (expired, signed out elsewhere, token revoked): any 401 shows the sign-in page.
  useEffect(() => {
    const expiry: Middleware = {
      onResponse({ request, response }) {
        if (response.status === 401 && !new URL(request.url).pathname.endsWith('/session')) setState({ status: 'signed-out' });
        return undefined;
      },
    };
    api.use(expiry);
    return () => api.eject(expiry);
  }, []);

  const signIn = useCallback(async (token: string) => {
    const me = answer<Me>(await api.POST('/session', { body: { token } }));
    startTransition(() => setState({ status: 'signed-in', me }));
    return me;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.DELETE('/session');
    } finally {
      setState({ status: 'signed-out', byUser: true });
    }
  }, []);

  const session = useMemo(() => ({ state, signIn, signOut, refresh }), [state, signIn, signOut, refresh]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user (inside the pages that require a session). */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe without a signed-in user');
  return state.me;
}

/** Whether the signed-in user may write (viewers see no write control). */
export function useCanWrite(): boolean {
  return useMe().role !== 'viewer';
}
