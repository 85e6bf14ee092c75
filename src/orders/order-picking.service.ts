import { Inject, Injectable } from '@nestjs/common';
import type { OrderView } from '@o2o/contracts';
import { assertCanActAt } from '../auth/access';
import { AppError } from '../common/app-error';
import type { AuthUser } from '../common/request-context';
import { sql } from '../database/sql';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { InventoryService } from '../inventory/inventory.service';
import { LocationsService } from '../locations/locations.service';
import { EventLog } from '../outbox/event-log.service';
import { heldLines, OrderLifecycle } from './order-lifecycle.service';
import { OrderMessages } from './order-messages';
import { SOURCING_STRATEGY, SourcingStrategy } from './order-sourcing';
import { LoadedOrder, OrderStore } from './order-store';
import { holdsStock } from './order-transitions';
import { amountDueOf, orderEventData, toOrderView } from './order-view';
import type { OrderLine } from './order.entity';

/**
 * A clerk picking an order finds fewer units of a line than it holds. The location's stock was
 * wrong, so it is corrected through a count; then a shipment moves whole to another location that
 * has everything, and otherwise (and always for a pickup, whose customer comes to this store) the
 * line keeps what was found, the customer is told, and pays only for that.
 */
@Injectable()
export class OrderPicking {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: OrderStore,
    private readonly inventory: InventoryService,
    private readonly locations: LocationsService,
    private readonly lifecycle: OrderLifecycle,
    private readonly events: EventLog,
    @Inject(SOURCING_STRATEGY) private readonly sourcing: SourcingStrategy,
    private readonly messages: OrderMessages,
  ) {}

  markShort(user: AuthUser, id: string, sku: string, found: number): Promise<OrderView> {
    return this.uow.run(async (tx) => {
      const loaded = await this.store.load(tx.em, id);
      const { order, lines } = loaded;
      assertCanActAt(user, order.locationId);
      if (!holdsStock(order.status) || order.fulfillmentType === 'instore') {
        throw AppError.invalidTransition(order.status, 'short');
      }
      const line = lines.find((l) => l.sku === sku && l.status !== 'cancelled');
      if (!line) throw AppError.notFound(`Line ${sku} on this order`, { orderId: id, sku });
      if (found >= line.qty) throw AppError.invalid('found', `must be less than the ${line.qty} ordered`);

      await this.writeOffMissing(tx, loaded, line, line.qty - found, user.id);
      if (order.fulfillmentType === 'ship' && (await this.resource(tx, loaded, line, found, user.id))) {
        return toOrderView(order, lines, { viewer: 'staff' });
      }
      await this.shortenLine(tx, loaded, line, found);
      return toOrderView(order, lines, { viewer: 'staff' });
    });
  }

  /** Gives back the missing units' hold, then counts the shelf at what is really there. */
  private async writeOffMissing(
    tx: Tx,
    { order }: LoadedOrder,
    line: OrderLine,
    missing: number,
    actorId: string,
  ) {
    const stockLine = { variantId: line.variantId, sku: line.sku, locationId: order.locationId };
    const ref = { actorId, orderId: order.id, note: `short pick of order ${order.number}` };
    const [level] = await this.inventory.release(tx, [{ ...stockLine, qty: missing }], ref);
    // The level was just returned by our own UPDATE in this unit, so the count compares against it.
    await this.inventory.setOnHand(
      tx,
      { ...stockLine, onHand: level.onHand - missing, expectedOnHand: level.onHand },
      'count',
      ref,
    );
  }

  /**
   * Moves a shipment whole (original quantities) to another location that can fulfil every line,
   * releasing what this location still holds. Answers false if no location can.
   */
  private async resource(
    tx: Tx,
    { order, lines }: LoadedOrder,
    short: OrderLine,
    found: number,
    actorId: string,
  ) {
    const demand = lines
      .filter((l) => l.status !== 'cancelled')
      .map((l) => ({ variantId: l.variantId, qty: l.qty }));
    await this.lifecycle.freeOverdueHolds(tx, new Date());
    const target = await this.sourcing.choose(tx, {
      lines: demand,
      destination: order.shipAddress ?? undefined,
      exclude: [order.locationId],
    });
    if (!target) return false;
    const ref = { actorId, orderId: order.id, note: `order ${order.number} re-sourced` };
    const stillHeld = heldLines(order, lines).map((l) =>
      l.variantId === short.variantId ? { ...l, qty: found } : l,
    );
    const toRelease = stillHeld.filter((l) => l.qty > 0);
    if (toRelease.length) await this.inventory.release(tx, toRelease, ref);
    const from = order.locationId;
    order.locationId = target;
    await this.inventory.reserve(tx, heldLines(order, lines), ref);
    const { affected } = await sql(
      tx.em,
      'UPDATE orders SET location_id = :target, updated_at = :now, version = version + 1 WHERE id = :id AND status = :status AND location_id = :from',
      { id: order.id, target, from, status: order.status, now: new Date().toISOString() },
    );
    if (affected !== 1) throw AppError.invalidTransition(order.status, 'short');
    // The old store's queue drops the card (it names the new location); the new store's gains it.
    this.events.append(tx, from, 'order.updated', { ...orderEventData(order, lines), locationId: target });
    this.events.append(tx, target, 'order.created', orderEventData(order, lines));
    return true;
  }

  /** The line keeps what was found (none: cancelled); the total follows; the customer is told. */
  private async shortenLine(tx: Tx, { order, lines }: LoadedOrder, line: OrderLine, found: number) {
    const missing = line.qty - found;
    Object.assign(line, { qty: found, status: found === 0 ? 'cancelled' : 'short' });
    await sql(tx.em, 'UPDATE order_lines SET qty = :qty, status = :status WHERE id = :id', {
      id: line.id,
      qty: line.qty,
      status: line.status,
    });
    const location = await this.locations.get(order.locationId, tx);
    if (lines.every((l) => l.status === 'cancelled')) {
      // Nothing left to pick: the order is cancelled (a refund in full if it was paid online).
      await this.lifecycle.move(tx, order, lines, 'cancel', { location });
      return;
    }
    order.totalAmount = amountDueOf(order, lines);
    order.updatedAt = new Date();
    await sql(
      tx.em,
      'UPDATE orders SET total_amount = :totalAmount, updated_at = :now, version = version + 1 WHERE id = :id',
      { id: order.id, totalAmount: order.totalAmount, now: order.updatedAt.toISOString() },
    );
    await this.messages.tell(tx, order, lines, location, 'line_cancelled', {
      missing: [{ sku: line.sku, missing }],
    });
    this.events.append(tx, order.locationId, 'order.updated', orderEventData(order, lines));
  }
}
