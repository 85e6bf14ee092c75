import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/unit-of-work';
import { distanceKm, LatLng } from '../inventory/availability';
import { ShippingStock, type ShippingCandidate } from '../inventory/shipping-stock.service';

/** A location that could fulfil a whole order, with what ranking needs. */
export type SourcingCandidate = ShippingCandidate;

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
  constructor(private readonly stock: ShippingStock) {}

  async choose(tx: Tx, request: SourcingRequest): Promise<string | null> {
    const candidates = await this.stock.candidates(tx, demandByVariant(request.lines), request.exclude);
    return rankCandidates(candidates, request.destination)[0]?.locationId ?? null;
  }
}
