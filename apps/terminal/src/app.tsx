import { useEffect, useMemo, useState } from 'preact/hooks';
import type { LocationView, Page } from '@o2o/contracts';
import { api } from '../../shared/api';
import { useLoad } from '../../shared/hooks';
import { unlockChime } from './chime';
import { TerminalContext, type Terminal } from './context';
import { LiveFeed, type LiveStatus } from './live-feed';
import { OrdersScreen } from './orders-screen';
import { SaleScreen } from './sale-screen';
import { StockScreen } from './stock-screen';
import { TransfersScreen } from './transfers-screen';
import { LabelsScreen } from './labels-screen';
import { DayScreen } from './day-screen';
import { ReturnsScreen } from './returns-screen';
import { LoginScreen } from '../../shared/login-screen';
import { authorisedCall, type Session } from '../../shared/session';
import { loadLocationChoice, saveLocationChoice, terminalSession } from './session';

export function App() {
  const [session, setSession] = useState<Session | null>(terminalSession.load);
  if (!session) {
    return (
      <LoginScreen
        title="Store terminal"
        hint="Sign in with your staff account."
        refuse={(user) => (user.role === 'customer' ? 'This terminal is for store staff.' : null)}
        onStart={unlockChime}
        onSignedIn={(login) => setSession(terminalSession.save(login))}
      />
    );
  }
  return (
    <SignedIn
      session={session}
      onSignOut={() => {
        terminalSession.clear();
        setSession(null);
      }}
    />
  );
}

function SignedIn({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const call = useMemo(() => authorisedCall(session), [session]);
  const locations = useLoad(async () => {
    const answer = await api<Page<LocationView> | LocationView[]>('/locations?limit=500');
    return Array.isArray(answer) ? answer : answer.items;
  }, [session]);
  const [choice, setChoice] = useState<string | null>(loadLocationChoice);

  if (locations.error) return <p class="notice error page-error">{locations.error}</p>;
  if (!locations.value) return <p class="page-loading">Loading…</p>;
  const all = locations.value;
  const mine =
    session.user.role === 'admin' ? all : all.filter((l) => session.user.locationIds.includes(l.id));
  // Staff of one store go straight to it; a switcher is only for those who work at several.
  const location = mine.length === 1 ? mine[0] : (mine.find((l) => l.id === choice) ?? null);
  const choose = (id: string) => {
    saveLocationChoice(id);
    setChoice(id);
  };
  if (!location) {
    return (
      <main class="login">
        <div class="card login-card">
          <h1>Choose your store</h1>
          {mine.length === 0 && <p class="notice warn">Your account has no store yet.</p>}
          <LocationSelect locations={mine} value="" onChange={choose} />
          <button class="secondary" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </main>
    );
  }
  return (
    <Shell
      key={location.id}
      session={session}
      location={location}
      locations={mine}
      allLocations={all}
      call={call}
      onLocation={choose}
      onSignOut={onSignOut}
    />
  );
}

function LocationSelect(props: { locations: LocationView[]; value: string; onChange: (id: string) => void }) {
  return (
    <label>
      Store
      <select
        data-testid="location-select"
        value={props.value}
        onChange={(e) => e.currentTarget.value && props.onChange(e.currentTarget.value)}
      >
        {!props.value && <option value="">Choose a store…</option>}
        {props.locations.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name} ({l.code})
          </option>
        ))}
      </select>
    </label>
  );
}

type Tab = 'orders' | 'stock' | 'transfers' | 'sale' | 'returns' | 'labels' | 'day';
const TABS: Array<{ id: Tab; label: string }> = [
  { id: 'orders', label: 'Orders' },
  { id: 'stock', label: 'Stock' },
  { id: 'transfers', label: 'Transfers' },
  { id: 'sale', label: 'Counter sale' },
  { id: 'returns', label: 'Returns' },
  { id: 'labels', label: 'Labels' },
  { id: 'day', label: 'End of day' },
];

function Shell(props: {
  session: Session;
  location: LocationView;
  locations: LocationView[];
  allLocations: LocationView[];
  call: Terminal['call'];
  onLocation: (id: string) => void;
  onSignOut: () => void;
}) {
  const feed = useMemo(
    () => new LiveFeed(props.session.token, props.location.id),
    [props.session, props.location],
  );
  const [status, setStatus] = useState<LiveStatus>(feed.status);
  const [tab, setTab] = useState<Tab>('orders');
  const [newOrders, setNewOrders] = useState(0);
  useEffect(() => {
    const off = feed.onStatus(setStatus);
    feed.start();
    return () => {
      off();
      feed.stop();
    };
  }, [feed]);
  useEffect(() => {
    document.title = newOrders ? `(${newOrders}) Store terminal` : 'Store terminal';
  }, [newOrders]);
  const terminal: Terminal = {
    session: props.session,
    location: props.location,
    locations: props.locations,
    allLocations: props.allLocations,
    feed,
    call: props.call,
  };
  const online = status === 'online';
  return (
    <TerminalContext.Provider value={terminal}>
      <div class="shell">
        <header class="topbar">
          <div class="brand">Store terminal</div>
          <div class="topbar-location">
            {props.locations.length > 1 ? (
              <LocationSelect
                locations={props.locations}
                value={props.location.id}
                onChange={props.onLocation}
              />
            ) : (
              <strong class="store-name">{props.location.name}</strong>
            )}
          </div>
          <div
            class={`connection ${online ? 'is-online' : 'is-offline'}`}
            role="status"
            aria-live="polite"
            title={
              online
                ? 'Live: new orders appear at once'
                : 'Offline: reconnecting, missed changes will be filled in'
            }
          >
            <span class="dot" aria-hidden="true" />
            <span data-testid="connection-status">{online ? 'online' : 'offline'}</span>
          </div>
          <div class="who">
            <span class="muted who-email">{props.session.user.email}</span>
            <button class="secondary small" onClick={props.onSignOut}>
              Sign out
            </button>
          </div>
        </header>
        <nav class="tabs" aria-label="Screens">
          {TABS.map((t) => (
            <button
              key={t.id}
              data-testid={`nav-${t.id}`}
              class={tab === t.id ? 'tab active' : 'tab'}
              aria-current={tab === t.id ? 'page' : undefined}
              onClick={() => setTab(t.id)}
            >
              {t.label}
              {t.id === 'orders' && newOrders > 0 && (
                <span class="badge" aria-label={`${newOrders} new`}>
                  {newOrders}
                </span>
              )}
            </button>
          ))}
        </nav>
        {!online && (
          <p class="notice warn offline-banner" role="alert">
            Offline — reconnecting. Changes made meanwhile will appear once the connection is back.
          </p>
        )}
        <main class="screen">
          <div hidden={tab !== 'orders'} class="screen-fill">
            <OrdersScreen onUnseenCount={setNewOrders} />
          </div>
          {tab === 'stock' && <StockScreen />}
          {tab === 'transfers' && <TransfersScreen />}
          {tab === 'sale' && <SaleScreen />}
          {tab === 'returns' && <ReturnsScreen />}
          {tab === 'labels' && <LabelsScreen />}
          {tab === 'day' && <DayScreen />}
        </main>
      </div>
    </TerminalContext.Provider>
  );
}
