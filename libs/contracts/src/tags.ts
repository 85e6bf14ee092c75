import type { Money } from './common';
import type { Address } from './catalog';

/**
 * A QR tag: on a shelf (serial null: it stands for the SKU at that location) or on one physical unit
 * (serial set). The code is the secret printed in the QR; `url` is the scan page it opens.
 */
export interface TagView {
  code: string;
  url: string;
  sku: string;
  locationId: string;
  serial: string | null;
  /** Staff views only (lists, creation): how often and when it was last scanned. */
  scanCount?: number;
  lastScannedAt?: string | null;
  /** Serial tags: when the unit was marked sold (POST /api/tags/:code/sold). */
  unitSoldAt?: string | null;
  createdAt?: string;
}

/** Another location a shopper could get the item from, nearest first. */
export interface NearbyAvailability {
  locationId: string;
  name: string;
  available: number;
  /** Null when either location has no coordinates. */
  distanceKm: number | null;
  /** Whether the item can be reserved there for click-and-collect. */
  pickup: boolean;
}

/** Everything the scan page (/s/:code) shows, in one answer of GET /api/scan/:code. */
export interface ScanView {
  /** `unitForSale` only on serial tags: the unit is not marked sold and stock is available here. */
  tag: TagView & { unitForSale?: boolean };
  location: { id: string; code: string; name: string; pickupEnabled: boolean; address: Address };
  product: { id: string; title: string; description: string };
  variant: { id: string; sku: string; title: string; price: Money; attributes: Record<string, string> };
  availableHere: number;
  /**
   * Other locations with stock available that a shopper can reach: stores, and any location that
   * takes click-and-collect orders. Nearest first (those without coordinates last), at most 10.
   */
  nearby: NearbyAvailability[];
  /** What the online shop can ship (endless aisle when this store is out). */
  online: number;
}

/** GET /api/locations/:id/labels/stale: a SKU whose printed shelf labels show another price than today's. */
export interface StaleLabelView {
  sku: string;
  title: string;
  printedPrice: Money;
  price: Money;
  printedAt: string;
}

/** POST /api/tags: a shelf tag, or a unit tag with `serial`. */
export interface CreateTagRequest {
  sku: string;
  locationId: string;
  serial?: string;
}

/** Shelf tags for these SKUs at one location (live ones are returned as they are). */
export interface CreateTagBatchRequest {
  skus: string[];
}
