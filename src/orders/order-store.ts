import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { Page } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import { mapPage, paginate, PageQuery } from '../common/pagination';
import { sql } from '../database/sql';
import type { Tx } from '../database/unit-of-work';
import { PaymentsService } from '../payments/payments.service';
import { Order, OrderLine } from './order.entity';

export interface LoadedOrder {
  order: Order;
  lines: OrderLine[];
}

/** Which orders a page lists: a location's (by status), or a customer's. */
export interface OrderFilter {
  locationId?: string;
  status?: string;
  /** The customer's orders; with a verified email also the guest orders placed with it. */
  customer?: { userId: string; verifiedEmail: string | null };
}

/** Reads and writes of the orders module's own tables. */
@Injectable()
export class OrderStore {
  constructor(private readonly payments: PaymentsService) {}

  /**
   * The order with its lines, or 404 NOT_FOUND. Called inside a unit of work, which decides from
   * what it reads (status, lines): on PostgreSQL the order row is locked first, so that a concurrent
   * move of the same order waits and then reads the lines as they are now (on SQLite units are serial).
   */
  async load(em: EntityManager, id: string): Promise<LoadedOrder> {
    const lock =
      em.connection.options.type === 'postgres' ? { mode: 'pessimistic_write' as const } : undefined;
    const order = await em.findOne(Order, { where: { id }, lock });
    if (!order) throw AppError.notFound('Order', { orderId: id });
    order.payment = await this.payments.view(em, order.id);
    return { order, lines: await this.linesOf(em, order.id) };
  }

  async find(em: EntityManager, id: string): Promise<Order | null> {
    const order = await em.findOneBy(Order, { id });
    if (order) order.payment = await this.payments.view(em, order.id);
    return order;
  }

  linesOf(em: EntityManager, orderId: string): Promise<OrderLine[]> {
    return em.find(OrderLine, { where: { orderId }, order: { sku: 'ASC' } });
  }

  /**
   * Writes a new order and its lines: two plain INSERTs (placement is the hot path, and TypeORM's
   * insert builder costs more than the statement itself).
   */
  async insert(tx: Pick<Tx, 'em' | 'dialect'>, order: Order, lines: OrderLine[]): Promise<void> {
    await sql(
      tx.em,
      `INSERT INTO orders (id, number, status, fulfillment_type, location_id, ship_address, customer_name,
         customer_email, customer_phone, customer_locale, customer_user_id, payment_method,
         total_amount, shipping_fee_amount, delivery_from, delivery_to, tendered_amount, currency, token_hash, pickup_code, pickup_attempts, pickup_locked,
         expires_at, ready_by, carrier, tracking_number, created_by, created_at, updated_at, version)
       VALUES (:id, :number, :status, :fulfillmentType, :locationId, :shipAddress, :customerName,
         :customerEmail, :customerPhone, :customerLocale, :customerUserId, :paymentMethod,
         :totalAmount, :shippingFeeAmount, :deliveryFrom, :deliveryTo, :tenderedAmount, :currency, :tokenHash, :pickupCode, :pickupAttempts, :pickupLocked,
         :expiresAt, :readyBy, :carrier, :trackingNumber, :createdBy, :createdAt, :updatedAt, :version)`,
      {
        ...order,
        shipAddress: order.shipAddress ? JSON.stringify(order.shipAddress) : null,
        pickupLocked: sqlBooleans(tx).no,
        expiresAt: order.expiresAt?.toISOString() ?? null,
        readyBy: order.readyBy?.toISOString() ?? null,
        createdAt: order.createdAt.toISOString(),
        updatedAt: order.updatedAt.toISOString(),
      },
    );
    const params: Record<string, unknown> = {};
    const rows = lines.map((line, i) => {
      for (const [key, value] of Object.entries(line)) params[`${key}${i}`] = value;
      return `(:id${i}, :orderId${i}, :variantId${i}, :sku${i}, :title${i}, :qty${i}, :unitPriceAmount${i}, :status${i})`;
    });
    await sql(
      tx.em,
      `INSERT INTO order_lines (id, order_id, variant_id, sku, title, qty, unit_price_amount, status)
       VALUES ${rows.join(', ')}`,
      params,
    );
  }

  /**
   * A page of orders matching `where`, oldest first (the order a queue is worked in) unless
   * `newestFirst`, keyset-paginated on (created_at, id), with every order's lines read in one more query.
   */
  async page(
    em: EntityManager,
    where: OrderFilter,
    query: PageQuery,
    options: { newestFirst?: boolean } = {},
  ): Promise<Page<LoadedOrder>> {
    const qb = em.createQueryBuilder(Order, 'o');
    if (where.locationId) qb.andWhere('o.locationId = :locationId', { locationId: where.locationId });
    if (where.status) qb.andWhere('o.status = :status', { status: where.status });
    if (where.customer) {
      const { userId, verifiedEmail } = where.customer;
      // A verified email also claims the guest orders placed with it (counter sales stay the store's).
      qb.andWhere(
        verifiedEmail
          ? `(o.customerUserId = :userId OR (o.customerUserId IS NULL AND o.customerEmail = :verifiedEmail
              AND o.fulfillmentType <> 'instore'))`
          : 'o.customerUserId = :userId',
        { userId, verifiedEmail },
      );
    }
    const page = await paginate(
      qb,
      {
        sort: 'o.createdAt',
        id: 'o.id',
        sortOf: (o) => o.createdAt.toISOString(),
        idOf: (o) => o.id,
        descending: options.newestFirst,
      },
      query,
    );
    const ids = page.items.map((order) => order.id);
    const lines = ids.length
      ? await em.find(OrderLine, { where: { orderId: In(ids) }, order: { sku: 'ASC' } })
      : [];
    const payments = await this.payments.views(em, ids);
    for (const order of page.items) order.payment = payments.get(order.id);
    return mapPage(page, (order) => ({ order, lines: lines.filter((line) => line.orderId === order.id) }));
  }
}

/** Boolean parameters as each database binds them (better-sqlite3 takes no booleans). */
export function sqlBooleans(tx: Pick<Tx, 'dialect'>) {
  return tx.dialect === 'postgres' ? { yes: true, no: false } : { yes: 1, no: 0 };
}
