import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RefundTarget, ReturnCondition, ReturnView } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import type { AuthUser } from '../common/request-context';
import { sql } from '../database/sql';
import { readerOf, Tx, UnitOfWork } from '../database/unit-of-work';
import { InventoryService, StockLine } from '../inventory/inventory.service';
import { LocationsService } from '../locations/locations.service';
import type { OrderLine } from '../orders/order.entity';
import { OrderReturns } from '../orders/order-returns';
import type { LoadedOrder } from '../orders/order-store';
import { EventLog } from '../outbox/event-log.service';
import { PaymentsService } from '../payments/payments.service';
import { OrderReturn, ReturnLine } from './return.entity';

export interface ReturnInput {
  locationId: string;
  lines: Array<{ sku: string; qty: number; condition: ReturnCondition }>;
  refundTo?: RefundTarget;
}

/** Part of an exchange: this much of the refund pays for the new sale instead of going back. */
export interface ExchangeCredit {
  orderId: string;
  amount: number;
}

/**
 * Returns at any store. One unit per return: the units counted against what was bought (conditional
 * UPDATE), the return's rows, the stock (resaleable back on hand here, damaged written off), the
 * refund (conditional UPDATE of the payment, keyed by the return), the customer's message, and the
 * event to the terminals of this store and of the order's store.
 */
