import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { PaymentMethod, PaymentStatus, PaymentView } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { sql } from '../database/sql';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { PAYMENT_PROVIDER, PaymentProvider, ProviderEvent } from './payment-provider';
import { Payment } from './payment.entity';

/** What the payments module needs to know of an order to open its payment. */
export interface PayableOrder {
  id: string;
  totalAmount: number;
  currency: string;
  paymentMethod: PaymentMethod;
  fulfillmentType: 'pickup' | 'ship' | 'instore';
}

/** What a payment's view is made of. */
type PaymentFacts = Pick<
  Payment,
  'id' | 'provider' | 'method' | 'status' | 'currency' | 'amount' | 'captured' | 'refunded' | 'reference'
>;

/** Called in the unit that authorised an order's payment (the order's hold then runs as paid). */
export type AuthorizedListener = (tx: Tx, orderId: string) => Promise<void>;

const COUNTER = 'counter';
const REFUNDABLE: PaymentStatus[] = ['captured', 'partially_refunded'];

/**
 * Money on orders: opens a payment when an order is placed, captures when goods leave, voids or
 * refunds when an order ends, refunds returns, and applies the provider's webhooks. Every move is one
 * conditional UPDATE (so concurrent moves cannot take or give back more than there is) plus a ledger
 * row in the caller's unit; the provider is called only after that unit has committed.
 */
