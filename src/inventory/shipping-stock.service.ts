import { Injectable } from '@nestjs/common';
import { sql } from '../database/sql';
import type { Tx } from '../database/unit-of-work';
import type { Location } from '../locations/location.entity';
import { LocationsService } from '../locations/locations.service';
import { availableSql } from './availability';

/** A shipping location that has every demanded variant available, with what ranking it needs. */
export interface ShippingCandidate {
  locationId: string;
  lat: number | null;
  lng: number | null;
  /** Available units of the demanded variants there, summed. */
  available: number;
}

/**
 * The reads on stock levels that choosing a shipping location needs, so that orders never query
 * inventory's tables: inventory owns `stock_levels`, orders ask it.
 */
@Injectable()
export class ShippingStock {
  constructor(private readonly locations: LocationsService) {}

  /** One query: shipping locations where every variant's available stock covers its demand. */
  async candidates(
    tx: Tx,
    demand: Map<string, number>,
    exclude: string[] = [],
  ): Promise<ShippingCandidate[]> {
    const shipping = await this.shippingLocations(tx, exclude);
    if (!shipping.size) return [];
    const params: Record<string, unknown> = { count: demand.size, locationIds: [...shipping.keys()] };
    const covers = [...demand].map(([variantId, qty], i) => {
      params[`v${i}`] = variantId;
      params[`q${i}`] = qty;
      return `(s.variant_id = :v${i} AND ${availableSql('s')} >= :q${i})`;
    });
    const { rows } = await sql<{ location_id: string; total: number }>(
      tx.em,
      `SELECT s.location_id, SUM(${availableSql('s')}) AS total
         FROM stock_levels s
        WHERE s.location_id IN (:...locationIds) AND (${covers.join(' OR ')})
        GROUP BY s.location_id
       HAVING COUNT(*) = :count`,
      params,
    );
    return rows.map((row) => {
      const location = shipping.get(row.location_id)!;
      return {
        locationId: row.location_id,
        lat: location.lat,
        lng: location.lng,
        available: Number(row.total),
      };
    });
  }

  /** Per variant, the most any one shipping location has available (what to tell a shopper who asked too much). */
  async bestAtOneLocation(tx: Tx, variantIds: string[]): Promise<Map<string, number>> {
    const shipping = await this.shippingLocations(tx, []);
    if (!shipping.size) return new Map();
    const { rows } = await sql<{ variant_id: string; best: number }>(
      tx.em,
      `SELECT s.variant_id, MAX(${availableSql('s')}) AS best
         FROM stock_levels s
        WHERE s.location_id IN (:...locationIds) AND s.variant_id IN (:...ids)
        GROUP BY s.variant_id`,
      { ids: variantIds, locationIds: [...shipping.keys()] },
    );
    return new Map(rows.map((row) => [row.variant_id, Number(row.best)]));
  }

  private async shippingLocations(tx: Tx, exclude: string[]): Promise<Map<string, Location>> {
    const all = await this.locations.list(tx);
    return new Map(
      all.filter((l) => l.shipEnabled && !exclude.includes(l.id)).map((location) => [location.id, location]),
    );
  }
}
