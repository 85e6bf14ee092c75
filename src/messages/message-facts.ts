import type { AccountMessageKind, CustomerMessageKind, SupportedLocale } from '@o2o/contracts';

/**
 * What a message says, taken from the order when the message is queued (in the unit of the change it
 * reports), so that it tells what was true then, whenever it is sent.
 */
export interface MessageFacts {
  orderNumber: string;
  customerName: string;
  locationId: string;
  fulfillment: 'pickup' | 'ship';
  /** The customer's order page (with a link token that opens it). */
  orderUrl: string;
  lines: Array<{ title: string; qty: number; unitAmount: number }>;
  total: { amount: number; currency: string };
  /** Ship orders: the shipping fee in the total (minor units; 0: shipped free). */
  shippingFee?: number;
  /** Pickup orders: the code and the text its QR carries (only in the messages that hand over). */
  pickup?: { code: string; qrText: string };
  readyBy?: string | null;
  expiresAt?: string | null;
  /** line_cancelled: what could not be found. */
  missing?: Array<{ sku: string; missing: number }>;
  shipment?: { carrier: string | null; trackingNumber: string | null };
  /** refund_issued: what was given back, and how (the original payment's method, or cash). */
  refund?: { amount: number; currency: string; method: string };
}

/** A message to queue: what, to whom (the email; an SMS too when the customer gave a phone). */
export interface MessageNotice {
  kind: CustomerMessageKind;
  orderId: string;
  email: string;
  phone: string | null;
  locale: SupportedLocale;
  facts: MessageFacts;
  /** Names this occurrence (default: once per order and kind). */
  occurrence?: string;
  /** When to send (default: at once). */
  dueAt?: Date;
}

/** What an email about the customer's account says: whom it greets and the link that proves the address. */
export interface AccountMessageFacts {
  customerName: string;
  verifyUrl: string;
  /** How long the link works (its own time, not the reader's zone, so no time zone is needed). */
  validHours: number;
}

/** An account email to queue; `occurrence` names it (e.g. the verification link's id). */
export interface AccountNotice {
  kind: AccountMessageKind;
  email: string;
  locale: SupportedLocale;
  occurrence: string;
  facts: AccountMessageFacts;
}
