import type { Money } from './common';

export interface TagView {
  code: string;
  url: string;
  sku: string;
  locationId: string;
  serial: string | null;
  scanCount?: number;
  lastScannedAt?: string | null;
}

export interface ScanView {
  tag: TagView & { unitForSale?: boolean };
  location: { id: string; code: string; name: string; pickupEnabled: boolean };
  product: { id: string; title: string; description: string };
  variant: { id: string; sku: string; title: string; price: Money; attributes: Record<string, string> };
  availableHere: number;
  nearby: Array<{ locationId: string; name: string; available: number; distanceKm: number | null }>;
  online: number;
}
