import type { Address } from './catalog';
import type { Money } from './common';

export type FulfillmentType = 'pickup' | 'ship' | 'instore';
export type OrderStatus =
  'placed' | 'ready' | 'collected' | 'shipped' | 'completed' | 'cancelled' | 'expired';
export type PaymentMethod = 'online' | 'at_pickup';

export type Fulfillment =
  | { type: 'pickup'; locationId: string }
  | { type: 'ship'; address: Address & { lat?: number; lng?: number }; locationId?: string }
  | { type: 'instore'; locationId: string };

export interface OrderLineView {
  sku: string;
  title: string;
  qty: number;
  unitPrice: Money;
  status: 'ok' | 'short' | 'cancelled';
}

export interface CustomerMessageView {
  kind: 'placed' | 'ready' | 'expired' | 'cancelled' | 'line_cancelled';
  channel: string;
  body: string;
  at: string;
}

export interface OrderView {
  id: string;
  number: string;
  status: OrderStatus;
  lines: OrderLineView[];
  fulfillment: Fulfillment & { locationId: string };
  customer: { name: string; email: string; phone?: string };
  payment: { method: PaymentMethod; status: 'pending' | 'paid' | 'refunded' };
  total: Money;
  pickupCode?: string;
  expiresAt?: string | null;
  locked?: boolean;
  createdAt: string;
  updatedAt: string;
  messages?: CustomerMessageView[];
}

/** The 201 of POST /api/orders: the order plus the token that opens it for a guest. */
export interface PlacedOrderView extends OrderView {
  orderToken: string;
}
