import type { LocationAvailability, NearbyAvailability } from '@o2o/contracts';

/** How many other locations a scan lists: what fits on a phone screen. */
export const MAX_NEARBY = 10;

export interface PlaceInfo {
  id: string;
  name: string;
  type: 'store' | 'warehouse';
  pickupEnabled: boolean;
}

/**
 * The other places a shopper who scanned at `hereId` could get the item: those with stock available
 * that they can reach (a store to walk into, or any location taking click-and-collect orders).
 * Keeps the order given (nearest first), at most MAX_NEARBY.
 */
export function nearbyOf(
  hereId: string,
  perLocation: LocationAvailability[],
  places: Map<string, PlaceInfo>,
): NearbyAvailability[] {
  const nearby: NearbyAvailability[] = [];
  for (const entry of perLocation) {
    const place = places.get(entry.locationId);
    if (!place || entry.locationId === hereId || entry.available <= 0) continue;
    if (place.type !== 'store' && !place.pickupEnabled) continue;
    nearby.push({
      locationId: entry.locationId,
      name: place.name,
      available: entry.available,
      distanceKm: entry.distanceKm ?? null,
      pickup: place.pickupEnabled,
    });
    if (nearby.length === MAX_NEARBY) break;
  }
  return nearby;
}

/** A serial tag's unit can be sold while it is not marked sold and the store has stock of it. */
export function unitForSale(tag: { serial: string; unit_sold_at: string | null }, availableHere: number) {
  return tag.serial ? tag.unit_sold_at === null && availableHere > 0 : undefined;
}
