import type { Address } from './catalog';
import type { Money } from './common';

export const FULFILLMENT_TYPES = ['pickup', 'ship', 'instore'] as const;
export type FulfillmentType = (typeof FULFILLMENT_TYPES)[number];
export const ORDER_STATUSES = [
  'placed',
  'ready',
  'collected',
  'shipped',
  'completed',
  'cancelled',
  'expired',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** How a counter sale (`instore`) was paid at the till. */
export const COUNTER_PAYMENT_METHODS = ['cash', 'card', 'other'] as const;
export type CounterPaymentMethod = (typeof COUNTER_PAYMENT_METHODS)[number];
export const PAYMENT_METHODS = ['online', 'at_pickup', ...COUNTER_PAYMENT_METHODS] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_STATUSES = [
  'pending',
  'authorized',
  'captured',
  'partially_refunded',
  'refunded',
  'voided',
  'failed',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const ORDER_LINE_STATUSES = ['ok', 'short', 'cancelled'] as const;
export type OrderLineStatus = (typeof ORDER_LINE_STATUSES)[number];

/**
 * The countries the shop offers for shipping (first the retailer's own), each with an example postcode:
 * a postcode is checked against its country's format (validator.js isPostalCode) on the server and in the page.
 */
export const SHIP_COUNTRIES = {
  NL: { postcodeExample: '1016 GV' },
  BE: { postcodeExample: '1000' },
  DE: { postcodeExample: '10115' },
  FR: { postcodeExample: '75001' },
  GB: { postcodeExample: 'SW1A 1AA' },
} as const;
export type ShipCountry = keyof typeof SHIP_COUNTRIES;

/** A shipping address; with coordinates the server can source from the nearest location. */
export type ShipAddress = Address & { lat?: number; lng?: number };

export type Fulfillment =
  | { type: 'pickup'; locationId: string }
  | { type: 'ship'; address: ShipAddress; locationId?: string }
  | { type: 'instore'; locationId: string };

/** The body of POST /api/orders (with an Idempotency-Key header). */
export interface PlaceOrderRequest {
  lines: Array<{ sku: string; qty: number }>;
  fulfillment: Fulfillment;
  /**
   * Required for pickup and ship; optional for an in-store sale. Staff ordering for a customer at the
   * counter may give only a phone number; a counter sale with an email mails its receipt there.
   */
  customer?: { name: string; email?: string; phone?: string; locale?: SupportedLocale };
  /**
   * `at_pickup` only for pickup; `cash`, `card` or `other` only for an in-store sale, which is paid at
   * the counter (recorded as `online` when not given).
   */
  payment?: PaymentMethod;
  /** Cash handed over for an in-store cash sale (minor units, at least the total): the answer has `change`. */
  tendered?: number;
}

export interface OrderLineView {
  sku: string;
  title: string;
  qty: number;
  unitPrice: Money;
  /** `short`: fewer units were found than ordered (qty is what was found); `cancelled`: none. */
  status: OrderLineStatus;
}

/** What a customer is told; `line_cancelled` (a line could not be found when picking) extends the contract's list. */
export type CustomerMessageKind =
  | 'order_placed'
  | 'ready_for_pickup'
  | 'pickup_reminder'
  | 'order_expired'
  | 'order_cancelled'
  | 'order_shipped'
  | 'refund_issued'
  | 'receipt'
  | 'line_cancelled';

/** Messages about the customer's account rather than an order. */
export type AccountMessageKind = 'email_verification';

export type MessageChannel = 'email' | 'sms';

export type MessageStatus = 'queued' | 'sent' | 'failed';

export interface CustomerMessageView {
  id: string;
  kind: CustomerMessageKind;
  channel: MessageChannel;
  to: string;
  status: MessageStatus;
  attempts: number;
  /** When it was sent, or is (or was) due. */
  at: string;
}

export type SupportedLocale = 'nl' | 'en';

/** An order's money: what it costs, what was taken when the goods left, and what was given back. */
export interface PaymentView {
  method: PaymentMethod;
  status: PaymentStatus;
  amount: Money;
  captured: Money;
  refunded: Money;
  /** Online and still pending: where the shopper pays. */
  checkoutUrl?: string;
}

/** When a shipment should arrive: local dates (YYYY-MM-DD) of the shipping location, both included. */
export interface DeliveryEstimate {
  from: string;
  to: string;
}

/** The body of POST /api/orders/shipping-quote: the cart's lines. */
export interface ShippingQuoteRequest {
  lines: Array<{ sku: string; qty: number }>;
}

/**
 * What shipping these lines costs before ordering (the order fixes its own at placement, by the same
 * rules): the lines at catalog prices, the fee, the total, from what subtotal shipping is free (null:
 * never), and when it would arrive from the location that would ship it (null: none has every line).
 */
export interface ShippingQuoteView {
  subtotal: Money;
  shippingFee: Money;
  total: Money;
  freeFrom: Money | null;
  deliveryEstimate: DeliveryEstimate | null;
}

export interface OrderView {
  id: string;
  number: string;
  status: OrderStatus;
  lines: OrderLineView[];
  fulfillment: Fulfillment & { locationId: string };
  customer: { name: string; email: string; phone?: string };
  payment: PaymentView;
  /** What the customer pays: subtotal + shippingFee. */
  total: Money;
  /** The lines still on the order. */
  subtotal: Money;
  /** Ship orders: the fee fixed at placement (zero from the free-shipping threshold, and for pickup and instore). */
  shippingFee: Money;
  /** Ship orders: when it should arrive, fixed at placement. */
  deliveryEstimate?: DeliveryEstimate | null;
  /** Only to the customer (signed in or with the order token), never to staff: it proves the pickup. */
  pickupCode?: string;
  expiresAt?: string | null;
  /** Pickup: when the store promised it ready (ISO UTC), fixed at placement. */
  readyBy?: string | null;
  /** True after 5 wrong pickup codes, until a manager unlocks the order. */
  locked?: boolean;
  /** Staff only, pickup orders: wrong pickup codes still accepted before the order locks. */
  attemptsLeft?: number;
  /** An in-store cash sale: the cash handed over and the change given back. */
  tendered?: Money;
  change?: Money;
  carrier?: string | null;
  trackingNumber?: string | null;
  createdAt: string;
  updatedAt: string;
  messages?: CustomerMessageView[];
}

/** The 201 of POST /api/orders: the order plus the token that opens it for a guest. */
export interface PlacedOrderView extends OrderView {
  orderToken: string;
}

export const RETURN_CONDITIONS = ['resaleable', 'damaged'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];
export const REFUND_TARGETS = ['original', 'cash'] as const;
export type RefundTarget = (typeof REFUND_TARGETS)[number];

/** The body of POST /api/orders/:id/returns (with an Idempotency-Key header). */
export interface ReturnRequest {
  locationId: string;
  lines: Array<{ sku: string; qty: number; condition: ReturnCondition }>;
  refundTo?: RefundTarget;
}

export interface ReturnView {
  id: string;
  orderId: string;
  locationId: string;
  lines: Array<{ sku: string; qty: number; condition: ReturnCondition; unitPrice: Money }>;
  /** `method`: the original payment's method (online, card, …) or `cash`; `exchange` when credited to a new sale. */
  refund: Money & { method: string; status: 'refunded' };
  /** The part of the refund that gives back the shipping fee: the return that brings the order's last units back. */
  shippingFee: Money;
  createdAt: string;
}

/** The body of POST /api/orders/:id/exchanges (with an Idempotency-Key header). */
export interface ExchangeRequest {
  locationId: string;
  returnLines: ReturnRequest['lines'];
  newLines: Array<{ sku: string; qty: number }>;
  /** How the difference is settled: a counter method when the customer pays more, `refundTo` rules otherwise. */
  payment?: CounterPaymentMethod;
  refundTo?: RefundTarget;
}

/**
 * The answer of an exchange: the return, the new counter sale, and the difference (new sale minus
 * what was returned): positive was charged with `payment`, negative was refunded.
 */
export interface ExchangeView {
  return: ReturnView;
  order: OrderView;
  difference: Money;
}

/** A row of GET /api/orders/lookup?q=: enough to recognise the order at the counter. */
export interface OrderLookupView {
  id: string;
  number: string;
  status: OrderStatus;
  fulfillmentType: FulfillmentType;
  locationId: string;
  customer: { name: string; email: string; phone?: string };
  total: Money;
  payment: PaymentView;
  /** The lines as sold, with the units already brought back over all returns. */
  lines: Array<OrderLineView & { returned: number }>;
  createdAt: string;
}

/** What a terminal scans from the customer's QR code: `pickup:<orderId>:<pickupCode>`. */
export const PICKUP_QR_PREFIX = 'pickup';
/** What the QR on a printed receipt carries, for finding the order at the returns desk: `order:<orderId>`. */
export const RECEIPT_QR_PREFIX = 'order';

/** Wrong pickup codes an order accepts before it is locked until a manager unlocks it. */
export const MAX_PICKUP_ATTEMPTS = 5;

/** `GET /api/locations/:id/day-report?date=`: a store's day, in its own time zone, for closing up. */
export interface DayReportView {
  locationId: string;
  /** The local day (YYYY-MM-DD) and the UTC instants it runs between. */
  date: string;
  from: string;
  to: string;
  /** Counter sales of the day, per payment method. */
  sales: {
    count: number;
    total: Money;
    byPayment: Array<{ method: PaymentMethod; count: number; total: Money }>;
  };
  /** Pickup orders handed over, and released uncollected (no-shows), that day. */
  pickupsCollected: number;
  noShows: number;
  /** Orders still open now: to pick (placed) and waiting for their customer (ready). */
  open: { placed: number; ready: number };
}

/** POST /api/orders/:id/collect: the code the customer shows, or the scanned QR text. */
export interface CollectRequest {
  pickupCode: string;
}

/** POST /api/orders/:id/ship. */
export interface ShipRequest {
  carrier: string;
  trackingNumber: string;
}

/** POST /api/orders/:id/unlock (managers): why, told to the terminals. */
export interface UnlockRequest {
  reason?: string;
}

/** POST /api/orders/:id/reschedule: a new end of the hold. */
export interface RescheduleRequest {
  expiresAt: string;
}

/** POST /api/orders/:id/lines/:sku/short: how many units were found (0 cancels the line). */
export interface ShortLineRequest {
  found: number;
}

/** POST /api/orders/:id/messages/resend. */
export interface ResendMessageRequest {
  kind: CustomerMessageKind;
}
