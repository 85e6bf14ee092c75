import { Injectable, OnModuleInit } from '@nestjs/common';
import { FlashCheckout } from '../flash-sales/flash-checkout.service';
import type { CustomerMessageKind, OrderStatus } from '@o2o/contracts';
import { Clock } from '../common/clock';
import { sql } from '../database/sql';
import type { Tx } from '../database/unit-of-work';
import { InventoryService, StockLine } from '../inventory/inventory.service';
import type { Location } from '../locations/location.entity';
import { LocationsService } from '../locations/locations.service';
import { addOpenMinutes } from '../locations/opening-hours';
import { EventLog } from '../outbox/event-log.service';
import { OrderMessages } from './order-messages';
import { OrderStore, sqlBooleans } from './order-store';
import { assertTransition, OrderAction, statusesAllowing } from './order-transitions';
import { amountDueOf, orderEventData } from './order-view';
import type { Order, OrderLine } from './order.entity';
import { PaymentsService } from '../payments/payments.service';

/** What a move may also change on the order, and extra conditions the database checks with it. */
export interface MoveOptions {
  changes?: Partial<Pick<Order, 'expiresAt' | 'carrier' | 'trackingNumber'>>;
  /** Expire only if the deadline has passed by then (decided in the UPDATE, not before it). */
  dueBy?: Date;
  /** Collect only while the order is not locked by wrong pickup codes. */
  unlocked?: boolean;
  actorId?: string | null;
  /** The location, when the caller has it already (saves a read). */
  location?: Location;
}

/** Overdue holds released inline before stock is promised; the sweeper expires the rest. */
const INLINE_EXPIRY_LIMIT = 20;

/**
 * Carries out the transition table: moves an order with one conditional UPDATE (WHERE status = the
 * status it was read in), so that of two concurrent moves (a collect and an expiry) exactly one
 * wins, then does what the move means: stock, money, the customer's message and the terminal event,
 * all in the caller's unit of work.
 */
@Injectable()
export class OrderLifecycle implements OnModuleInit {
  constructor(
    private readonly inventory: InventoryService,
    private readonly locations: LocationsService,
    private readonly events: EventLog,
    private readonly store: OrderStore,
    private readonly messages: OrderMessages,
    private readonly clock: Clock,
    private readonly payments: PaymentsService,
    private readonly flash: FlashCheckout,
  ) {}

  onModuleInit(): void {
    this.payments.onAuthorized((tx, orderId) => this.paid(tx, orderId));
  }

  /**
   * Paid online: the short payment hold gives way to the usual one (a pickup's hold deadline; a
   * shipment no longer expires). An order that has ended meanwhile is left alone (its payment is voided).
   */
  private async paid(tx: Tx, orderId: string): Promise<void> {
    const { order, lines } = await this.store.load(tx.em, orderId);
    if (order.status !== 'placed') return;
    const location = await this.locations.get(order.locationId, tx);
    order.expiresAt = order.fulfillmentType === 'pickup' ? holdDeadline(this.clock.now(), location) : null;
    await sql(tx.em, 'UPDATE orders SET expires_at = :expiresAt WHERE id = :id AND status = :placed', {
      id: order.id,
      placed: 'placed',
      expiresAt: iso(order.expiresAt),
    });
    this.events.append(tx, order.locationId, 'order.updated', orderEventData(order, lines));
  }

  /** Answers false (changing nothing) if the order had moved on meanwhile. */
  async move(tx: Tx, order: Order, lines: OrderLine[], action: OrderAction, options: MoveOptions = {}) {
    const from = order.status;
    const to = assertTransition(order.fulfillmentType, from, action);
    const location = options.location ?? (await this.locations.get(order.locationId, tx));
    const now = this.clock.now();
    const next: Partial<Order> = {
      ...options.changes,
      status: to,
      updatedAt: now,
    };
    if (to === 'ready') {
      // The customer gets pickupHoldHours of open time from now, or longer if staff had already extended it.
      const held = holdDeadline(now, location);
      next.expiresAt = new Date(Math.max(held.getTime(), order.expiresAt?.getTime() ?? 0));
      next.readyAt = now;
    }
    if (to === 'collected') next.collectedAt = now;
    if (!(await this.update(tx, order, from, next, options))) return false;
    Object.assign(order, next, { version: order.version + 1 });
    await this.settleStock(tx, order, lines, to, options.actorId ?? null);
    await this.settlePayment(tx, order, lines, to);
    await this.tellCustomer(tx, order, lines, location, from, now);
    this.events.append(tx, order.locationId, 'order.updated', orderEventData(order, lines));
    return true;
  }

  /**
   * Before stock is promised (an order placed, a shipment re-sourced): holds past their deadline, at
   * that location or anywhere, are released first, a few at a time, so that their stock counts as free
   * at once rather than after the next sweep.
   */
  freeOverdueHolds(tx: Tx, now: Date, locationId?: string): Promise<number> {
    return this.expireDue(tx, now, { locationId, limit: INLINE_EXPIRY_LIMIT });
  }

  /**
   * Expires the pickup orders whose hold deadline has passed by `now` (all, or at one location), up to
   * `limit`: their stock is free again. Answers how many it expired.
   */
  async expireDue(tx: Tx, now: Date, scope: { locationId?: string; limit: number }): Promise<number> {
    const ids = await this.dueIds(tx, now, scope);
    let expired = 0;
    for (const id of ids) if (await this.expire(tx, id, now)) expired++;
    return expired;
  }

