import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AvailabilityView, LocationAvailability } from '@o2o/contracts';
import { unknownSkus } from '../catalog/catalog.service';
import { sql } from '../database/sql';
import { Clock } from '../common/clock';
import type { Location } from '../locations/location.entity';
import { LocationsService } from '../locations/locations.service';
import { promisedReadyBy } from '../locations/opening-hours';
import { availableOf, byDistance, distanceKm, LatLng, onlineOf } from './availability';
import { LevelsCache, SkuLevels } from './levels-cache';

/** A SKU with one of its levels; the level columns are null for a SKU stocked nowhere yet. */
interface SkuLevelRow {
  sku: string;
  location_id: string | null;
  on_hand: number | null;
  reserved: number | null;
  safety_stock: number | null;
}

/**
 * What may still be promised, for the online shop and the scan page: per location (never on-hand or
 * reserved, which are for staff) and online. Stock in transit counts nowhere: it has left the source
 * level and not yet reached the destination's.
 */
@Injectable()
export class AvailabilityService {
  private readonly promises = new WeakMap<Location, { minute: number; readyBy: string | null }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly locations: LocationsService,
    private readonly cache: LevelsCache,
    private readonly clock: Clock,
  ) {}

  /** One answer per distinct SKU, in the order asked; 404 NOT_FOUND naming unknown SKUs. */
  async forSkus(skus: string[], near?: LatLng): Promise<AvailabilityView[]> {
    const wanted = [...new Set(skus)];
    const levels = await this.levelsOf(wanted);
    const missing = wanted.filter((sku) => !levels.has(sku));
    if (missing.length) throw unknownSkus(missing);
    const locations = await this.locations.list();
    const readyBy = this.readyByOf(locations);
    return wanted.map((sku) => {
      const perLocation = locations.map((location) => {
        const level = levels.get(sku)!.get(location.id);
        const available = level ? availableOf(level) : 0;
        const entry: LocationAvailability = {
          locationId: location.id,
          available,
          pickup: !!location.pickupEnabled,
        };
        const promised = readyBy.get(location.id);
        if (promised) entry.readyBy = promised;
        if (near) {
          entry.distanceKm =
            location.lat == null || location.lng == null
              ? undefined
              : distanceKm(near, { lat: Number(location.lat), lng: Number(location.lng) });
        }
        return { entry, shipEnabled: !!location.shipEnabled };
      });
      const online = onlineOf(
        perLocation.map((p) => ({ available: p.entry.available, shipEnabled: p.shipEnabled })),
      );
      const entries = perLocation.map((p) => p.entry);
      return { sku, online, locations: near ? byDistance(entries) : entries };
    });
  }

  /**
   * When an order placed now would be ready at each pickup location. This is the busiest public read:
   * a location's promise is worked out once a minute (a promise is rounded to 5 minutes anyway), and
   * again as soon as the location itself is read anew (its hours may have changed).
   */
  private readyByOf(locations: Location[]): Map<string, string> {
    const now = this.clock.now();
    const minute = Math.floor(now.getTime() / 60_000);
    const byId = new Map<string, string>();
    for (const location of locations) {
      if (!location.pickupEnabled) continue;
      let promise = this.promises.get(location);
      if (promise?.minute !== minute) {
        // From the end of the minute: what is shown is never earlier than an order placed in it gets.
        const endOfMinute = new Date((minute + 1) * 60_000);
        promise = { minute, readyBy: promisedReadyBy(endOfMinute, location)?.toISOString() ?? null };
        this.promises.set(location, promise);
      }
      if (promise.readyBy) byId.set(location.id, promise.readyBy);
    }
    return byId;
  }

  /**
   * The levels of these SKUs by SKU, then by location id (from the cache where it has them). A SKU
   * absent from the answer does not exist.
   */
  private async levelsOf(skus: string[]): Promise<Map<string, SkuLevels>> {
    const bySku = new Map<string, SkuLevels>();
    const unknown: string[] = [];
    for (const sku of skus) {
      const cached = this.cache.get(sku);
      if (cached) bySku.set(sku, cached);
      else unknown.push(sku);
    }
    if (!unknown.length) return bySku;
    const keep = this.cache.beginRead();
    const read = await this.readLevels(unknown);
    keep(read);
    for (const [sku, levels] of read) bySku.set(sku, levels);
    return bySku;
  }

  /**
   * The levels of these SKUs in one query: the SKU index finds each variant, the stock_levels primary
   * key (variant_id, location_id) its levels, so the cost grows with the SKUs asked only. (The
   * catalog's variants table is joined here rather than asked through CatalogService: this is the
   * busiest public read.)
   */
  private async readLevels(skus: string[]): Promise<Map<string, SkuLevels>> {
    const bySku = new Map<string, SkuLevels>();
    const { rows } = await sql<SkuLevelRow>(
      this.dataSource.manager,
      `SELECT v.sku, s.location_id, s.on_hand, s.reserved, s.safety_stock
         FROM variants v LEFT JOIN stock_levels s ON s.variant_id = v.id
        WHERE v.sku IN (:...skus)`,
      { skus },
    );
    for (const row of rows) {
      const levels: SkuLevels = bySku.get(row.sku) ?? new Map();
      bySku.set(row.sku, levels);
      if (row.location_id === null) continue;
      levels.set(row.location_id, {
        onHand: Number(row.on_hand),
        reserved: Number(row.reserved),
        safetyStock: Number(row.safety_stock),
      });
    }
    return bySku;
  }
}
