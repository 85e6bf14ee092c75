import type { ErrorBody } from './errors';

export const FLASH_SALE_STATUSES = ['scheduled', 'live', 'ended'] as const;
export type FlashSaleStatus = (typeof FLASH_SALE_STATUSES)[number];

/** The header that carries a waiting-room admission on `POST /api/orders`. */
export const FLASH_ADMISSION_HEADER = 'x-flash-sale-admission';

export const QUEUE_POSITION_EVENT = 'queue.position';
export const QUEUE_ADMITTED_EVENT = 'queue.admitted';
export const FLASH_UNITS_LEFT_EVENT = 'flash.units_left';

export interface FlashSaleLineView {
  sku: string;
  /** The sale price in minor units, in the variant's currency. */
  price: number;
  units: number;
  unitsLeft: number;
  perCustomerLimit: number;
}

export interface FlashSaleView {
  id: string;
  title: string;
  status: FlashSaleStatus;
  startsAt: string;
  endsAt: string;
  locationId: string;
  lines: FlashSaleLineView[];
}

export interface QueueTicketView {
  ticket: string;
  position: number;
}

export interface QueuePosition {
  position: number;
  aheadOfYou: number;
  estimatedWaitS: number;
}

export interface QueueAdmitted {
  admission: string;
  /** When the admission lapses (ISO time). */
  until: string;
}

/**
 * What became of a ticket: `waiting` its turn; `admitted`, with an admission usable now (the same one
 * each time it is asked); its admission `used` by an order; or `expired`, its turn passed unused (joining
 * again with the same email queues it at the back).
 */
export type QueueState = 'waiting' | 'admitted' | 'used' | 'expired';

/** Where a ticket stands now; `admitted` is true only while it holds a usable admission. */
export type QueueStanding =
  | ({ state: 'waiting'; admitted: false } & QueuePosition)
  | ({ state: 'admitted'; admitted: true } & QueueAdmitted)
  | { state: 'used' | 'expired'; admitted: false };

export type QueueAck = { ok: true; standing: QueueStanding } | { ok: false; error: ErrorBody };

export interface FlashUnitsLeft {
  saleId: string;
  sku: string;
  unitsLeft: number;
}

/** POST /api/flash-sales (admins). */
export interface CreateFlashSaleRequest {
  title: string;
  startsAt: string;
  endsAt: string;
  lines: Array<{ sku: string; units: number; price: number; perCustomerLimit: number }>;
  locationId?: string;
}

/** POST /api/flash-sales/:id/queue. */
export interface JoinQueueRequest {
  email: string;
}
