import { Injectable } from '@nestjs/common';
import type { ScanView } from '@o2o/contracts';
import { CatalogService } from '../catalog/catalog.service';
import { AvailabilityService } from '../inventory/availability.service';
import { LocationsService } from '../locations/locations.service';
import { nearbyOf, PlaceInfo, unitForSale } from './scan-view';
import { tagNotFound, TagsService } from './tags.service';

/**
 * What a shopper sees after scanning a tag: the item, its price and live availability here, nearby
 * and online, read from the same AvailabilityService the shop uses. Every scan is counted.
 */
@Injectable()
export class ScanService {
  constructor(
    private readonly tags: TagsService,
    private readonly catalog: CatalogService,
    private readonly locations: LocationsService,
    private readonly availability: AvailabilityService,
  ) {}

  async scan(code: string): Promise<ScanView> {
    const tag = await this.tags.countScan(code);
    const [product, locations] = await Promise.all([
      this.catalog.product(tag.product_id),
      this.locations.list(),
    ]);
    const here = locations.find((location) => location.id === tag.location_id);
    const variant = product.variants.find((v) => v.id === tag.variant_id);
    if (!here || !variant) throw tagNotFound(); // its location or variant was deleted since
    const near =
      here.lat == null || here.lng == null ? undefined : { lat: Number(here.lat), lng: Number(here.lng) };
    const [availability] = await this.availability.forSkus([variant.sku], near);
    const availableHere = availability.locations.find((l) => l.locationId === here.id)?.available ?? 0;
    const places = new Map<string, PlaceInfo>(
      locations.map((l) => [
        l.id,
        { id: l.id, name: l.name, type: l.type, pickupEnabled: !!l.pickupEnabled },
      ]),
    );
    return {
      tag: { ...this.tags.toView(tag), unitForSale: unitForSale(tag, availableHere) },
      location: {
        id: here.id,
        code: here.code,
        name: here.name,
        pickupEnabled: !!here.pickupEnabled,
        address: here.address,
      },
      product: { id: product.id, title: product.title, description: product.description },
      variant: {
        id: variant.id,
        sku: variant.sku,
        title: variant.title,
        price: variant.price,
        attributes: variant.attributes,
      },
      availableHere,
      nearby: nearbyOf(here.id, availability.locations, places),
      online: availability.online,
    };
  }
}
