import type { Money } from './common';

export type LocationType = 'store' | 'warehouse';

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

/** Opening hours per weekday (mon..sun), local time "HH:mm"; a missing day is closed. */
export type OpeningHours = Partial<
  Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', { open: string; close: string }>
>;

export interface LocationView {
  id: string;
  code: string;
  name: string;
  type: LocationType;
  address: Address;
  lat: number | null;
  lng: number | null;
  timezone: string;
  openingHours: OpeningHours;
  pickupEnabled: boolean;
  shipEnabled: boolean;
  pickupHoldHours: number;
}

export interface VariantView {
  id: string;
  productId: string;
  sku: string;
  barcode: string | null;
  title: string;
  price: Money;
  attributes: Record<string, string>;
}

export const PRODUCT_STATUSES = ['active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** PATCH /api/products/:id (admin). */
export interface UpdateProductRequest {
  title?: string;
  description?: string;
  status?: ProductStatus;
}

/** PATCH /api/variants/:sku (admin; a manager for the price where MANAGERS_EDIT_PRICES is on). */
export interface UpdateVariantRequest {
  /** Minor units of the variant's currency. */
  price?: number;
  barcode?: string | null;
  attributes?: Record<string, string>;
}

export interface ProductView {
  id: string;
  title: string;
  description: string;
  status: ProductStatus;
  variants: VariantView[];
}
