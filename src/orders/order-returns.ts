import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { OrderLineView, OrderLookupView, OrderStatus } from '@o2o/contracts';
import { PICKUP_QR_PREFIX, RECEIPT_QR_PREFIX } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import { sql } from '../database/sql';
import type { Tx } from '../database/unit-of-work';
import { LocationsService } from '../locations/locations.service';
import type { MessageFacts } from '../messages/message-facts';
import { OrderMessages } from './order-messages';
import { LoadedOrder, OrderStore } from './order-store';
import { Order, type OrderLine } from './order.entity';
import { toOrderView } from './order-view';

/** Goods have left the store with the customer (or the carrier): only then can they come back. */
const RETURNABLE: OrderStatus[] = ['collected', 'shipped', 'completed'];
const LOOKUP_LIMIT = 20;
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** `pickup:<id>:<code>`, `order:<id>` (the receipt's QR) or a bare order id. */
const SCANNED_ID = new RegExp(`^(?:(?:${PICKUP_QR_PREFIX}|${RECEIPT_QR_PREFIX}):)?(${UUID})(?::.*)?$`);

/**
 * What the returns desk needs of orders (the orders module owns their tables): finding an order at
 * the counter, loading one that can take a return, and telling its customer of the refund.
 */
@Injectable()
export class OrderReturns {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: OrderStore,
    private readonly messages: OrderMessages,
    private readonly locations: LocationsService,
  ) {}

  /** The order (locked on PostgreSQL for the unit) if its goods have left; else INVALID_TRANSITION. */
  async loadReturnable(tx: Tx, orderId: string): Promise<LoadedOrder> {
    const loaded = await this.store.load(tx.em, orderId);
    if (!RETURNABLE.includes(loaded.order.status))
      throw AppError.invalidTransition(loaded.order.status, 'return');
    return loaded;
  }

  /** NOT_FOUND unless the order exists: its returns are asked for by a real order's id. */
  async assertExists(em: EntityManager, orderId: string): Promise<void> {
    if (!(await em.existsBy(Order, { id: orderId }))) throw AppError.notFound('Order', { orderId });
  }

  /** Who bought the order, to name on an exchange's new sale (a counter sale may have nobody). */
  async customerOf(tx: Tx, orderId: string) {
    const order = await this.store.find(tx.em, orderId);
    if (!order) throw AppError.notFound('Order', { orderId });
    if (!order.customerEmail && !order.customerPhone) return undefined;
    return {
      name: order.customerName,
      ...(order.customerEmail ? { email: order.customerEmail } : {}),
      ...(order.customerPhone ? { phone: order.customerPhone } : {}),
    };
  }

  /** Queues refund_issued for this return (once per return, whatever retries). */
  async tellRefund(
    tx: Tx,
    { order, lines }: LoadedOrder,
    returnId: string,
    refund: NonNullable<MessageFacts['refund']>,
  ): Promise<void> {
    const location = await this.locations.get(order.locationId, tx);
    await this.messages.refundIssued(tx, order, lines, location, returnId, refund);
  }

  /**
   * Orders matching what the clerk typed or scanned: the text of a pickup or receipt QR, an order
   * number, an email or a phone number. Newest first, at most LOOKUP_LIMIT; any store's orders.
   */
  async lookup(query: string): Promise<Array<Omit<OrderLookupView, 'lines'> & { lines: OrderLineView[] }>> {
    const q = query.trim();
    const scanned = SCANNED_ID.exec(q);
    const { column, value } = scanned
      ? { column: 'id', value: scanned[1].toLowerCase() }
      : q.includes('@')
        ? { column: 'customer_email', value: q.toLowerCase() } // stored lower case: the index finds it
        : /^O-?[A-Z0-9]{4}-?[A-Z0-9]{5}$/i.test(q.replace(/\s/g, ''))
          ? { column: 'number', value: numberOf(q) }
          : { column: "REPLACE(REPLACE(customer_phone, ' ', ''), '-', '')", value: q.replace(/[\s-]/g, '') };
    const { rows } = await sql<{ id: string }>(
      this.dataSource.manager,
      `SELECT id FROM orders WHERE ${column} = :value ORDER BY created_at DESC, id LIMIT ${LOOKUP_LIMIT}`,
      { value },
    );
    const em = this.dataSource.manager;
    const found = await Promise.all(rows.map((row) => this.store.find(em, row.id)));
    return Promise.all(
      found
        .filter((order): order is Order => !!order)
        .map(async (order) => lookupViewOf(order, await this.store.linesOf(em, order.id))),
    );
  }
}

/** "o-7k3m-9q2xa", "O7K3M9Q2XA" → "O-7K3M-9Q2XA". */
function numberOf(typed: string): string {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/^O/, '');
  return `O-${code.slice(0, 4)}-${code.slice(4)}`;
}

function lookupViewOf(order: Order, lines: OrderLine[]) {
  const { payment, lines: lineViews } = toOrderView(order, lines, { viewer: 'staff' });
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    fulfillmentType: order.fulfillmentType,
    locationId: order.locationId,
    customer: {
      name: order.customerName,
      email: order.customerEmail,
      ...(order.customerPhone ? { phone: order.customerPhone } : {}),
    },
    total: { amount: order.totalAmount, currency: order.currency },
    payment,
    lines: lineViews,
    createdAt: order.createdAt.toISOString(),
  };
}
