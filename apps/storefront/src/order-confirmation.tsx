import type { LocationView, OpeningHours, ShipAddress, Weekday } from '@o2o/contracts';
import { countryName, currentLanguage, t } from './i18n';

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The weekday's name in the shop's language (5 Jan 2026 was a Monday). */
const dayName = (index: number) =>
  new Date(Date.UTC(2026, 0, 5 + index)).toLocaleDateString(currentLanguage(), {
    weekday: 'long',
    timeZone: 'UTC',
  });

/** Where a shipment goes, as the shopper typed it, with the country in words. */
export function ShipAddressCard({ address }: { address: ShipAddress }) {
  const m = t();
  return (
    <section class="card" data-testid="ship-address">
      <h2>{m.deliveredTo}</h2>
      <address>
        {address.line1}
        <br />
        {address.line2 && (
          <>
            {address.line2}
            <br />
          </>
        )}
        {address.postalCode} {address.city}
        <br />
        {countryName(address.country)}
      </address>
    </section>
  );
}

/** The store to come to: its address and its opening hours (in its own clock). */
export function PickupStoreCard({ store }: { store: LocationView }) {
  const m = t();
  return (
    <section class="card" data-testid="pickup-store">
      <h2>{m.whereToPickUp}</h2>
      <p>
        <strong>{store.name}</strong>
        <br />
        {store.address.line1}, {store.address.postalCode} {store.address.city}
      </p>
      <OpeningHoursTable hours={store.openingHours} />
    </section>
  );
}

function OpeningHoursTable({ hours }: { hours: OpeningHours }) {
  const m = t();
  // No hours at all: a location open around the clock.
  if (!Object.keys(hours).length) return <p class="muted">{m.openAllHours}</p>;
  return (
    <table class="opening-hours" data-testid="opening-hours">
      <caption>{m.openingHours}</caption>
      <tbody>
        {WEEKDAYS.map((day, index) => (
          <tr key={day}>
            <th scope="row">{dayName(index)}</th>
            <td>
              {hours[day]?.length ? hours[day]!.map(([from, to]) => `${from}–${to}`).join(', ') : m.closed}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
