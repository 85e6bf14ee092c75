import type { LocationAvailability } from '@o2o/contracts';
import { formatDistance } from '../../shared/format';
import { t, whenInWords } from './i18n';

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
  const m = t();
  if (!props.rows.length) return <p class="muted">{m.notInAnyStore}</p>;
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
                  ? m.pickUpLeft(row.available)
                  : m.inStore(row.available)
                : m.outOfStock}
            </div>
            {row.pickup && row.available > 0 && row.readyBy && (
              <div class="muted" data-testid="ready-by">
                {m.readyBy} {whenInWords(row.readyBy, row.timezone)}
              </div>
            )}
          </div>
          {props.onChoose && row.pickup && row.available > 0 && (
            <button class="secondary" onClick={() => props.onChoose!(row)}>
              {props.actionLabel ?? m.choose}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
