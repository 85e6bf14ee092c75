import { useState } from 'preact/hooks';
import type { Closure, LocationView, OpeningHours, Page } from '@o2o/contracts';
import { useAction, useLoad } from '../../shared/hooks';
import { SafetyStockPanel } from './safety-stock-panel';
import { useBackOffice } from './session';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Stores: opening hours, closures, pickup preparation time and what each store offers. */
export function LocationsScreen() {
  const { call, session } = useBackOffice();
  const locations = useLoad(() => call<Page<LocationView>>('/locations?limit=500'), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const mine = (locations.value?.items ?? []).filter(
    (l) => session.user.role === 'admin' || session.user.locationIds.includes(l.id),
  );
  const location = mine.find((l) => l.id === chosen) ?? null;
  const replace = (next: LocationView) =>
    locations.setValue((page) =>
      page ? { ...page, items: page.items.map((l) => (l.id === next.id ? next : l)) } : page,
    );
  return (
    <div class="split">
      <section class="card list-panel">
        <h2>Stores</h2>
        {locations.error && <p class="notice error">{locations.error}</p>}
        <ul class="plain-list">
          {mine.map((l) => (
            <li key={l.id} data-testid="location-row" data-location-id={l.id}>
              <button class={l.id === chosen ? 'link chosen' : 'link'} onClick={() => setChosen(l.id)}>
                {l.name} ({l.code})
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section class="card editor-panel">
        {location ? (
          <>
            <LocationEditor key={location.id} location={location} onSaved={replace} />
            <SafetyStockPanel key={`stock-${location.id}`} locationId={location.id} />
          </>
        ) : (
          <p class="muted">Choose a store to change its hours, closures and pickup settings.</p>
        )}
      </section>
    </div>
  );
}

/** "09:00-12:30, 13:30-18:00" ⇄ [["09:00","12:30"],["13:30","18:00"]]; empty means closed. */
function hoursText(spans: Array<[string, string]> | undefined): string {
  return (spans ?? []).map(([from, to]) => `${from}-${to}`).join(', ');
}
function parseHours(text: string): Array<[string, string]> | null {
  if (!text.trim()) return [];
  const spans = text.split(',').map((part) =>
    part
      .trim()
      .split('-')
      .map((t) => t.trim()),
  );
  if (spans.some((span) => span.length !== 2 || span.some((t) => !/^\d{2}:\d{2}$/.test(t)))) return null;
  return spans as Array<[string, string]>;
}

function LocationEditor(props: { location: LocationView; onSaved: (l: LocationView) => void }) {
  const { call } = useBackOffice();
  const { location } = props;
  const [hours, setHours] = useState(() =>
    Object.fromEntries(WEEKDAYS.map((day) => [day, hoursText(location.openingHours[day])])),
  );
  const [closures, setClosures] = useState(location.closures.map((c) => c.date).join(', '));
  const [prep, setPrep] = useState(String(location.pickupPrepMinutes));
  const [pickup, setPickup] = useState(location.pickupEnabled);
  const [ship, setShip] = useState(location.shipEnabled);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();

  const save = () =>
    run(async () => {
      const openingHours: OpeningHours = {};
      for (const day of WEEKDAYS) {
        const spans = parseHours(hours[day]);
        if (!spans) throw new Error(`The hours of ${day} should read like 09:00-18:00, 19:00-21:00.`);
        openingHours[day] = spans;
      }
      const closureList: Closure[] = closures
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((date) => ({ date }));
      const minutes = Number(prep);
      if (!Number.isInteger(minutes) || minutes < 0) throw new Error('Preparation time is whole minutes.');
      const next = await call<LocationView>(`/locations/${location.id}`, {
        method: 'PATCH',
        body: {
          openingHours,
          closures: closureList,
          pickupPrepMinutes: minutes,
          pickupEnabled: pickup,
          shipEnabled: ship,
        },
      });
      props.onSaved(next);
      setSaved(true);
    });

  return (
    <div class="editor">
      <h2>
        {location.name} <span class="muted">({location.timezone})</span>
      </h2>
      <fieldset class="hours">
        <legend>Opening hours (empty: closed)</legend>
        {WEEKDAYS.map((day) => (
          <label key={day} class="inline">
            <span class="day">{day}</span>
            <input
              value={hours[day]}
              placeholder="closed"
              onInput={(e) => {
                const text = e.currentTarget.value;
                setHours((all) => ({ ...all, [day]: text }));
              }}
            />
          </label>
        ))}
      </fieldset>
      <label>
        Closed on (dates, comma separated, YYYY-MM-DD)
        <input value={closures} onInput={(e) => setClosures(e.currentTarget.value)} />
      </label>
      <label>
        Minutes to prepare a pickup order
        <input inputMode="numeric" value={prep} onInput={(e) => setPrep(e.currentTarget.value)} />
      </label>
      <label class="check">
        <input type="checkbox" checked={pickup} onChange={(e) => setPickup(e.currentTarget.checked)} />
        Customers may pick up here
      </label>
      <label class="check">
        <input type="checkbox" checked={ship} onChange={(e) => setShip(e.currentTarget.checked)} />
        Ships orders from here
      </label>
      {error && <p class="notice error">{error}</p>}
      {saved && !error && <p class="notice info">Saved.</p>}
      <button data-testid="save" class="big" disabled={busy} onClick={() => void save()}>
        {busy ? 'Saving…' : 'Save'}
      </button>
    </div>
  );
}
