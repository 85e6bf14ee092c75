import type { Money } from './common';

export type LocationType = 'store' | 'warehouse';

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * Opening hours per weekday, as windows of local time ["HH:mm", "HH:mm"] (close may be "24:00"); a
 * missing or empty day is closed. A location without any hours counts as open around the clock.
 */
export type OpeningHours = Partial<Record<Weekday, Array<[string, string]>>>;

/** A date (local, YYYY-MM-DD) the location is closed whatever its weekly hours say. */
export interface Closure {
  date: string;
  note?: string;
}

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
  closures: Closure[];
  pickupEnabled: boolean;
  shipEnabled: boolean;
  /** Counted in open hours: a hold never runs out while the location is closed. */
  pickupHoldHours: number;
  /** How long the store needs to get a pickup order ready, in open minutes. */
  pickupPrepMinutes: number;
}

export interface VariantView {
  id: string;
  productId: string;
  sku: string;
  barcode: string | null;
  title: string;
  price: Money;
  attributes: Record<string, string>;
  /** The variant's value per product option: {Size: "M", Colour: "White"}. */
  options: Record<string, string>;
}

/** One choice a shopper makes on a product page (Size, Colour) with its values in display order. */
export interface ProductOption {
  name: string;
  values: string[];
}

/** A product picture: `url` serves WebP, `url?w=320|800|1600` at that width. */
export interface ProductImageView {
  id: string;
  url: string;
  alt: string;
  width: number;
  height: number;
}

/** The widths `ProductImageView.url?w=` serves. */
export const IMAGE_WIDTHS = [320, 800, 1600] as const;

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
  /** Its value per product option ({Size: "M"}); the names must be the product's options. */
  options?: Record<string, string>;
}

export interface ProductView {
  id: string;
  title: string;
  description: string;
  status: ProductStatus;
  options: ProductOption[];
  images: ProductImageView[];
  variants: VariantView[];
}
