import { useState } from 'preact/hooks';
import type { LoginResponse, UserView } from '@o2o/contracts';
import { api, describeError } from './api';

/**
 * The sign-in form of a staff app. `refuse` names why an account may not use this app (or null), so
 * a customer's correct password still does not open the terminal; `onStart` runs inside the click
 * (e.g. to unlock audio, which browsers allow only in a user gesture).
 */
export function LoginScreen(props: {
  title: string;
  hint: string;
  refuse: (user: UserView) => string | null;
  onStart?: () => void;
  onSignedIn: (login: LoginResponse) => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    props.onStart?.();
    setBusy(true);
    setError(null);
    try {
      const login = await api<LoginResponse>('/auth/login', { body: { email, password } });
      const refusal = props.refuse(login.user);
      if (refusal) throw new Error(refusal);
      props.onSignedIn(login);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <form class="card login-card" onSubmit={submit}>
        <h1>{props.title}</h1>
        <p class="muted">{props.hint}</p>
        {error && (
          <p class="notice error" role="alert">
            {error}
          </p>
        )}
        <label>
          Email
          <input
            data-testid="login-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label>
          Password
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <button data-testid="login-submit" class="big" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