  /** Expires one order if it is still due (false if it was collected, cancelled or extended first). */
  async expire(tx: Tx, orderId: string, now: Date): Promise<boolean> {
    const { order, lines } = await this.store.load(tx.em, orderId);
    if (!statusesAllowing('expire').includes(order.status)) return false;
    const expired = await this.move(tx, order, lines, 'expire', { dueBy: now });
    // A lapsed hold from a flash sale: its units go back to the sale (nothing for other orders).
    if (expired) await this.flash.giveBack(tx, order.id, lines, now);
    return expired;
  }

  /** Ids of due orders, oldest deadline first (uses the (status, expires_at) index). */
  async dueIds(tx: Pick<Tx, 'em'>, now: Date, scope: { locationId?: string; limit: number }) {
    const { rows } = await sql<{ id: string }>(
      tx.em,
      `SELECT id FROM orders
        WHERE status IN (:...statuses) AND expires_at <= :now
        ${scope.locationId ? 'AND location_id = :locationId' : ''}
        ORDER BY expires_at, id LIMIT :limit`,
      { statuses: statusesAllowing('expire'), now: now.toISOString(), ...scope },
    );
    return rows.map((row) => row.id);
  }

  /** The conditional UPDATE that decides a race: it changes the row only if it is still in `from`. */
  private async update(tx: Tx, order: Order, from: OrderStatus, next: Partial<Order>, options: MoveOptions) {
    const guards = [
      options.dueBy ? 'AND expires_at <= :dueBy' : '',
      options.unlocked ? 'AND pickup_locked = :no' : '',
    ].join(' ');
    const { affected } = await sql(
      tx.em,
      `UPDATE orders SET status = :status, expires_at = :expiresAt,
              carrier = :carrier, tracking_number = :trackingNumber, ready_at = :readyAt,
              collected_at = :collectedAt, updated_at = :now, version = version + 1
        WHERE id = :id AND status = :from ${guards}`,
      {
        id: order.id,
        from,
        status: next.status,
        expiresAt: iso(next.expiresAt !== undefined ? next.expiresAt : order.expiresAt),
        carrier: next.carrier ?? order.carrier,
        trackingNumber: next.trackingNumber ?? order.trackingNumber,
        readyAt: iso(next.readyAt ?? order.readyAt),
        collectedAt: iso(next.collectedAt ?? order.collectedAt),
        now: next.updatedAt!.toISOString(),
        dueBy: options.dueBy?.toISOString(),
        ...sqlBooleans(tx),
      },
    );
    return affected === 1;
  }

  private async settleStock(
    tx: Tx,
    order: Order,
    lines: OrderLine[],
    to: OrderStatus,
    actorId: string | null,
  ) {
    const held = heldLines(order, lines);
    if (!held.length) return;
    const ref = { actorId, orderId: order.id, note: `order ${order.number} ${to}` };
    if (to === 'collected' || to === 'shipped') await this.inventory.fulfil(tx, held, ref);
    if (to === 'cancelled' || to === 'expired') await this.inventory.release(tx, held, ref);
  }

  /**
   * Money follows the goods: captured when they leave (only the lines handed over, so a short pick is
   * never charged), voided or refunded when the order ends without them.
   */
  private async settlePayment(tx: Tx, order: Order, lines: OrderLine[], to: OrderStatus) {
    if (to === 'collected' || to === 'shipped')
      await this.payments.capture(tx, order.id, amountDueOf(order, lines));
    if (to === 'cancelled' || to === 'expired') await this.payments.release(tx, order.id);
    order.payment = await this.payments.view(tx.em, order.id);
  }

  private async tellCustomer(
    tx: Tx,
    order: Order,
    lines: OrderLine[],
    location: Location,
    from: OrderStatus,
    now: Date,
  ) {
    if (from === 'ready') await this.messages.holdEnded(tx, order);
    if (order.status === 'ready') return this.messages.tellReady(tx, order, lines, location, now);
    const kind = TOLD_ON[order.status];
    if (kind) await this.messages.tell(tx, order, lines, location, kind);
  }
}

/** The stock an order holds at its location: every line not cancelled. */
export function heldLines(order: Order, lines: OrderLine[]): StockLine[] {
  return lines
    .filter((line) => line.status !== 'cancelled' && line.qty > 0)
    .map((line) => ({
      variantId: line.variantId,
      sku: line.sku,
      locationId: order.locationId,
      qty: line.qty,
    }));
}

/** The message each status other than ready sends (ready also queues the reminder). */
const TOLD_ON: Partial<Record<OrderStatus, CustomerMessageKind>> = {
  expired: 'order_expired',
  cancelled: 'order_cancelled',
  shipped: 'order_shipped',
};

/**
 * When a pickup hold that starts now ends: pickupHoldHours of the location's open time, so that it
 * never runs out while the store is closed (wall-clock hours if the location never opens again).
 */
export function holdDeadline(now: Date, location: Location): Date {
  const minutes = location.pickupHoldHours * 60;
  return addOpenMinutes(now, minutes, location) ?? new Date(now.getTime() + minutes * 60_000);
}

function iso(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null;
}
