import { Injectable } from '@nestjs/common';
import { sql } from '../database/sql';
import type { Tx } from '../database/unit-of-work';
import { availableSql, distanceKm, LatLng } from '../inventory/availability';

/** A location that could fulfil a whole order, with what ranking needs. */
export interface SourcingCandidate {
  locationId: string;
  lat: number | null;
  lng: number | null;
  /** Available units of the order's variants there, summed. */
  available: number;
}

export interface SourcingRequest {
  lines: Array<{ variantId: string; qty: number }>;
  destination?: Partial<LatLng>;
  /** Locations not to consider (e.g. the one that just came up short). */
  exclude?: string[];
}

/**
 * Which location ships an order that names none. A variation point: bind another implementation to
 * SOURCING_STRATEGY to source differently (by cost, by store workload, split shipments...).
 * The choice is advice only: the reservation that follows is what checks the stock.
 */
export interface SourcingStrategy {
  choose(tx: Tx, request: SourcingRequest): Promise<string | null>;
}

export const SOURCING_STRATEGY = Symbol('SOURCING_STRATEGY');

/**
 * Nearest to the destination where both have coordinates (locations without them after those with),
 * otherwise the one with the most stock; ties by id, so the choice is the same on every instance.
 */
export function rankCandidates(
  candidates: SourcingCandidate[],
  destination?: Partial<LatLng>,
): SourcingCandidate[] {
  const to = destination?.lat != null && destination?.lng != null ? (destination as LatLng) : null;
  const distance = (c: SourcingCandidate) =>
    to && c.lat != null && c.lng != null
      ? distanceKm(to, { lat: c.lat, lng: c.lng })
      : Number.POSITIVE_INFINITY;
  return [...candidates].sort(
    (a, b) =>
      distance(a) - distance(b) ||
      b.available - a.available ||
      (a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0),
  );
}

/** Sums the demand per variant: an order may name a SKU twice. */
export function demandByVariant(lines: SourcingRequest['lines']): Map<string, number> {
  const demand = new Map<string, number>();
  for (const line of lines) demand.set(line.variantId, (demand.get(line.variantId) ?? 0) + line.qty);
  return demand;
}

/** The default: one shipping location that has every line available, ranked by rankCandidates. */
@Injectable()
export class NearestSourcingStrategy implements SourcingStrategy {
  async choose(tx: Tx, request: SourcingRequest): Promise<string | null> {
    const candidates = await this.candidates(tx, request);
    return rankCandidates(candidates, request.destination)[0]?.locationId ?? null;
  }

  /** One query: shipping locations where every variant's available stock covers its demand. */
  private async candidates(tx: Tx, request: SourcingRequest): Promise<SourcingCandidate[]> {
    const demand = [...demandByVariant(request.lines)];
    const params: Record<string, unknown> = { count: demand.length, exclude: request.exclude ?? [] };
    const covers = demand.map(([variantId, qty], i) => {
      params[`v${i}`] = variantId;
      params[`q${i}`] = qty;
      return `(s.variant_id = :v${i} AND ${availableSql('s')} >= :q${i})`;
    });
    const excluded = request.exclude?.length ? 'AND l.id NOT IN (:...exclude)' : '';
    const { rows } = await sql<{
      location_id: string;
      lat: number | null;
      lng: number | null;
      total: number;
    }>(
      tx.em,
      `SELECT s.location_id, l.lat, l.lng, SUM(${availableSql('s')}) AS total
         FROM stock_levels s JOIN locations l ON l.id = s.location_id
        WHERE l.ship_enabled ${excluded} AND (${covers.join(' OR ')})
        GROUP BY s.location_id, l.lat, l.lng
       HAVING COUNT(*) = :count`,
      params,
    );
    return rows.map((row) => ({
      locationId: row.location_id,
      lat: row.lat == null ? null : Number(row.lat),
      lng: row.lng == null ? null : Number(row.lng),
      available: Number(row.total),
    }));
  }
}
