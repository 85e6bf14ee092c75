import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AvailabilityView, LocationAvailability } from '../../libs/contracts/src';
import { CatalogService } from '../catalog/catalog.service';
import { sql } from '../database/sql';
import { LocationsService } from '../locations/locations.service';
import { availableOf, byDistance, distanceKm, LatLng, onlineOf } from './availability';

interface LevelRow {
  variant_id: string;
  location_id: string;
  on_hand: number;
  reserved: number;
  safety_stock: number;
}

/**
 * What may still be promised, for the online shop and the scan page: per location (never on-hand or
 * reserved, which are for staff) and online. Stock in transit counts nowhere: it has left the source
 * level and not yet reached the destination's.
 */
@Injectable()
export class AvailabilityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly locations: LocationsService,
  ) {}

  /** One answer per distinct SKU, in the order asked; 404 NOT_FOUND naming unknown SKUs. */
  async forSkus(skus: string[], near?: LatLng): Promise<AvailabilityView[]> {
    const wanted = [...new Set(skus)];
    const variants = await this.catalog.variantsBySkus(wanted);
    const locations = await this.locations.list();
    const levels = await this.levelsOf([...variants.values()].map((v) => v.id));
    return wanted.map((sku) => {
      const variant = variants.get(sku)!;
      const perLocation = locations.map((location) => {
        const level = levels.get(`${variant.id}|${location.id}`);
        const available = level ? availableOf(level) : 0;
        const entry: LocationAvailability = {
          locationId: location.id,
          available,
          pickup: !!location.pickupEnabled,
        };
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

  private async levelsOf(variantIds: string[]) {
    const byKey = new Map<string, { onHand: number; reserved: number; safetyStock: number }>();
    if (!variantIds.length) return byKey;
    // The primary key (variant_id, location_id) serves this lookup: cost grows with the SKUs asked only.
    const { rows } = await sql<LevelRow>(
      this.dataSource.manager,
      `SELECT variant_id, location_id, on_hand, reserved, safety_stock FROM stock_levels
       WHERE variant_id IN (:...variantIds)`,
      { variantIds },
    );
    for (const row of rows) {
      byKey.set(`${row.variant_id}|${row.location_id}`, {
        onHand: Number(row.on_hand),
        reserved: Number(row.reserved),
        safetyStock: Number(row.safety_stock),
      });
    }
    return byKey;
  }
}