@Injectable()
export class ReturnsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly orders: OrderReturns,
    private readonly inventory: InventoryService,
    private readonly locations: LocationsService,
    private readonly payments: PaymentsService,
    private readonly events: EventLog,
    private readonly clock: Clock,
  ) {}

  record(user: AuthUser, orderId: string, input: ReturnInput, credit?: ExchangeCredit): Promise<ReturnView> {
    return this.uow.run(async (tx) => {
      await this.locations.get(input.locationId, tx);
      const loaded = await this.orders.loadReturnable(tx, orderId);
      const returned = linesOfReturn(loaded, input.lines);
      await this.countReturned(tx, loaded, returned);
      const feeBack = await this.shippingFeeBack(tx, loaded);
      const view = await this.insert(tx, user, loaded, input.locationId, returned, feeBack);
      await this.moveStock(tx, user, view, returned);
      view.refund = await this.refund(tx, loaded, view, input.refundTo ?? 'original', credit);
      if (credit) await this.linkExchange(tx, view.id, credit.orderId);
      if (view.refund.amount > 0) {
        await this.orders.tellRefund(tx, loaded, view.id, {
          amount: view.refund.amount,
          currency: view.refund.currency,
          method: view.refund.method,
        });
      }
      this.announce(tx, loaded, view);
      return view;
    });
  }

  /** Every return of an order, oldest first. */
  async list(orderId: string, tx?: Tx): Promise<ReturnView[]> {
    const em = readerOf(tx, this.dataSource);
    await this.orders.assertExists(em, orderId);
    const returns = await em.find(OrderReturn, {
      where: { orderId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    if (!returns.length) return [];
    const lines = await em
      .createQueryBuilder(ReturnLine, 'l')
      .where('l.returnId IN (:...ids)', { ids: returns.map((r) => r.id) })
      .orderBy('l.sku')
      .getMany();
    return returns.map((ret) =>
      viewOf(
        ret,
        lines.filter((line) => line.returnId === ret.id),
      ),
    );
  }

  /** Units brought back so far, per order and SKU (orders with none are absent). */
  async returnedUnits(orderIds: string[]): Promise<Map<string, Map<string, number>>> {
    const byOrder = new Map<string, Map<string, number>>();
    if (!orderIds.length) return byOrder;
    const { rows } = await sql<{ order_id: string; sku: string; returned: number }>(
      this.dataSource.manager,
      'SELECT order_id, sku, returned FROM returned_units WHERE order_id IN (:...orderIds)',
      { orderIds },
    );
    for (const row of rows) {
      const skus = byOrder.get(row.order_id) ?? new Map<string, number>();
      byOrder.set(row.order_id, skus.set(row.sku, Number(row.returned)));
    }
    return byOrder;
  }

  /**
   * Counts the units against what the order bought, per variant in a fixed order (so two units never
   * wait on each other's rows): the first return of a variant opens its counter at what was bought.
   */
  private async countReturned(tx: Tx, { order, lines: sold }: LoadedOrder, lines: ReturnLine[]) {
    const orderId = order.id;
    for (const [variantId, { sku, qty }] of perVariant(lines)) {
      const bought = boughtOf(sold, variantId);
      await sql(
        tx.em,
        `INSERT INTO returned_units (order_id, variant_id, sku, bought, returned)
         VALUES (:orderId, :variantId, :sku, :bought, 0) ON CONFLICT DO NOTHING`,
        { orderId, variantId, sku, bought },
      );
      const { affected } = await sql(
        tx.em,
        `UPDATE returned_units SET returned = returned + :qty
          WHERE order_id = :orderId AND variant_id = :variantId AND returned + :qty <= bought`,
        { orderId, variantId, qty },
      );
      if (affected !== 1) throw await this.exceeds(tx, orderId, variantId, sku, qty);
    }
  }

  /**
   * The shipping fee goes back with the order's last units (a withdrawal from the whole purchase, as EU
   * consumer law has it); a partial return refunds its lines only. Counted after this return's units,
   * in the unit that holds the order, so exactly one return (the one completing it) gives the fee back.
   */
  private async shippingFeeBack(tx: Tx, { order, lines: sold }: LoadedOrder): Promise<number> {
    if (!order.shippingFeeAmount) return 0;
    const { rows } = await sql<{ variant_id: string; returned: number }>(
      tx.em,
      'SELECT variant_id, returned FROM returned_units WHERE order_id = :orderId',
      { orderId: order.id },
    );
    const returned = new Map(rows.map((row) => [row.variant_id, Number(row.returned)]));
    const allBack = sold
      .filter((line) => line.status !== 'cancelled')
      .every((line) => (returned.get(line.variantId) ?? 0) >= boughtOf(sold, line.variantId));
    return allBack ? order.shippingFeeAmount : 0;
  }

  private async exceeds(tx: Tx, orderId: string, variantId: string, sku: string, requested: number) {
    const { rows } = await sql<{ bought: number; returned: number }>(
      tx.em,
      'SELECT bought, returned FROM returned_units WHERE order_id = :orderId AND variant_id = :variantId',
      { orderId, variantId },
    );
    const returnable = Number(rows[0].bought) - Number(rows[0].returned);
    return new AppError(
      'RETURN_EXCEEDS_PURCHASED',
      `Only ${returnable} of ${sku} can still be returned on this order`,
      { sku, requested, returnable, bought: Number(rows[0].bought) },
    );
  }

  private async insert(
    tx: Tx,
    user: AuthUser,
    { order }: LoadedOrder,
    locationId: string,
    lines: ReturnLine[],
    shippingFeeAmount: number,
  ): Promise<ReturnView> {
    const ret = Object.assign(new OrderReturn(), {
      id: randomUUID(),
      orderId: order.id,
      locationId,
      refundAmount: lines.reduce((sum, line) => sum + line.qty * line.unitPriceAmount, 0) + shippingFeeAmount,
      shippingFeeAmount,
      currency: order.currency,
      refundMethod: 'pending',
      exchangeOrderId: null,
      createdBy: user.id,
      createdAt: this.clock.now(),
    });
    await tx.em.insert(OrderReturn, ret);
    for (const line of lines) line.returnId = ret.id;
    await tx.em.insert(ReturnLine, lines);
    return viewOf(ret, lines);
  }

  private async moveStock(tx: Tx, user: AuthUser, view: ReturnView, lines: ReturnLine[]) {
    const ref = { actorId: user.id, orderId: view.orderId, note: `return ${view.id}` };
    const stock = (condition: ReturnCondition): StockLine[] =>
      lines
        .filter((line) => line.condition === condition)
        .map((line) => ({
          variantId: line.variantId,
          sku: line.sku,
          locationId: view.locationId,
          qty: line.qty,
        }));
    const resaleable = stock('resaleable');
    const damaged = stock('damaged');
    if (resaleable.length) await this.inventory.restock(tx, resaleable, ref);
    if (damaged.length) await this.inventory.writeOff(tx, damaged, ref);
  }

  /**
   * Gives the return's worth back: what an exchange credits to its new sale first, the rest to the
   * original payment (through its provider) or in cash. Each part is keyed by the return, so it is
   * refunded once; the payment's conditional UPDATE keeps every refund within what was captured.
   */
  private async refund(
    tx: Tx,
    { order }: LoadedOrder,
    view: ReturnView,
    refundTo: RefundTarget,
    credit?: ExchangeCredit,
  ): Promise<ReturnView['refund']> {
    const worth = view.refund.amount;
    const credited = Math.min(worth, credit?.amount ?? 0);
    const paidBack = worth - credited;
    let method = 'exchange';
    if (credited > 0)
      await this.payments.refund(tx, order.id, credited, `exchange:${view.id}`, { outside: 'exchange' });
    if (paidBack > 0 || !credit) {
      const outside = refundTo === 'cash' ? 'cash' : undefined;
      const payment = await this.payments.refund(tx, order.id, paidBack, `return:${view.id}`, { outside });
      method = refundTo === 'cash' ? 'cash' : payment.method;
    }
    await sql(tx.em, 'UPDATE returns SET refund_method = :method WHERE id = :id', { id: view.id, method });
    return { amount: worth, currency: order.currency, method, status: 'refunded' };
  }

  private async linkExchange(tx: Tx, returnId: string, exchangeOrderId: string) {
    await sql(tx.em, 'UPDATE returns SET exchange_order_id = :exchangeOrderId WHERE id = :returnId', {
      returnId,
      exchangeOrderId,
    });
  }

  /** The terminals of the returning store and of the order's store hear of it (once each). */
  private announce(tx: Tx, { order }: LoadedOrder, view: ReturnView) {
    const data = {
      returnId: view.id,
      orderId: order.id,
      number: order.number,
      locationId: view.locationId,
      orderLocationId: order.locationId,
      lines: view.lines.map(({ sku, qty, condition }) => ({ sku, qty, condition })),
      refund: { amount: view.refund.amount, currency: view.refund.currency, method: view.refund.method },
    };
    for (const locationId of new Set([view.locationId, order.locationId]))
      this.events.append(tx, locationId, 'return.recorded', data);
  }
}

/**
 * The return's lines, priced as the order sold them; a SKU that is not on the order (or was
 * cancelled from it) is refused by name.
 */
function linesOfReturn({ lines }: LoadedOrder, requested: ReturnInput['lines']): ReturnLine[] {
  return requested.map((line, i) => {
    const sold = lines.find((ordered) => ordered.sku === line.sku && ordered.status !== 'cancelled');
    if (!sold) throw AppError.invalid(`lines.${i}.sku`, `${line.sku} is not on this order`);
    return Object.assign(new ReturnLine(), {
      id: randomUUID(),
      returnId: '',
      variantId: sold.variantId,
      sku: sold.sku,
      qty: line.qty,
      condition: line.condition,
      unitPriceAmount: sold.unitPriceAmount,
    });
  });
}

function boughtOf(lines: OrderLine[], variantId: string): number {
  return lines
    .filter((line) => line.variantId === variantId && line.status !== 'cancelled')
    .reduce((sum, line) => sum + line.qty, 0);
}

/** The demand per variant, in variant order. */
function perVariant(lines: ReturnLine[]) {
  const merged = new Map<string, { sku: string; qty: number }>();
  for (const line of lines) {
    const seen = merged.get(line.variantId);
    merged.set(line.variantId, { sku: line.sku, qty: (seen?.qty ?? 0) + line.qty });
  }
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function viewOf(ret: OrderReturn, lines: ReturnLine[]): ReturnView {
  return {
    id: ret.id,
    orderId: ret.orderId,
    locationId: ret.locationId,
    lines: lines.map((line) => ({
      sku: line.sku,
      qty: line.qty,
      condition: line.condition,
      unitPrice: { amount: line.unitPriceAmount, currency: ret.currency },
    })),
    refund: {
      amount: ret.refundAmount,
      currency: ret.currency,
      method: ret.refundMethod,
      status: 'refunded',
    },
    shippingFee: { amount: ret.shippingFeeAmount, currency: ret.currency },
    createdAt: ret.createdAt.toISOString(),
  };
}
