import { useMemo, useState } from 'preact/hooks';
import type { LoginResponse } from '../../../libs/contracts/src';
import { api, describeError } from '../../shared/api';
import { AuditScreen } from './audit-screen';
import { ImportScreen } from './import-screen';
import { LocationsScreen } from './locations-screen';
import { ProductsScreen } from './products-screen';
import { ReportsScreen } from './reports-screen';
import { StaffScreen } from './staff-screen';
import {
  BackOfficeContext,
  backOfficeFor,
  clearSession,
  loadSession,
  saveSession,
  type Session,
} from './session';

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  if (!session) return <LoginScreen onSignedIn={setSession} />;
  return (
    <Shell
      session={session}
      onSignOut={() => {
        clearSession();
        setSession(null);
      }}
    />
  );
}

function LoginScreen({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const login = await api<LoginResponse>('/auth/login', { body: { email, password } });
      if (login.user.role !== 'admin' && login.user.role !== 'manager') {
        throw new Error('The back office is for managers and admins.');
      }
      onSignedIn(saveSession(login));
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <form class="card login-card" onSubmit={submit}>
        <h1>Back office</h1>
        <p class="muted">Sign in with a manager or admin account.</p>
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

type Screen = 'products' | 'locations' | 'staff' | 'import' | 'reports' | 'audit';
const SCREENS: Array<{ id: Screen; label: string; adminOnly?: boolean }> = [
  { id: 'products', label: 'Products' },
  { id: 'locations', label: 'Stores' },
  { id: 'staff', label: 'Staff' },
  { id: 'import', label: 'Import / export' },
  { id: 'reports', label: 'Reports' },
  // The audit trail is the owner's view of who changed what (GET /api/audit is admin only).
  { id: 'audit', label: 'Audit', adminOnly: true },
];

function Shell({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const office = useMemo(() => backOfficeFor(session), [session]);
  const [screen, setScreen] = useState<Screen>('products');
  const screens = SCREENS.filter((s) => !s.adminOnly || session.user.role === 'admin');
  return (
    <BackOfficeContext.Provider value={office}>
      <div class="office">
        <header class="topbar">
          <div class="brand">Back office</div>
          <div class="who">
            <span class="muted-ink">
              {session.user.email} ({session.user.role})
            </span>
            <button class="secondary small" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </header>
        <nav class="side-nav" aria-label="Screens">
          {screens.map((s) => (
            <button
              key={s.id}
              data-testid={`nav-${s.id}`}
              class={screen === s.id ? 'nav-item active' : 'nav-item'}
              aria-current={screen === s.id ? 'page' : undefined}
              onClick={() => setScreen(s.id)}
            >
              {s.label}
            </button>
          ))}
        </nav>
        <main class="office-screen">
          {screen === 'products' && <ProductsScreen />}
          {screen === 'locations' && <LocationsScreen />}
          {screen === 'staff' && <StaffScreen />}
          {screen === 'import' && <ImportScreen />}
          {screen === 'reports' && <ReportsScreen />}
          {screen === 'audit' && <AuditScreen />}
        </main>
      </div>
    </BackOfficeContext.Provider>
  );
}
