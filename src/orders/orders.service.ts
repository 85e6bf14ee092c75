import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CustomerMessageKind, DayReportView, OrderView, Page, PaymentMethod } from '@o2o/contracts';
import { MAX_PICKUP_ATTEMPTS, RECEIPT_QR_PREFIX } from '@o2o/contracts';
import { assertCanActAt } from '../auth/access';
import { AuthService } from '../auth/auth.service';
import { AppError } from '../common/app-error';
import { mapPage, PageQuery } from '../common/pagination';
import { Clock } from '../common/clock';
import { qrInlineSvg } from '../common/qr';
import type { AuthUser } from '../common/request-context';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { sql } from '../database/sql';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { LocationsService } from '../locations/locations.service';
import { MessagesService } from '../messages/messages.service';
import { EventLog } from '../outbox/event-log.service';
import { hashToken, orderLinkToken, readPickupInput, sameCode } from './order-codes';
import { MoveOptions, OrderLifecycle } from './order-lifecycle.service';
import { OrderMessages } from './order-messages';
import { renderReceipt } from './order-receipt';
import { localDay } from './day-report';
import { LoadedOrder, OrderStore, sqlBooleans } from './order-store';
import type { Order } from './order.entity';
import { canReschedule, OrderAction } from './order-transitions';
import { attemptsLeftOf, orderEventData, toOrderView, Viewer, viewerOf } from './order-view';
import type { LocationOrdersQuery } from './orders.dto';

const MAX_HOLD_MS = 90 * 24 * 3_600_000;

type WrongCodeOutcome = { wrong: true; attemptsLeft: number } | { locked: true };

/** Rolls back the collect unit when the code is wrong (the count is written in a unit of its own). */
class WrongPickupCode extends Error {}

