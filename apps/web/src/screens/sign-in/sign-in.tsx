import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/problem';
import { useSession } from '../../app/session';

/** Only a path of this app: never another site (`//host`) after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/alignment';
}

/**
 * Sign in with a token (an admin's, or the one an admin issued to a user): exchanged for a session cookie, so the
 * token itself is never kept by the browser.
 */
export function SignIn() {
  const { state, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const next = safeNext(params.get('next'));

  useEffect(() => input.current?.focus(), []);

  if (state.status === 'signed-in' && !busy) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (token.trim() === '') {
      setError('Enter your token.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(token.trim());
      navigate(next, { replace: true });
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 401
          ? 'This token is not valid. Ask an administrator for a new one.'
          : failure instanceof ApiError
            ? (failure.fieldMessage('token') ?? errorMessage(failure))
            : errorMessage(failure),
      );
      setBusy(false);
      input.current?.focus();
    }
  }

  return (
    <main id="main" className="sign-in">
      <form className="card" onSubmit={(event) => void submit(event)} noValidate>
        <h1>Sign in to OKR</h1>
        <p className="hint">
          Use the token an administrator gave you. On a new server, the administrator&rsquo;s token is printed once when it first starts.
        </p>
        <label htmlFor="token">Token</label>
        <input
          id="token"
          ref={input}
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'token-error' : undefined}
        />
        {error && (
          <p id="token-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