@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);
  private readonly authorizedListeners: AuthorizedListener[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    @Inject(PAYMENT_PROVIDER) readonly provider: PaymentProvider,
  ) {}

  onAuthorized(listener: AuthorizedListener): void {
    this.authorizedListeners.push(listener);
  }

  /** A new payment id and, for an online order, its hosted checkout: asked before the order's unit. */
  async prepare(order: Pick<PayableOrder, 'id' | 'totalAmount' | 'currency'>) {
    const payment = Object.assign(new Payment(), {
      id: randomUUID(),
      orderId: order.id,
      amount: order.totalAmount,
      currency: order.currency,
      refunded: 0,
    });
    const { checkoutUrl, reference } = await this.provider.startCheckout(payment);
    return { paymentId: payment.id, checkoutUrl, reference };
  }

  /**
   * Records the payment of a new order in its unit: a counter sale is captured at once, "at pickup"
   * waits for the counter, online waits for the provider's webhook. Answers its view (no read back).
   */
  async open(
    tx: Tx,
    order: PayableOrder,
    checkout: { paymentId: string; reference: string | null } | null,
  ): Promise<PaymentView> {
    const now = this.clock.now().toISOString();
    const atCounter = order.fulfillmentType === 'instore';
    const online = order.paymentMethod === 'online' && !atCounter;
    const captured = atCounter ? order.totalAmount : 0;
    const payment = {
      id: checkout?.paymentId ?? randomUUID(),
      orderId: order.id,
      provider: online ? this.provider.name : COUNTER,
      method: order.paymentMethod,
      status: atCounter ? ('captured' as const) : ('pending' as const),
      currency: order.currency,
      amount: order.totalAmount,
      captured,
      refunded: 0,
      reference: checkout?.reference ?? null,
      now,
    };
    await sql(
      tx.em,
      `INSERT INTO payments (id, order_id, provider, method, status, currency, amount, captured, refunded,
         reference, created_at, updated_at)
       VALUES (:id, :orderId, :provider, :method, :status, :currency, :amount, :captured, :refunded,
         :reference, :now, :now)`,
      payment,
    );
    if (captured)
      await this.ledger(tx, payment.id, payment.provider, `capture:${payment.id}`, 'captured', captured);
    return this.viewOf(payment);
  }

  /**
   * Takes `amount` (the lines handed over) when goods leave. Online: only from an authorisation, and
   * never more than it; at pickup: paid at the counter now. An order not yet paid online is refused.
   */
  async capture(tx: Tx, orderId: string, amount: number): Promise<void> {
    const payment = await this.load(tx.em, orderId, true);
    if (payment.status === 'captured' && payment.captured === amount) return;
    const from = payment.provider === COUNTER ? 'pending' : 'authorized';
    const { affected } = await sql(
      tx.em,
      `UPDATE payments SET status = 'captured', captured = :amount, amount = CASE WHEN provider = :counter
         THEN :amount ELSE amount END, updated_at = :now
        WHERE id = :id AND status = :from AND (provider = :counter OR :amount <= amount)`,
      { id: payment.id, amount, from, counter: COUNTER, now: this.clock.now().toISOString() },
    );
    if (affected !== 1) {
      throw new AppError('INVALID_TRANSITION', `The payment is ${payment.status}, so it cannot be captured`, {
        from: payment.status,
        action: 'capture',
      });
    }
    await this.ledger(tx, payment.id, payment.provider, `capture:${payment.id}`, 'captured', amount);
    if (payment.provider !== COUNTER) tx.afterCommit(() => this.call('capture', payment, amount));
  }

  /** An order ended (cancelled, expired): an open authorisation is voided, a capture refunded in full. */
  async release(tx: Tx, orderId: string): Promise<void> {
    const payment = await this.load(tx.em, orderId, true);
    if (REFUNDABLE.includes(payment.status)) {
      const rest = payment.captured - payment.refunded;
      if (rest > 0) await this.refund(tx, orderId, rest, `release:${payment.id}`);
      return;
    }
    const { affected } = await sql(
      tx.em,
      `UPDATE payments SET status = 'voided', updated_at = :now
        WHERE id = :id AND status IN ('pending', 'authorized', 'failed')`,
      { id: payment.id, now: this.clock.now().toISOString() },
    );
    if (!affected) return;
    await this.ledger(tx, payment.id, payment.provider, `void:${payment.id}`, 'voided', 0);
    if (payment.status === 'authorized') tx.afterCommit(() => this.call('void', payment));
  }

  /**
   * Gives back `amount` of what was captured, once per `key`: the ledger row is written first and is
   * unique per key, so a retry (or a concurrent twin) refunds nothing more. The UPDATE then checks
   * refunded + amount ≤ captured, so concurrent refunds never exceed it (a refusal rolls the row back).
   * `outside`: paid out at the till in cash, or credited to an exchange's new sale, so the provider is
   * not called. Answers the payment as it was read.
   */
  async refund(
    tx: Tx,
    orderId: string,
    amount: number,
    key: string,
    options: { outside?: 'cash' | 'exchange' } = {},
  ) {
    const payment = await this.load(tx.em, orderId, true);
    const kind = options.outside ? `refunded_${options.outside}` : 'refunded';
    if (!(await this.ledger(tx, payment.id, payment.provider, `refund:${key}`, kind, amount))) return payment;
    const { affected } = await sql(
      tx.em,
      `UPDATE payments SET refunded = refunded + :amount, updated_at = :now,
              status = CASE WHEN refunded + :amount = captured THEN 'refunded' ELSE 'partially_refunded' END
        WHERE id = :id AND status IN (:...refundable) AND refunded + :amount <= captured`,
      { id: payment.id, amount, refundable: REFUNDABLE, now: this.clock.now().toISOString() },
    );
    if (affected !== 1) {
      throw new AppError('REFUND_EXCEEDS_CAPTURED', 'That is more than is left to refund on this order', {
        requested: amount,
        refundable: REFUNDABLE.includes(payment.status)
          ? Math.max(0, payment.captured - payment.refunded)
          : 0,
      });
    }
    if (payment.provider !== COUNTER && amount > 0 && !options.outside)
      tx.afterCommit(() => this.call('refund', payment, amount));
    return payment;
  }

  /** The payments of these orders as answers carry them, by order id. */
  async views(em: EntityManager, orderIds: string[]): Promise<Map<string, PaymentView>> {
    if (!orderIds.length) return new Map();
    const payments = await em.find(Payment, { where: { orderId: In(orderIds) } });
    return new Map(payments.map((payment) => [payment.orderId, this.viewOf(payment)]));
  }

  async view(em: EntityManager, orderId: string): Promise<PaymentView | undefined> {
    return (await this.views(em, [orderId])).get(orderId);
  }

  viewOf(payment: PaymentFacts): PaymentView {
    const money = (amount: number) => ({ amount: Number(amount), currency: payment.currency });
    const view: PaymentView = {
      method: payment.method,
      status: payment.status,
      amount: money(payment.amount),
      captured: money(payment.captured),
      refunded: money(payment.refunded),
    };
    if (payment.status === 'pending' && payment.provider === this.provider.name) {
      view.checkoutUrl = `/pay/${payment.id}`;
      if (payment.provider === 'stripe' && payment.reference) view.checkoutUrl = payment.reference;
    }
    return view;
  }

  /** A payment by its own id (the test provider's page), or null. */
  find(paymentId: string): Promise<Payment | null> {
    return this.dataSource.manager.findOneBy(Payment, { id: paymentId });
  }

  /**
   * A provider's webhook: a bad signature answers 401 and changes nothing; an event seen before is
   * acknowledged and ignored; otherwise the fact moves the payment forward only (pending → authorized
   * or failed; failed → authorized when the shopper tried again). A late authorisation for a payment
   * already voided (its order expired or was cancelled) is voided at the provider.
   */
  async handleWebhook(
    providerName: string,
    rawBody: Buffer | undefined,
    headers: Record<string, string | string[] | undefined>,
  ) {
    if (providerName !== this.provider.name)
      throw AppError.notFound('Payment provider', { provider: providerName });
    const event = rawBody ? this.provider.parseWebhook(rawBody, headers) : null;
    if (!event) throw new AppError('UNAUTHENTICATED', 'The webhook signature does not hold');
    if (event === 'ignored') return { received: true };
    return this.uow.run(async (tx) => {
      const payment = await tx.em.findOne(Payment, { where: { id: event.paymentId }, lock: this.lockOf(tx) });
      if (!payment || payment.provider !== this.provider.name) return { received: true };
      const fresh = await this.ledger(tx, payment.id, payment.provider, event.eventId, event.outcome, 0);
      if (!fresh) return { received: true, duplicate: true };
      await this.apply(tx, payment, event);
      return { received: true };
    });
  }

  private async apply(tx: Tx, payment: Payment, event: ProviderEvent) {
    const now = this.clock.now().toISOString();
    if (event.outcome === 'failed') {
      await sql(
        tx.em,
        `UPDATE payments SET status = 'failed', updated_at = :now WHERE id = :id AND status = 'pending'`,
        {
          id: payment.id,
          now,
        },
      );
      return;
    }
    const { affected } = await sql(
      tx.em,
      `UPDATE payments SET status = 'authorized', updated_at = :now WHERE id = :id AND status IN ('pending', 'failed')`,
      { id: payment.id, now },
    );
    if (affected) {
      for (const listener of this.authorizedListeners) await listener(tx, payment.orderId);
    } else if (payment.status === 'voided') {
      tx.afterCommit(() => this.call('void', payment));
    }
  }

  /** Appends a ledger row; false if this (provider, event id) was recorded before. */
  private async ledger(
    tx: Tx,
    paymentId: string,
    provider: string,
    eventId: string,
    kind: string,
    amount: number,
  ) {
    const { affected } = await sql(
      tx.em,
      `INSERT INTO payment_events (id, payment_id, provider, event_id, kind, amount, created_at)
       VALUES (:id, :paymentId, :provider, :eventId, :kind, :amount, :now) ON CONFLICT DO NOTHING`,
      { id: randomUUID(), paymentId, provider, eventId, kind, amount, now: this.clock.now().toISOString() },
    );
    return affected > 0;
  }

  private async load(em: EntityManager, orderId: string, lock: boolean): Promise<Payment> {
    const payment = await em.findOne(Payment, {
      where: { orderId },
      lock: lock && em.connection.options.type === 'postgres' ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!payment) throw AppError.notFound('Payment of order', { orderId });
    return payment;
  }

  private lockOf(tx: Tx) {
    return tx.dialect === 'postgres' ? { mode: 'pessimistic_write' as const } : undefined;
  }

  /** The provider call after the commit; a failure is logged for staff to settle by hand. */
  private async call(action: 'capture' | 'void' | 'refund', payment: Payment, amount = 0) {
    try {
      if (action === 'void') await this.provider.void(payment);
      else await this.provider[action](payment, amount);
    } catch (error) {
      this.logger.error(
        { err: error, paymentId: payment.id, action, amount },
        'payment provider call failed',
      );
    }
  }
}
