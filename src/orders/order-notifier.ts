import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { CustomerMessageKind } from '../../libs/contracts/src';
import { sql } from '../database/sql';
import type { Tx } from '../database/unit-of-work';

/** What the customer is told, and what the message needs to say it. */
export interface OrderNotice {
  kind: CustomerMessageKind;
  orderId: string;
  number: string;
  customerName: string;
  customerEmail: string;
  locationName: string;
  expiresAt?: Date | null;
  /** For line_cancelled: the SKUs and how many units could not be found. */
  lines?: Array<{ sku: string; missing: number }>;
}

/**
 * Tells a customer about their order. A variation point: bind another implementation to NOTIFIER to
 * send email or SMS. `notify` runs inside the order's unit of work, so a message exists exactly when
 * the change it reports was committed; a transport that sends should do so in tx.afterCommit.
 */
export interface Notifier {
  notify(tx: Tx, notice: OrderNotice): Promise<void>;
}

export const NOTIFIER = Symbol('NOTIFIER');

/** The words of each message. Never the pickup code: messages are shown to staff on the order too. */
export function messageBody(notice: OrderNotice): string {
  const hello = `Hello ${notice.customerName},`;
  const until = notice.expiresAt ? ` until ${notice.expiresAt.toISOString()}` : '';
  switch (notice.kind) {
    case 'placed':
      return `${hello} we have your order ${notice.number} for ${notice.locationName}. We will tell you when it is ready.`;
    case 'ready':
      return `${hello} your order ${notice.number} is ready at ${notice.locationName}. We keep it for you${until}: show your pickup code at the counter.`;
    case 'expired':
      return `${hello} your order ${notice.number} was not collected in time and has been released. Any payment is refunded.`;
    case 'cancelled':
      return `${hello} your order ${notice.number} has been cancelled. Any payment is refunded.`;
    case 'line_cancelled': {
      const what = (notice.lines ?? []).map((line) => `${line.missing} × ${line.sku}`).join(', ');
      return `${hello} we could not find ${what} for your order ${notice.number} at ${notice.locationName}; the rest of your order stands and you pay only for what you get.`;
    }
  }
}

/** The built-in notifier: records each message on the order (customer_messages) and logs it. */
@Injectable()
export class RecordingNotifier implements Notifier {
  static readonly channel = 'log';
  private readonly logger = new Logger('CustomerMessages');

  async notify(tx: Tx, notice: OrderNotice): Promise<void> {
    const body = messageBody(notice);
    await sql(
      tx.em,
      `INSERT INTO customer_messages (id, order_id, kind, channel, recipient, body, created_at)
       VALUES (:id, :orderId, :kind, :channel, :recipient, :body, :createdAt)`,
      {
        id: randomUUID(),
        orderId: notice.orderId,
        kind: notice.kind,
        channel: RecordingNotifier.channel,
        recipient: notice.customerEmail,
        body,
        createdAt: new Date().toISOString(),
      },
    );
    tx.afterCommit(() =>
      this.logger.log({ to: notice.customerEmail, kind: notice.kind, order: notice.number }),
    );
  }
}
