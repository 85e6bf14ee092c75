import type { Money } from './common';

export const ADJUSTMENT_REASONS = ['receive', 'count', 'damage', 'correction', 'return'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

/** Why a ledger row exists: an adjustment reason or a movement made by orders and transfers. */
export type MovementKind =
  | AdjustmentReason
  | 'reserve'
  | 'release'
  | 'fulfil'
  | 'sale'
  | 'transfer_out'
  | 'transfer_in'
  /** Units set aside for a flash sale, and given back when it ends (or moved to an order's hold). */
  | 'flash_set_aside'
  | 'flash_return'
  /** Returned units that came back damaged: recorded at the returning store, never on hand. */
  | 'write_off';

export interface StockLevelView {
  sku: string;
  variantId: string;
  locationId: string;
  onHand: number;
  reserved: number;
  safetyStock: number;
  available: number;
  version: number;
}

/** A row of `GET /api/locations/:id/stock`: the level with what staff need to recognise the item. */
export interface StockRowView extends StockLevelView {
  /** The product title with the variant's attribute values ("Linen shirt – White / M"). */
  title: string;
  attributes: Record<string, string>;
  barcode: string | null;
  price: Money;
}

export interface MovementView {
  id: string;
  sku: string;
  locationId: string;
  kind: MovementKind;
  onHandDelta: number;
  reservedDelta: number;
  note: string | null;
  actorId: string | null;
  orderId: string | null;
  transferId: string | null;
  at: string;
}

export interface AdjustmentResult {
  level: StockLevelView;
  movement: MovementView;
}

export interface LocationAvailability {
  locationId: string;
  available: number;
  pickup: boolean;
  distanceKm?: number;
  /** Pickup locations: when an order placed now would be ready (ISO UTC), from hours and prep time. */
  readyBy?: string;
}

export interface AvailabilityView {
  sku: string;
  online: number;
  locations: LocationAvailability[];
}

export type TransferStatus = 'in_transit' | 'received';

export interface TransferView {
  id: string;
  number: string;
  status: TransferStatus;
  fromLocationId: string;
  toLocationId: string;
  /** The names of both ends, so the receiving store sees where it comes from. */
  fromLocationName: string;
  toLocationName: string;
  /** `title`: the product and variant name of the SKU. */
  lines: Array<{ sku: string; title: string; qty: number; receivedQty: number | null }>;
  createdAt: string;
  receivedAt: string | null;
}

/** POST /api/locations/:id/stock/adjustments: a change (`delta`) or a count (`onHand`, checked against `expectedOnHand`). */
export interface AdjustmentRequest {
  sku: string;
  delta?: number;
  onHand?: number;
  expectedOnHand?: number;
  reason: AdjustmentReason;
  note?: string;
}

/** POST /api/transfers. */
export interface CreateTransferRequest {
  fromLocationId: string;
  toLocationId: string;
  lines: Array<{ sku: string; qty: number }>;
  note?: string;
}

/** POST /api/transfers/:id/receive: lines that arrived short; the rest arrived in full. */
export interface ReceiveTransferRequest {
  lines?: Array<{ sku: string; receivedQty?: number; qty?: number }>;
  note?: string;
}
