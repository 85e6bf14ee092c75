import { useMemo, useState } from 'preact/hooks';
import { AuditScreen } from './audit-screen';
import { ImportScreen } from './import-screen';
import { LocationsScreen } from './locations-screen';
import { ProductsScreen } from './products-screen';
import { ReportsScreen } from './reports-screen';
import { StaffScreen } from './staff-screen';
import { LoginScreen } from '../../shared/login-screen';
import type { Session } from '../../shared/session';
import { adminSession, BackOfficeContext, backOfficeFor } from './session';

export function App() {
  const [session, setSession] = useState<Session | null>(adminSession.load);
  if (!session) {
    return (
      <LoginScreen
        title="Back office"
        hint="Sign in with a manager or admin account."
        refuse={(user) =>
          user.role === 'admin' || user.role === 'manager'
            ? null
            : 'The back office is for managers and admins.'
        }
        onSignedIn={(login) => setSession(adminSession.save(login))}
      />
    );
  }
  return (
    <Shell
      session={session}
      onSignOut={() => {
        adminSession.clear();
        setSession(null);
      }}
    />
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