/**
 * Reading orders and moving them along their lifecycle. Each use case: load → check who may →
 * move through OrderLifecycle (one conditional UPDATE) → answer the order as the caller may see it.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly store: OrderStore,
    private readonly lifecycle: OrderLifecycle,
    private readonly events: EventLog,
    private readonly locations: LocationsService,
    private readonly messages: MessagesService,
    private readonly orderMessages: OrderMessages,
    private readonly clock: Clock,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The order with its messages, for its customer, its token or staff of its location; else 404. */
  async get(user: AuthUser | undefined, id: string, token: string | undefined): Promise<OrderView> {
    // One snapshot: the payment and the hold it sets are committed together, and read together.
    return this.uow.snapshot(async (em) => {
      const { order, viewer } = await this.readable(user, id, token, em);
      return this.viewWithMessages(order, viewer, em);
    });
  }

  /** The text a pickup QR code carries; only for the order's customer (it holds the pickup code). */
  async pickupCodeFor(user: AuthUser | undefined, id: string, token: string | undefined) {
    const { order, viewer } = await this.readable(user, id, token);
    if (viewer !== 'customer' || !order.pickupCode) throw AppError.notFound('Pickup code', { orderId: id });
    return { orderId: order.id, pickupCode: order.pickupCode };
  }

  /** The printable receipt of an order, for staff of its location. */
  async receipt(user: AuthUser, id: string): Promise<string> {
    const order = await this.store.find(this.dataSource.manager, id);
    if (!order) throw AppError.notFound('Order', { orderId: id });
    assertCanActAt(user, order.locationId);
    const [lines, location] = await Promise.all([
      this.store.linesOf(this.dataSource.manager, id),
      this.locations.get(order.locationId),
    ]);
    const { line1, postalCode, city } = location.address;
    return renderReceipt(toOrderView(order, lines, { viewer: 'staff' }), {
      locationName: location.name,
      address: `${line1}, ${postalCode} ${city}`,
      qrSvg: await qrInlineSvg(`${RECEIPT_QR_PREFIX}:${order.id}`, { errorCorrection: 'M', margin: 2 }),
    });
  }

  /** A store's day for closing up: counter sales per payment method, pickups handed over, no-shows, still open. */
  async dayReport(locationId: string, date: string | undefined): Promise<DayReportView> {
    const location = await this.locations.get(locationId);
    const day = localDay(location.timezone, date);
    const em = this.dataSource.manager;
    const params = { locationId, from: day.from, to: day.to };
    const [sales, pickups, open] = await Promise.all([
      sql<{ payment_method: PaymentMethod; currency: string; n: number; total: number }>(
        em,
        `SELECT payment_method, currency, COUNT(*) AS n, SUM(total_amount) AS total FROM orders
          WHERE location_id = :locationId AND fulfillment_type = 'instore'
            AND created_at >= :from AND created_at < :to
          GROUP BY payment_method, currency ORDER BY payment_method`,
        params,
      ),
      // A collected or expired order does not move again: when it last changed is when it ended.
      sql<{ status: string; n: number }>(
        em,
        `SELECT status, COUNT(*) AS n FROM orders
          WHERE location_id = :locationId AND fulfillment_type = 'pickup' AND status IN ('collected', 'expired')
            AND updated_at >= :from AND updated_at < :to
          GROUP BY status`,
        params,
      ),
      sql<{ status: string; n: number }>(
        em,
        `SELECT status, COUNT(*) AS n FROM orders
          WHERE location_id = :locationId AND status IN ('placed', 'ready') GROUP BY status`,
        params,
      ),
    ]);
    const count = (rows: Array<{ status: string; n: number }>, status: string) =>
      Number(rows.find((row) => row.status === status)?.n ?? 0);
    const currency = sales.rows[0]?.currency ?? 'EUR';
    const byPayment = sales.rows.map((row) => ({
      method: row.payment_method,
      count: Number(row.n),
      total: { amount: Number(row.total), currency: row.currency },
    }));
    return {
      locationId,
      ...day,
      sales: {
        count: byPayment.reduce((n, row) => n + row.count, 0),
        total: { amount: byPayment.reduce((sum, row) => sum + row.total.amount, 0), currency },
        byPayment,
      },
      pickupsCollected: count(pickups.rows, 'collected'),
      noShows: count(pickups.rows, 'expired'),
      open: { placed: count(open.rows, 'placed'), ready: count(open.rows, 'ready') },
    };
  }

  /** An unknown location answers 404, as its stock and its other lists do (not an empty page). */
  async forLocation(locationId: string, query: LocationOrdersQuery): Promise<Page<OrderView>> {
    await this.locations.get(locationId);
    const page = await this.store.page(this.dataSource.manager, { locationId, status: query.status }, query);
    return this.withMessages(page, 'staff');
  }

  /** The customer's orders, newest first: placed while signed in, and once verified, as a guest with the email. */
  async mine(user: AuthUser, query: PageQuery): Promise<Page<OrderView>> {
    const customer = { userId: user.id, verifiedEmail: await this.auth.verifiedEmailOf(user.id) };
    const page = await this.store.page(this.dataSource.manager, { customer }, query, { newestFirst: true });
    return this.withMessages(page, 'customer');
  }

  /** A page of orders as answers, each with its messages (read for the whole page at once). */
  private async withMessages(page: Page<LoadedOrder>, viewer: Viewer): Promise<Page<OrderView>> {
    const messages = await this.messages.forOrders(page.items.map(({ order }) => order.id));
    return mapPage(page, ({ order, lines }) =>
      toOrderView(order, lines, { viewer, messages: messages.get(order.id) }),
    );
  }

  ready(user: AuthUser, id: string): Promise<OrderView> {
    return this.asStaff(user, id, (tx, loaded) => this.move(tx, loaded, 'ready', { actorId: user.id }));
  }

  ship(user: AuthUser, id: string, shipment: { carrier: string; trackingNumber: string }) {
    return this.asStaff(user, id, (tx, loaded) =>
      this.move(tx, loaded, 'ship', { actorId: user.id, changes: shipment }),
    );
  }

  /** Cancel before collection: by its customer (signed in or with the token) or by staff of its location. */
  cancel(user: AuthUser | undefined, id: string, token: string | undefined): Promise<OrderView> {
    return this.uow.run(async (tx) => {
      const loaded = await this.store.load(tx.em, id);
      const claim = await this.verifiedEmailOf(user);
      const viewer = viewerOf(loaded.order, user, this.tokenHashOf(loaded.order, token), claim);
      if (!viewer) throw AppError.notFound('Order', { orderId: id });
      await this.move(tx, loaded, 'cancel', { actorId: user?.id ?? null });
      return toOrderView(loaded.order, loaded.lines, {
        viewer,
        messages: await this.messages.forOrder(id, tx),
      });
    });
  }

  /**
   * Collects a ready pickup order against its pickup code (typed, or the scanned QR text). A wrong
   * code is counted (committed) before it is answered; the fifth locks the order until a manager
   * unlocks it, and while locked even the right code answers TOO_MANY_ATTEMPTS.
   */
  async collect(user: AuthUser, id: string, input: string): Promise<OrderView> {
    // The unit that hands over answers the order view itself (an Idempotency-Key stores that answer);
    // a wrong code rolls it back and is counted in a unit of its own, then answered 422.
    try {
      return await this.uow.run(async (tx) => {
        const loaded = await this.store.load(tx.em, id);
        const { order } = loaded;
        assertCanActAt(user, order.locationId);
        if (order.status !== 'ready') throw AppError.invalidTransition(order.status, 'collect');
        if (order.pickupLocked) throw tooManyAttempts(id);
        const given = readPickupInput(input);
        const matches =
          (!given.orderId || given.orderId === order.id) && sameCode(order.pickupCode!, given.code);
        if (!matches) throw new WrongPickupCode();
        await this.move(tx, loaded, 'collect', { actorId: user.id, unlocked: true });
        const messages = await this.messages.forOrder(id, tx);
        return toOrderView(order, loaded.lines, { viewer: 'staff', messages });
      });
    } catch (error) {
      if (!(error instanceof WrongPickupCode)) throw error;
    }
    const outcome = await this.uow.run(async (tx) =>
      this.countWrongCode(tx, await this.store.load(tx.em, id)),
    );
    if ('locked' in outcome) throw tooManyAttempts(id);
    throw new AppError('PICKUP_CODE_INVALID', 'That is not the pickup code of this order', {
      attemptsLeft: outcome.attemptsLeft,
      locked: outcome.attemptsLeft === 0,
    });
  }

  /**
   * A manager lets a locked order be collected again (after checking the customer's identity); the
   * reason goes to every terminal of the store with the unlock. An order that is not locked is left
   * as it is.
   */
  unlock(user: AuthUser, id: string, reason?: string): Promise<OrderView> {
    return this.asStaff(user, id, async (tx, { order, lines }) => {
      if (!order.pickupLocked) return;
      await sql(tx.em, 'UPDATE orders SET pickup_attempts = 0, pickup_locked = :no WHERE id = :id', {
        id,
        ...sqlBooleans(tx),
      });
      Object.assign(order, { pickupAttempts: 0, pickupLocked: false });
      this.events.append(tx, order.locationId, 'order.updated', {
        ...orderEventData(order, lines),
        locked: false,
        attemptsLeft: MAX_PICKUP_ATTEMPTS,
        unlockedBy: user.id,
        unlockReason: reason ?? null,
      });
    });
  }

  /** Sends a message of the order again (staff of its location): a new message, with the order as it is now. */
  resendMessage(user: AuthUser, id: string, kind: CustomerMessageKind): Promise<OrderView> {
    return this.uow.run(async (tx) => {
      const { order, lines } = await this.store.load(tx.em, id);
      assertCanActAt(user, order.locationId);
      const location = await this.locations.get(order.locationId, tx);
      await this.orderMessages.tellAgain(tx, order, lines, location, kind);
      const messages = await this.messages.forOrder(order.id, tx);
      return toOrderView(order, lines, { viewer: 'staff', messages });
    });
  }

  /** Moves the hold deadline of a placed or ready pickup order (the customer comes tomorrow). */
  reschedule(user: AuthUser, id: string, expiresAt: string): Promise<OrderView> {
    const deadline = new Date(expiresAt);
    const now = this.clock.now().getTime();
    if (!(deadline.getTime() > now)) throw AppError.invalid('expiresAt', 'must be in the future');
    if (deadline.getTime() > now + MAX_HOLD_MS) throw AppError.invalid('expiresAt', 'must be within 90 days');
    return this.asStaff(user, id, async (tx, { order, lines }) => {
      if (!canReschedule(order.fulfillmentType, order.status)) {
        throw AppError.invalidTransition(order.status, 'reschedule');
      }
      const { affected } = await sql(
        tx.em,
        'UPDATE orders SET expires_at = :expiresAt, updated_at = :now, version = version + 1 WHERE id = :id AND status = :status',
        { id, status: order.status, expiresAt: deadline.toISOString(), now: new Date(now).toISOString() },
      );
      if (affected !== 1) throw await this.movedMeanwhile(tx, id, 'reschedule');
      Object.assign(order, { expiresAt: deadline, updatedAt: new Date(now) });
      const location = await this.locations.get(order.locationId, tx);
      await this.orderMessages.deadlineMoved(tx, order, lines, location, new Date(now));
      this.events.append(tx, order.locationId, 'order.updated', orderEventData(order, lines));
    });
  }

  /** Loads the order in a unit of work, checks the caller is staff of its location, then acts. */
  private asStaff(
    user: AuthUser,
    id: string,
    act: (tx: Tx, loaded: LoadedOrder) => Promise<void>,
  ): Promise<OrderView> {
    return this.uow.run(async (tx) => {
      const loaded = await this.store.load(tx.em, id);
      assertCanActAt(user, loaded.order.locationId);
      await act(tx, loaded);
      const messages = await this.messages.forOrder(id, tx);
      return toOrderView(loaded.order, loaded.lines, { viewer: 'staff', messages });
    });
  }

  private async move(tx: Tx, { order, lines }: LoadedOrder, action: OrderAction, options: MoveOptions) {
    if (!(await this.lifecycle.move(tx, order, lines, action, options))) {
      throw await this.movedMeanwhile(tx, order.id, action);
    }
  }

  /** The conditional UPDATE missed: someone moved the order first; answer from its status now. */
  private async movedMeanwhile(tx: Tx, id: string, action: string): Promise<AppError> {
    const current = await this.store.find(tx.em, id);
    if (current?.pickupLocked && current.status === 'ready' && action === 'collect')
      return tooManyAttempts(id);
    return AppError.invalidTransition(current?.status ?? 'gone', action);
  }

  private async countWrongCode(tx: Tx, { order, lines }: LoadedOrder): Promise<WrongCodeOutcome> {
    const id = order.id;
    const { rows } = await sql<{ pickup_attempts: number }>(
      tx.em,
      `UPDATE orders SET pickup_attempts = pickup_attempts + 1,
              pickup_locked = CASE WHEN pickup_attempts + 1 >= :max THEN :yes ELSE :no END
        WHERE id = :id AND pickup_locked = :no
        RETURNING pickup_attempts`,
      { id, max: MAX_PICKUP_ATTEMPTS, ...sqlBooleans(tx) },
    );
    if (!rows.length) return { locked: true };
    const attempts = Number(rows[0].pickup_attempts);
    Object.assign(order, { pickupAttempts: attempts, pickupLocked: attempts >= MAX_PICKUP_ATTEMPTS });
    const attemptsLeft = attemptsLeftOf(order);
    // Every terminal of the store counts down with the clerk's, and shows the lock at the fifth.
    this.events.append(tx, order.locationId, 'order.updated', {
      ...orderEventData(order, lines),
      locked: order.pickupLocked,
      attemptsLeft,
    });
    return { wrong: true, attemptsLeft };
  }

  /**
   * The hash viewerOf compares with the order's: of the order token, or of the order itself when the
   * token is the link token of its messages.
   */
  private tokenHashOf(order: Order, token: string | undefined): string | null {
    if (!token) return null;
    return sameCode(orderLinkToken(this.config.jwtSecret, order.id), token)
      ? order.tokenHash
      : hashToken(token);
  }

  private async viewWithMessages(
    order: Order,
    viewer: Viewer,
    em: EntityManager = this.dataSource.manager,
  ): Promise<OrderView> {
    const [lines, messages] = await Promise.all([
      this.store.linesOf(em, order.id),
      this.messages.forOrder(order.id),
    ]);
    return toOrderView(order, lines, { viewer, messages });
  }

  private async readable(
    user: AuthUser | undefined,
    id: string,
    token: string | undefined,
    em: EntityManager = this.dataSource.manager,
  ) {
    const order = await this.store.find(em, id);
    const claim = await this.verifiedEmailOf(user);
    const viewer: Viewer | null = order ? viewerOf(order, user, this.tokenHashOf(order, token), claim) : null;
    if (!order || !viewer) throw AppError.notFound('Order', { orderId: id });
    return { order, viewer };
  }

  /** A customer's verified email (which claims their guest orders); null for anyone else. */
  private verifiedEmailOf(user: AuthUser | undefined): Promise<string | null> {
    return user?.role === 'customer' ? this.auth.verifiedEmailOf(user.id) : Promise.resolve(null);
  }
}

function tooManyAttempts(id: string): AppError {
  return new AppError(
    'TOO_MANY_ATTEMPTS',
    `Too many wrong pickup codes: a manager must unlock this order first`,
    { orderId: id, maxAttempts: MAX_PICKUP_ATTEMPTS },
  );
}
