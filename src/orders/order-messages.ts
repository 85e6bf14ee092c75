import { Inject, Injectable } from '@nestjs/common';
import type { CustomerMessageKind, CustomerMessageView, SupportedLocale } from '@o2o/contracts';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import type { Tx } from '../database/unit-of-work';
import type { Location } from '../locations/location.entity';
import { addOpenMinutes } from '../locations/opening-hours';
import type { MessageFacts } from '../messages/message-facts';
import { MessagesService } from '../messages/messages.service';
import { orderLinkToken, pickupQrPayload } from './order-codes';
import type { Order, OrderLine } from './order.entity';

/** The messages staff may send again from the order (those that make sense after the fact). */
export const RESENDABLE_KINDS: CustomerMessageKind[] = [
  'order_placed',
  'ready_for_pickup',
  'pickup_reminder',
  'order_shipped',
  'order_cancelled',
  'order_expired',
];

/** The reminder goes out this much open time before a hold ends (at most half the hold). */
const REMINDER_LEAD_MINUTES = 8 * 60;

/** What tells the customer of each change: the order's facts, in their language, queued in the unit. */
@Injectable()
export class OrderMessages {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly messages: MessagesService,
  ) {}

  tell(
    tx: Tx,
    order: Order,
    lines: OrderLine[],
    location: Location,
    kind: CustomerMessageKind,
    extra: Pick<MessageFacts, 'missing'> = {},
  ): Promise<CustomerMessageView[]> {
    return this.messages.queue(tx, this.noticeOf(order, lines, location, kind, extra));
  }

  /** Staff's Resend: the same kind of message again, with the order as it is now. */
  tellAgain(tx: Tx, order: Order, lines: OrderLine[], location: Location, kind: CustomerMessageKind) {
    return this.messages.queueAgain(tx, this.noticeOf(order, lines, location, kind, {}));
  }

  /**
   * The order is ready: the customer is told now, and reminded REMINDER_LEAD_MINUTES of open time
   * before the hold ends (once per deadline). Any reminder for an earlier deadline no longer applies.
   */
  async tellReady(tx: Tx, order: Order, lines: OrderLine[], location: Location, now: Date): Promise<void> {
    await this.tell(tx, order, lines, location, 'ready_for_pickup');
    await this.remindBeforeDeadline(tx, order, lines, location, now, location.pickupHoldHours * 60);
  }

  /** Staff moved the deadline of a ready order: the reminder follows it (lead counted on the clock). */
  async deadlineMoved(tx: Tx, order: Order, lines: OrderLine[], location: Location, now: Date) {
    await this.messages.cancelQueued(tx, order.id, 'pickup_reminder');
    if (order.status !== 'ready' || !order.expiresAt) return;
    const minutesLeft = (order.expiresAt.getTime() - now.getTime()) / 60_000;
    const dueAt = new Date(
      order.expiresAt.getTime() - Math.min(REMINDER_LEAD_MINUTES, minutesLeft / 2) * 60_000,
    );
    await this.messages.queue(tx, {
      ...this.noticeOf(order, lines, location, 'pickup_reminder', {}),
      occurrence: order.expiresAt.toISOString(),
      dueAt,
    });
  }

  /** Money was given back for a return: one message per return (its id names the occurrence). */
  refundIssued(
    tx: Tx,
    order: Order,
    lines: OrderLine[],
    location: Location,
    returnId: string,
    refund: NonNullable<MessageFacts['refund']>,
  ): Promise<CustomerMessageView[]> {
    const notice = this.noticeOf(order, lines, location, 'refund_issued', { refund });
    return this.messages.queue(tx, { ...notice, occurrence: `return:${returnId}` });
  }

  /** The hold ended another way (collected, cancelled, expired): its reminder is not sent. */
  holdEnded(tx: Tx, order: Order): Promise<void> {
    return this.messages.cancelQueued(tx, order.id, 'pickup_reminder');
  }

  private async remindBeforeDeadline(
    tx: Tx,
    order: Order,
    lines: OrderLine[],
    location: Location,
    now: Date,
    holdMinutes: number,
  ) {
    const lead = Math.min(REMINDER_LEAD_MINUTES, holdMinutes / 2);
    const dueAt = addOpenMinutes(now, holdMinutes - lead, location);
    if (!dueAt || !order.expiresAt || dueAt >= order.expiresAt) return;
    await this.messages.cancelQueued(tx, order.id, 'pickup_reminder');
    await this.messages.queue(tx, {
      ...this.noticeOf(order, lines, location, 'pickup_reminder', {}),
      occurrence: order.expiresAt.toISOString(),
      dueAt,
    });
  }

  private noticeOf(
    order: Order,
    lines: OrderLine[],
    location: Location,
    kind: CustomerMessageKind,
    extra: Pick<MessageFacts, 'missing' | 'refund'>,
  ) {
    const token = orderLinkToken(this.config.jwtSecret, order.id);
    const facts: MessageFacts = {
      orderNumber: order.number,
      customerName: order.customerName,
      locationId: location.id,
      fulfillment: order.fulfillmentType === 'ship' ? 'ship' : 'pickup',
      orderUrl: `${this.config.publicBaseUrl}/shop/orders/${order.id}?token=${token}`,
      lines: lines
        .filter((line) => line.status !== 'cancelled')
        .map((line) => ({ title: line.title, qty: line.qty, unitAmount: line.unitPriceAmount })),
      total: { amount: order.totalAmount, currency: order.currency },
      shippingFee: order.fulfillmentType === 'ship' ? order.shippingFeeAmount : undefined,
      pickup: order.pickupCode
        ? { code: order.pickupCode, qrText: pickupQrPayload(order.id, order.pickupCode) }
        : undefined,
      readyBy: order.readyBy?.toISOString() ?? null,
      expiresAt: order.expiresAt?.toISOString() ?? null,
      shipment:
        order.fulfillmentType === 'ship'
          ? { carrier: order.carrier, trackingNumber: order.trackingNumber }
          : undefined,
      ...extra,
    };
    return {
      kind,
      orderId: order.id,
      email: order.customerEmail,
      phone: order.customerPhone,
      locale: localeOf(order, location),
      facts,
    };
  }
}

/** The customer's language if they chose one, else the store's (Dutch in the Netherlands and Belgium). */
export function localeOf(
  order: Pick<Order, 'customerLocale'>,
  location: Pick<Location, 'address'>,
): SupportedLocale {
  if (order.customerLocale === 'nl' || order.customerLocale === 'en') return order.customerLocale;
  return ['NL', 'BE'].includes(location.address.country.toUpperCase()) ? 'nl' : 'en';
}
