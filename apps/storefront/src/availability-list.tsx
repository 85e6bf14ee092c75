import type { LocationAvailability } from '@o2o/contracts';
import { formatDistance, formatTime } from '../../shared/format';

export interface AvailabilityRow extends LocationAvailability {
  name: string;
  distanceKm?: number;
  /** The store's time zone, for its ready-by time. */
  timezone?: string;
}

/** One line per store: how many can be picked up there today, nearest first when known. */
export function AvailabilityList(props: {
  rows: AvailabilityRow[];
  actionLabel?: string;
  onChoose?: (row: AvailabilityRow) => void;
}) {
  if (!props.rows.length) return <p class="muted">Not in stock at any store right now.</p>;
  return (
    <ul class="availability">
      {props.rows.map((row) => (
        <li
          key={row.locationId}
          data-testid="location-availability"
          data-location-id={row.locationId}
          data-available={row.available}
          class={row.available > 0 ? 'in-stock' : 'out-of-stock'}
        >
          <div>
            <strong>{row.name}</strong>
            {row.distanceKm !== undefined && row.distanceKm !== null && (
              <span class="muted"> · {formatDistance(row.distanceKm)}</span>
            )}
            <div class="stock-line">
              {row.available > 0
                ? row.pickup
                  ? `Pick up today: ${row.available} left`
                  : `${row.available} in store`
                : 'Out of stock'}
            </div>
            {row.pickup && row.available > 0 && row.readyBy && (
              <div class="muted" data-testid="ready-by">
                Ready by {formatTime(row.readyBy, row.timezone)}
              </div>
            )}
          </div>
          {props.onChoose && row.pickup && row.available > 0 && (
            <button class="secondary" onClick={() => props.onChoose!(row)}>
              {props.actionLabel ?? 'Choose'}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
