import {
  FLASH_UNITS_LEFT_EVENT,
  QUEUE_ADMITTED_EVENT,
  QUEUE_POSITION_EVENT,
  type FlashUnitsLeft,
  type QueueAck,
  type QueueAdmitted,
  type QueuePosition,
} from './flash-sales';
import type { ErrorBody } from './errors';
import type { Money, Page } from './common';
import type { AvailabilityView } from './inventory';

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
  /** Pickup: when the store promised it ready (the queue is worked in this order). */
  readyBy?: string | null;
  [extra: string]: unknown;
}

export interface TransferEventData {
  transferId: string;
  number: string;
  status: string;
  fromLocationId: string;
  toLocationId: string;
}

/**
 * A return was recorded: sent to the returning store and to the order's store (when they differ), so
 * that both terminals see it live.
 */
export interface ReturnRecordedData {
  returnId: string;
  orderId: string;
  number: string;
  /** Where the units were brought back, and where the order was placed. */
  locationId: string;
  orderLocationId: string;
  lines: Array<{ sku: string; qty: number; condition: 'resaleable' | 'damaged' }>;
  refund: Money & { method: string };
}

/** Event type → payload. One definition for server and clients. */
export interface TerminalEventMap {
  'stock.changed': StockChangedData;
  'order.created': OrderEventData;
  'order.updated': OrderEventData;
  'transfer.updated': TransferEventData;
  'return.recorded': ReturnRecordedData;
}

export type TerminalEventType = keyof TerminalEventMap;
export const TERMINAL_EVENT_TYPES: TerminalEventType[] = [
  'stock.changed',
  'order.created',
  'order.updated',
  'transfer.updated',
  'return.recorded',
];

export interface TerminalEvent<T extends TerminalEventType = TerminalEventType> {
  seq: number;
  locationId: string;
  type: T;
  at: string;
  data: TerminalEventMap[T];
}

/** `GET /api/locations/:id/events?after=<seq>`: one page of missed events; `next` is the `after` of the next page. */
export interface TerminalEventPage extends Page<TerminalEvent> {
  /** The location's newest seq when read: a client is up to date once it has applied it. */
  lastSeq: number;
}

/** The answer of a socket request (the ack): its result, or an error in the contract's error shape. */
export type SocketAck<T extends object> = ({ ok: true } & T) | { ok: false; error: ErrorBody };

/**
 * Handshake of `/terminal`: `io(url + '/terminal', { auth: { token } })` with a staff access token.
 * Managers and clerks join the rooms of their locations; an admin joins every location, or only
 * `locationIds` when it names some (and may `join` more later).
 */
export interface TerminalHandshake {
  token: string;
  locationIds?: string[];
}

/** Client → server on /terminal: the events after `afterSeq`, at most RESUME_PAGE_SIZE per ack. */
export interface ResumeRequest {
  locationId: string;
  afterSeq: number;
}
export type ResumeAck = SocketAck<{ events: TerminalEvent[]; lastSeq: number }>;
export const RESUME_PAGE_SIZE = 1000;

/** Client → server on /terminal: receive the events of one more location (admins; others only their own). */
export interface JoinRequest {
  locationId: string;
}
export type JoinAck = SocketAck<{ locationId: string; lastSeq: number }>;

/** Server → terminal, unsequenced: why the server is about to close the connection. */
export interface SessionNotice {
  /** access_changed: the account was deactivated or its role or locations changed; sign in again. */
  reason: 'token_expired' | 'server_shutdown' | 'access_changed';
  message: string;
  /** True when the terminal should reconnect at once (another instance will take it). */
  reconnect: boolean;
}
export const SESSION_CLOSING_EVENT = 'session.closing';

/** /shop namespace: `watch {skus}` then `availability.changed`. */
export interface WatchRequest {
  skus: string[];
}
/** The watched SKUs and their availability now; changes after it arrive as `availability.changed`. */
export type WatchAck = SocketAck<{ skus: string[]; availability: AvailabilityView[] }>;
export type UnwatchAck = SocketAck<{ skus: string[] }>;
export const WATCH_MAX_SKUS = 100;
export const AVAILABILITY_CHANGED_EVENT = 'availability.changed';
export interface AvailabilityChanged {
  sku: string;
  locationId: string;
  available: number;
  online: number;
}

/** Typed socket.io maps, for `Socket<TerminalServerEvents, TerminalClientEvents>` on either side. */
export type TerminalServerEvents = {
  [T in TerminalEventType]: (event: TerminalEvent<T>) => void;
} & {
  [SESSION_CLOSING_EVENT]: (notice: SessionNotice) => void;
  [VARIANT_UPDATED_EVENT]: (change: VariantUpdated) => void;
  [QUEUE_POSITION_EVENT]: (position: QueuePosition) => void;
  [QUEUE_ADMITTED_EVENT]: (admitted: QueueAdmitted) => void;
  [FLASH_UNITS_LEFT_EVENT]: (change: FlashUnitsLeft) => void;
};
export interface TerminalClientEvents {
  resume: (request: ResumeRequest, ack: (answer: ResumeAck) => void) => void;
  join: (request: JoinRequest, ack: (answer: JoinAck) => void) => void;
}
/** /shop (to watchers of the SKU) and /terminal (every terminal), unsequenced: a variant's price changed. */
export const VARIANT_UPDATED_EVENT = 'variant.updated';
export interface VariantUpdated {
  sku: string;
  price: Money;
}

export interface ShopServerEvents {
  [AVAILABILITY_CHANGED_EVENT]: (change: AvailabilityChanged) => void;
  [VARIANT_UPDATED_EVENT]: (change: VariantUpdated) => void;
  [QUEUE_POSITION_EVENT]: (position: QueuePosition) => void;
  [QUEUE_ADMITTED_EVENT]: (admitted: QueueAdmitted) => void;
  [FLASH_UNITS_LEFT_EVENT]: (change: FlashUnitsLeft) => void;
}
export interface ShopClientEvents {
  watch: (request: WatchRequest, ack: (answer: WatchAck) => void) => void;
  unwatch: (request: WatchRequest, ack: (answer: UnwatchAck) => void) => void;
  queue: (request: { ticket: string }, ack?: (answer: QueueAck) => void) => void;
}

/**
 * What a terminal does with every event it gets, live or from a resume: socket.io delivers at most
 * once and in no guaranteed order across instances, so the per-location seq decides. `new` is the next
 * one (apply it), `seen` was applied already (drop it), `gap` means some were missed: resume from
 * lastSeq(locationId), and the answer brings this one too.
 */
export type SeqVerdict = 'new' | 'seen' | 'gap';

export class SeqTracker {
  private readonly last = new Map<string, number>();

  constructor(initial: Record<string, number> = {}) {
    for (const [locationId, seq] of Object.entries(initial)) this.last.set(locationId, seq);
  }

  lastSeq(locationId: string): number {
    return this.last.get(locationId) ?? 0;
  }

  /** Judges one event; a `new` one is recorded as applied. */
  offer(event: Pick<TerminalEvent, 'seq' | 'locationId'>): SeqVerdict {
    const last = this.lastSeq(event.locationId);
    if (event.seq <= last) return 'seen';
    if (event.seq > last + 1) return 'gap';
    this.last.set(event.locationId, event.seq);
    return 'new';
  }

  /** The events of a resume answer (or page) that were not applied yet, in order, recorded as applied. */
  takeMissed<E extends Pick<TerminalEvent, 'seq' | 'locationId'>>(events: E[]): E[] {
    return [...events].sort((a, b) => a.seq - b.seq).filter((event) => this.offer(event) === 'new');
  }
}
