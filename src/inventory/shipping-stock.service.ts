import { Injectable } from '@nestjs/common';
import { sql } from '../database/sql';
import type { Tx } from '../database/unit-of-work';
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
  /** One query: shipping locations where every variant's available stock covers its demand. */
  async candidates(
    tx: Tx,
    demand: Map<string, number>,
    exclude: string[] = [],
  ): Promise<ShippingCandidate[]> {
    const params: Record<string, unknown> = { count: demand.size, exclude };
    const covers = [...demand].map(([variantId, qty], i) => {
      params[`v${i}`] = variantId;
      params[`q${i}`] = qty;
      return `(s.variant_id = :v${i} AND ${availableSql('s')} >= :q${i})`;
    });
    const excluded = exclude.length ? 'AND l.id NOT IN (:...exclude)' : '';
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

  /** Per variant, the most any one shipping location has available (what to tell a shopper who asked too much). */
  async bestAtOneLocation(tx: Tx, variantIds: string[]): Promise<Map<string, number>> {
    const { rows } = await sql<{ variant_id: string; best: number }>(
      tx.em,
      `SELECT s.variant_id, MAX(${availableSql('s')}) AS best
         FROM stock_levels s JOIN locations l ON l.id = s.location_id
        WHERE l.ship_enabled AND s.variant_id IN (:...ids)
        GROUP BY s.variant_id`,
      { ids: variantIds },
    );
    return new Map(rows.map((row) => [row.variant_id, Number(row.best)]));
  }
}
