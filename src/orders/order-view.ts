import { MAX_PICKUP_ATTEMPTS } from '@o2o/contracts';
import type { CustomerMessageView, Fulfillment, OrderEventData, OrderView } from '@o2o/contracts';
import type { AuthUser } from '../common/request-context';
import { canActAt } from '../auth/access';
import { sameCode } from './order-codes';
import type { Order, OrderLine } from './order.entity';

/** Who is looking at an order decides what they may see of it. */
export type Viewer = 'customer' | 'staff';

/**
 * How a caller relates to an order: its customer (signed in as the one who placed it, signed in with
 * the verified email a guest placed it with, or holding its token), staff of its location, or nobody
 * (null: answered 404, so its existence does not leak). In-store sales belong to the counter: only
 * staff of that location see them.
 */
export function viewerOf(
  order: Order,
  user: AuthUser | undefined,
  tokenHash: string | null,
  verifiedEmail: string | null = null,
): Viewer | null {
  if (user && canActAt(user, order.locationId)) return 'staff';
  if (order.fulfillmentType === 'instore') return null;
  if (user?.role === 'customer' && order.customerUserId === user.id) return 'customer';
  if (user?.role === 'customer' && !order.customerUserId && verifiedEmail === order.customerEmail)
    return 'customer';
  if (tokenHash && sameCode(order.tokenHash, tokenHash)) return 'customer';
  return null;
}

export function toOrderView(
  order: Order,
  lines: OrderLine[],
  options: { viewer: Viewer; messages?: CustomerMessageView[] },
): OrderView {
  const view: OrderView = {
    id: order.id,
    number: order.number,
    status: order.status,
    lines: lines.map((line) => ({
      sku: line.sku,
      title: line.title,
      qty: line.qty,
      unitPrice: { amount: line.unitPriceAmount, currency: order.currency },
      status: line.status,
    })),
    fulfillment: fulfillmentOf(order),
    customer: {
      name: order.customerName,
      email: order.customerEmail,
      ...(order.customerPhone ? { phone: order.customerPhone } : {}),
    },
    payment: order.payment ?? unknownPayment(order),
    total: { amount: order.totalAmount, currency: order.currency },
    subtotal: { amount: order.totalAmount - order.shippingFeeAmount, currency: order.currency },
    shippingFee: { amount: order.shippingFeeAmount, currency: order.currency },
    expiresAt: order.expiresAt ? order.expiresAt.toISOString() : null,
    readyBy: order.readyBy ? order.readyBy.toISOString() : null,
    locked: Boolean(order.pickupLocked),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
  if (order.fulfillmentType === 'ship') {
    view.deliveryEstimate =
      order.deliveryFrom && order.deliveryTo ? { from: order.deliveryFrom, to: order.deliveryTo } : null;
    view.carrier = order.carrier;
    view.trackingNumber = order.trackingNumber;
  }
  if (typeof order.tenderedAmount === 'number') {
    view.tendered = { amount: order.tenderedAmount, currency: order.currency };
    view.change = { amount: order.tenderedAmount - order.totalAmount, currency: order.currency };
  }
  if (options.viewer === 'staff' && order.fulfillmentType === 'pickup')
    view.attemptsLeft = attemptsLeftOf(order);
  if (options.viewer === 'customer' && order.pickupCode) view.pickupCode = order.pickupCode;
  if (options.messages) view.messages = options.messages;
  return view;
}

function fulfillmentOf(order: Order): Fulfillment & { locationId: string } {
  if (order.fulfillmentType === 'ship') {
    return { type: 'ship', locationId: order.locationId, address: order.shipAddress! };
  }
  return { type: order.fulfillmentType, locationId: order.locationId };
}

/** What a terminal's queue card needs, sent with order.created and order.updated. */
export function orderEventData(order: Order, lines: Pick<OrderLine, 'status'>[]): OrderEventData {
  return {
    orderId: order.id,
    number: order.number,
    status: order.status,
    fulfillmentType: order.fulfillmentType,
    customerName: order.customerName,
    lineCount: lines.filter((line) => line.status !== 'cancelled').length,
    total: { amount: order.totalAmount, currency: order.currency },
    expiresAt: order.expiresAt ? order.expiresAt.toISOString() : null,
    readyBy: order.readyBy ? order.readyBy.toISOString() : null,
  };
}

/** Wrong pickup codes the order still accepts before it locks. */
export function attemptsLeftOf(order: Pick<Order, 'pickupAttempts' | 'pickupLocked'>): number {
  return order.pickupLocked ? 0 : Math.max(0, MAX_PICKUP_ATTEMPTS - order.pickupAttempts);
}

/** An order read without its payment (never in an answer that went through OrderStore). */
function unknownPayment(order: Order): OrderView['payment'] {
  const none = { amount: 0, currency: order.currency };
  return { method: order.paymentMethod, status: 'pending', amount: none, captured: none, refunded: none };
}

/** The amount due for the lines still on the order. */
export function totalOf(lines: Pick<OrderLine, 'qty' | 'unitPriceAmount' | 'status'>[]): number {
  return lines
    .filter((line) => line.status !== 'cancelled')
    .reduce((sum, line) => sum + line.qty * line.unitPriceAmount, 0);
}

/**
 * What the customer pays for the lines still on the order: those plus the shipping fee fixed at
 * placement (a short pick never raises it, even below the free-shipping threshold).
 */
export function amountDueOf(
  order: Pick<Order, 'shippingFeeAmount'>,
  lines: Pick<OrderLine, 'qty' | 'unitPriceAmount' | 'status'>[],
): number {
  return totalOf(lines) + order.shippingFeeAmount;
}
