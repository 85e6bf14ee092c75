import type { FulfillmentType, OrderStatus } from '@o2o/contracts';
import { AppError } from '../common/app-error';

/** What can happen to an order; each maps from a status to the next one in the table below. */
export type OrderAction = 'ready' | 'collect' | 'ship' | 'cancel' | 'expire';

type Moves = Partial<Record<OrderAction, OrderStatus>>;

/**
 * The lifecycles, one table per way of fulfilling. Anything not listed is not allowed.
 * An in-store sale is `completed` when it is placed and never moves again.
 */
export const ORDER_TRANSITIONS: Record<FulfillmentType, Partial<Record<OrderStatus, Moves>>> = {
  pickup: {
    placed: { ready: 'ready', cancel: 'cancelled', expire: 'expired' },
    ready: { collect: 'collected', cancel: 'cancelled', expire: 'expired' },
  },
  ship: {
    // An unpaid online shipment expires when its payment hold ends.
    placed: { ship: 'shipped', cancel: 'cancelled', expire: 'expired' },
  },
  instore: {},
};

/** The status an order placed this way starts in. */
export function initialStatus(type: FulfillmentType): OrderStatus {
  return type === 'instore' ? 'completed' : 'placed';
}

export function nextStatus(
  type: FulfillmentType,
  from: OrderStatus,
  action: OrderAction,
): OrderStatus | null {
  return ORDER_TRANSITIONS[type][from]?.[action] ?? null;
}

/** The next status, or INVALID_TRANSITION naming the current status and the action. */
export function assertTransition(type: FulfillmentType, from: OrderStatus, action: OrderAction): OrderStatus {
  const to = nextStatus(type, from, action);
  if (!to) throw AppError.invalidTransition(from, action);
  return to;
}

/** Every status from which `action` is allowed, for any way of fulfilling (for guarded bulk updates). */
export function statusesAllowing(action: OrderAction): OrderStatus[] {
  const found = new Set<OrderStatus>();
  for (const table of Object.values(ORDER_TRANSITIONS)) {
    for (const [from, moves] of Object.entries(table)) if (moves?.[action]) found.add(from as OrderStatus);
  }
  return [...found].sort();
}

/** Orders in these statuses hold reserved stock at their location. */
export function holdsStock(status: OrderStatus): boolean {
  return status === 'placed' || status === 'ready';
}

/** Staff may move the hold deadline of a pickup order that still waits for its customer. */
export function canReschedule(type: FulfillmentType, status: OrderStatus): boolean {
  return type === 'pickup' && holdsStock(status);
}
