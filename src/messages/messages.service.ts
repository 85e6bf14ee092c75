import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { AccountMessageKind, CustomerMessageKind, CustomerMessageView } from '@o2o/contracts';
import { Clock } from '../common/clock';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { sql } from '../database/sql';
import { readerOf, type Tx } from '../database/unit-of-work';
import type { AccountMessageFacts, AccountNotice, MessageFacts, MessageNotice } from './message-facts';
import { Message } from './message.entity';

/** The occurrence of a message that happens once per order and kind. */
const ONCE = 'once';

/**
 * The customer messages of orders (the outbox): queued in the unit of work of the change they report,
 * sent later by MessageSender. A message queued twice for one occurrence is one message (the unique
 * index decides, also between concurrent units).
 */
@Injectable()
export class MessagesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Queues the email, and an SMS when the customer gave a phone and SMS is enabled. Answers them as the
   * order shows them (an occurrence queued before is left as it was, and not answered).
   */
  async queue(tx: Tx, notice: MessageNotice): Promise<CustomerMessageView[]> {
    const channels: Array<{ channel: 'email' | 'sms'; to: string }> = [];
    if (notice.email) channels.push({ channel: 'email', to: notice.email });
    if (notice.phone && this.config.messages.smsWebhookUrl)
      channels.push({ channel: 'sms', to: notice.phone });
    const queued: CustomerMessageView[] = [];
    for (const { channel, to } of channels) {
      const row = {
        orderId: notice.orderId,
        kind: notice.kind,
        channel,
        occurrence: notice.occurrence ?? ONCE,
        to,
        locale: notice.locale,
        facts: notice.facts,
        dueAt: notice.dueAt,
      };
      const inserted = await this.insert(tx, row);
      if (inserted)
        queued.push({ ...inserted, kind: notice.kind, channel, to, status: 'queued', attempts: 0 });
    }
    return queued;
  }

  /** Queues an email about the customer's account (no order), in the unit of the change it reports. */
  async queueAccountMessage(tx: Tx, notice: AccountNotice): Promise<void> {
    await this.insert(tx, {
      orderId: null,
      kind: notice.kind,
      channel: 'email',
      occurrence: notice.occurrence,
      to: notice.email,
      locale: notice.locale,
      facts: notice.facts,
    });
  }

  /** One message row; null when this occurrence was queued before (the unique index decides). */
  private async insert(
    tx: Tx,
    row: {
      orderId: string | null;
      kind: CustomerMessageKind | AccountMessageKind;
      channel: 'email' | 'sms';
      occurrence: string;
      to: string;
      locale: string;
      facts: MessageFacts | AccountMessageFacts;
      dueAt?: Date;
    },
  ): Promise<{ id: string; at: string } | null> {
    const id = randomUUID();
    const now = this.clock.now();
    const dueAt = (row.dueAt ?? now).toISOString();
    const { affected } = await sql(
      tx.em,
      `INSERT INTO messages (id, order_id, kind, channel, occurrence, recipient, locale, facts, status,
         attempts, due_at, lease_until, last_error, sent_at, created_at)
       VALUES (:id, :orderId, :kind, :channel, :occurrence, :to, :locale, :facts, 'queued', 0, :dueAt, NULL,
         NULL, NULL, :createdAt)
       ON CONFLICT (order_id, kind, channel, occurrence) DO NOTHING`,
      { ...row, id, facts: JSON.stringify(row.facts), dueAt, createdAt: now.toISOString() },
    );
    return affected ? { id, at: dueAt } : null;
  }

  /** Queues the message again as a new occurrence (staff's Resend): numbered after the ones before. */
  async queueAgain(tx: Tx, notice: MessageNotice): Promise<CustomerMessageView[]> {
    const { rows } = await sql<{ n: number }>(
      tx.em,
      'SELECT COUNT(*) AS n FROM messages WHERE order_id = :orderId AND kind = :kind AND channel = :channel',
      { orderId: notice.orderId, kind: notice.kind, channel: 'email' },
    );
    return this.queue(tx, { ...notice, occurrence: `resend-${Number(rows[0]?.n ?? 0)}` });
  }

  /** Messages of this kind not yet sent no longer apply (the hold they remind of ended another way). */
  async cancelQueued(tx: Tx, orderId: string, kind: CustomerMessageKind): Promise<void> {
    await sql(
      tx.em,
      `UPDATE messages SET status = 'cancelled' WHERE order_id = :orderId AND kind = :kind AND status = 'queued'`,
      { orderId, kind },
    );
  }

  /** The messages of several orders (a page of them), by order id, in one query. */
  async forOrders(orderIds: string[]): Promise<Map<string, CustomerMessageView[]>> {
    const byOrder = new Map<string, CustomerMessageView[]>(orderIds.map((id) => [id, []]));
    if (!orderIds.length) return byOrder;
    const messages = await this.dataSource.manager.find(Message, {
      where: { orderId: In(orderIds) },
      order: { createdAt: 'ASC', dueAt: 'ASC', channel: 'ASC', id: 'ASC' },
    });
    for (const message of messages) {
      if (message.status !== 'cancelled') byOrder.get(message.orderId!)!.push(toMessageView(message));
    }
    return byOrder;
  }

  /**
   * What the order's customer was (or will be) told, oldest first, as the order answer shows it.
   * Cancelled ones (a reminder of a hold that ended another way) were never sent: left out.
   */
  async forOrder(orderId: string, tx?: Tx): Promise<CustomerMessageView[]> {
    const em = readerOf(tx, this.dataSource);
    const messages = await em.find(Message, {
      where: { orderId },
      order: { createdAt: 'ASC', dueAt: 'ASC', channel: 'ASC', id: 'ASC' },
    });
    return messages.filter((message) => message.status !== 'cancelled').map(toMessageView);
  }
}

export function toMessageView(message: Message): CustomerMessageView {
  return {
    id: message.id,
    // Only orders' messages are listed here: account messages have no order.
    kind: message.kind as CustomerMessageKind,
    channel: message.channel,
    to: message.recipient,
    // Being sent is still "queued" to a reader: it is not sent until the server has taken it.
    status: message.status === 'sent' || message.status === 'failed' ? message.status : 'queued',
    attempts: message.attempts,
    at: (message.sentAt ?? message.dueAt).toISOString(),
  };
}
