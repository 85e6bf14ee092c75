/** What can still be promised from a level: never below zero. One definition for every reader. */
export function availableOf(level: { onHand: number; reserved: number; safetyStock: number }): number {
  return Math.max(0, level.onHand - level.reserved - level.safetyStock);
}

/** The same rule in SQL, for queries over stock_levels aliased as `alias`. */
export function availableSql(alias: string): string {
  return `CASE WHEN ${alias}.on_hand - ${alias}.reserved - ${alias}.safety_stock > 0 THEN ${alias}.on_hand - ${alias}.reserved - ${alias}.safety_stock ELSE 0 END`;
}

export interface LatLng {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance in km (haversine), rounded to 0.1 km: what a customer reads, not a route. */
export function distanceKm(from: LatLng, to: LatLng): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(to.lat - from.lat);
  const dLng = rad(to.lng - from.lng);
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(from.lat)) * Math.cos(rad(to.lat)) * Math.sin(dLng / 2) ** 2;
  const km = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  return Math.round(km * 10) / 10;
}

/** What the online shop can sell: the available stock of the locations that ship, summed. */
export function onlineOf(levels: Array<{ available: number; shipEnabled: boolean }>): number {
  return levels.reduce((sum, level) => sum + (level.shipEnabled ? level.available : 0), 0);
}

/** Nearest first; locations without coordinates last; ties by the given order (stable sort). */
export function byDistance<T extends { distanceKm?: number | null }>(items: T[]): T[] {
  const key = (item: T) => item.distanceKm ?? Number.POSITIVE_INFINITY;
  return [...items].sort((a, b) => key(a) - key(b));
}
