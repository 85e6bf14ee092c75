import type { Money } from './common';

/**
 * Real-time events. Every terminal event is written in the transaction that makes the change, with the
 * next per-location `seq`, and published after commit under its `type` as the socket.io event name.
 */
export const TERMINAL_NAMESPACE = '/terminal';
export const SHOP_NAMESPACE = '/shop';

export interface StockChangedData {
  sku: string;
  variantId: string;
  onHand: number;
  reserved: number;
  available: number;
}

export interface OrderEventData {
  orderId: string;
  number: string;
  status: string;
  fulfillmentType: string;
  /** What a terminal's queue card shows. */
  customerName: string;
  lineCount: number;
  total: Money;
  expiresAt: string | null;
  [extra: string]: unknown;
}

export interface TransferEventData {
  transferId: string;
  number: string;
  status: string;
  fromLocationId: string;
  toLocationId: string;
}

/** Event type → payload. One definition for server and clients. */
export interface TerminalEventMap {
  'stock.changed': StockChangedData;
  'order.created': OrderEventData;
  'order.updated': OrderEventData;
  'transfer.updated': TransferEventData;
}

export type TerminalEventType = keyof TerminalEventMap;
export const TERMINAL_EVENT_TYPES: TerminalEventType[] = [
  'stock.changed',
  'order.created',
  'order.updated',
  'transfer.updated',
];

export interface TerminalEvent<T extends TerminalEventType = TerminalEventType> {
  seq: number;
  locationId: string;
  type: T;
  at: string;
  data: TerminalEventMap[T];
}

/** Client → server on /terminal: the events after `afterSeq` (ack: ResumeAck). */
export interface ResumeRequest {
  locationId: string;
  afterSeq: number;
}
export type ResumeAck =
  | { ok: true; events: TerminalEvent[]; lastSeq: number }
  | { ok: false; error: { statusCode: number; code: string; message: string } };

/** /shop namespace: `watch {skus}` then `availability.changed`. */
export interface WatchRequest {
  skus: string[];
}
export interface AvailabilityChanged {
  sku: string;
  locationId: string;
  available: number;
  online: number;
}
