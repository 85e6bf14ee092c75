import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AccountMessageKind, CustomerMessageKind, SupportedLocale } from '@o2o/contracts';
import { Clock } from '../common/clock';
import { qrBitmapPng } from '../common/qr';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { sql } from '../database/sql';
import { UnitOfWork } from '../database/unit-of-work';
import { LocationsService } from '../locations/locations.service';
import { renderAccountMessage } from './account-message-templates';
import type { AccountMessageFacts, MessageFacts } from './message-facts';
import { QR_CID, renderMessage, type RenderedMessage } from './message-templates';
import { Message } from './message.entity';
import {
  MailboxTransport,
  MailTransport,
  SendFailure,
  SmtpMailTransport,
  WebhookSmsTransport,
} from './transports';

/** Messages claimed per pass. */
const BATCH = 20;
/** A claim lasts this long: longer than any send may take (see the SMTP timeouts). */
const LEASE_MS = 2 * 60_000;
/** After this many refusals a message is given up (failed): staff can still resend it. */
const MAX_ATTEMPTS = 12;
const MAX_BACKOFF_FACTOR = 64;

/**
 * Sends the queued messages that are due. Each is claimed first by a conditional UPDATE (queued →
 * sending, with a lease): of several instances exactly one wins it, and a message is sent at most once.
 * A refusal before the message was handed over puts it back in the queue with a growing wait; a
 * failure after it (the outcome is unknown) or a claim whose sender vanished (its lease ran out) fails
 * it rather than risk sending twice: staff see it on the order and can resend.
 */
@Injectable()
export class MessageSender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MessageSender.name);
  private readonly mail: MailTransport | null;
  private readonly sms: WebhookSmsTransport | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  /** The pass that follows the one running, for those who asked during it. */
  private next: Promise<number> | null = null;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly locations: LocationsService,
    private readonly clock: Clock,
  ) {
    const { smtpUrl, from, smsWebhookUrl } = config.messages;
    this.mail = smtpUrl
      ? new SmtpMailTransport(smtpUrl, from)
      : mailboxEnabled(config)
        ? new MailboxTransport((work) => this.uow.run((tx) => work(tx.em)))
        : null;
    this.sms = smsWebhookUrl ? new WebhookSmsTransport(smsWebhookUrl) : null;
  }

  onApplicationBootstrap(): void {
    if (!this.mail)
      this.logger.warn('No SMTP_URL in production: customer emails wait in the queue until it is set');
    this.timer = setInterval(() => this.tick(), this.config.messages.pollMs);
    this.timer.unref();
  }

  /** Stops claiming and lets a send in flight finish (so that nothing is left claimed). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.next?.catch(() => undefined);
    await this.running?.catch(() => undefined);
    this.mail?.close?.();
  }

  /**
   * Sends what is due by now: answers how many the pass sent. Passes never overlap here, and a call
   * during one is answered by the next (coalesced with any other such call), since the pass under way
   * may have listed its messages before this caller's were due.
   */
  sendDue(): Promise<number> {
    if (!this.running) {
      this.running = this.pass().finally(() => (this.running = null));
      return this.running;
    }
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.stopped ? 0 : this.sendDue();
      });
    return this.next;
  }

  private tick(): void {
    if (this.stopped) return;
    this.sendDue().catch((error) => this.logger.error(error, 'message sender pass failed'));
  }

  private async pass(): Promise<number> {
    const now = this.clock.now();
    await this.failAbandoned(now);
    let sent = 0;
    for (const id of await this.dueIds(now)) {
      if (this.stopped) break;
      const message = await this.claim(id, now);
      if (message && (await this.deliver(message))) sent++;
    }
    return sent;
  }

  private async dueIds(now: Date): Promise<string[]> {
    const channels = [this.mail ? 'email' : null, this.sms ? 'sms' : null].filter(Boolean);
    if (!channels.length) return [];
    const { rows } = await sql<{ id: string }>(
      this.dataSource.manager,
      `SELECT id FROM messages WHERE status = 'queued' AND due_at <= :now AND channel IN (:...channels)
        ORDER BY due_at, id LIMIT :limit`,
      { now: now.toISOString(), channels, limit: BATCH },
    );
    return rows.map((row) => row.id);
  }

  /** The conditional UPDATE that makes this sender the only one to send it; null if another won. */
  private claim(id: string, now: Date): Promise<Message | null> {
    return this.uow.run(async (tx) => {
      const { affected } = await sql(
        tx.em,
        `UPDATE messages SET status = 'sending', attempts = attempts + 1, lease_until = :leaseUntil
          WHERE id = :id AND status = 'queued' AND due_at <= :now`,
        { id, now: now.toISOString(), leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString() },
      );
      return affected === 1 ? tx.em.findOneBy(Message, { id }) : null;
    });
  }

  private async deliver(message: Message): Promise<boolean> {
    try {
      await this.send(message);
      await this.settle(message, { status: 'sent', sentAt: this.clock.now().toISOString(), lastError: null });
      return true;
    } catch (error) {
      const failure =
        error instanceof SendFailure
          ? error
          : new SendFailure('failed', (error as Error).message ?? String(error));
      const retry = failure.outcome === 'retry' && message.attempts < MAX_ATTEMPTS;
      this.logger.warn(
        { messageId: message.id, kind: message.kind, retry, err: failure.message },
        'message not sent',
      );
      const waitMs =
        this.config.messages.retrySeconds * 1000 * Math.min(2 ** (message.attempts - 1), MAX_BACKOFF_FACTOR);
      await this.settle(message, {
        status: retry ? 'queued' : 'failed',
        dueAt: retry ? new Date(this.clock.now().getTime() + waitMs).toISOString() : undefined,
        lastError: failure.message.slice(0, 500),
      });
      return false;
    }
  }

  private async send(message: Message): Promise<void> {
    const rendered = await this.render(message);
    if (message.channel === 'sms') {
      return this.sms!.send({ to: message.recipient, text: rendered.sms, reference: message.id });
    }
    const qr = rendered.qrText
      ? qrBitmapPng(rendered.qrText, { errorCorrection: 'M', margin: 4, scale: 6 })
      : null;
    await this.mail!.send({
      rowId: message.id,
      messageId: `<${message.id}@${new URL(this.config.publicBaseUrl).hostname}>`,
      to: message.recipient,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      inline: qr ? [{ cid: QR_CID, filename: 'pickup-qr.png', contentType: 'image/png', content: qr }] : [],
    });
  }

  /** An order's message speaks for its store; an account's (no order) for the retailer. */
  private async render(message: Message): Promise<RenderedMessage> {
    const locale = message.locale as SupportedLocale;
    if (isAccountMessage(message.kind)) {
      const facts = JSON.parse(message.facts) as AccountMessageFacts;
      return renderAccountMessage(message.kind, facts, locale, this.config.retailerName);
    }
    const facts = JSON.parse(message.facts) as MessageFacts;
    const location = await this.locations.get(facts.locationId);
    return renderMessage(message.kind, facts, locale, location, this.config.retailerName);
  }

  /** Ends this sender's claim; only while it still holds it (status sending). */
  private settle(
    message: Message,
    outcome: { status: string; sentAt?: string; dueAt?: string; lastError: string | null },
  ): Promise<void> {
    return this.uow.run(async (tx) => {
      await sql(
        tx.em,
        `UPDATE messages SET status = :status, lease_until = NULL, last_error = :lastError,
                sent_at = COALESCE(:sentAt, sent_at), due_at = COALESCE(:dueAt, due_at)
          WHERE id = :id AND status = 'sending'`,
        {
          id: message.id,
          status: outcome.status,
          lastError: outcome.lastError,
          sentAt: outcome.sentAt ?? null,
          dueAt: outcome.dueAt ?? null,
        },
      );
    });
  }

  /** A claim whose lease ran out: its sender stopped mid-send, so it may have gone out. Failed, not resent. */
  private async failAbandoned(now: Date): Promise<void> {
    await this.uow.run((tx) =>
      sql(
        tx.em,
        `UPDATE messages SET status = 'failed', lease_until = NULL,
                last_error = 'outcome unknown: the sender stopped while sending'
          WHERE status = 'sending' AND lease_until < :now`,
        { now: now.toISOString() },
      ),
    );
  }
}

/** The mailbox inside the app stands in for a mail server only outside production. */
export function mailboxEnabled(config: AppConfig): boolean {
  return !config.messages.smtpUrl && !config.production;
}

const ACCOUNT_MESSAGE_KINDS: readonly string[] = ['email_verification'] satisfies AccountMessageKind[];

function isAccountMessage(kind: CustomerMessageKind | AccountMessageKind): kind is AccountMessageKind {
  return ACCOUNT_MESSAGE_KINDS.includes(kind);
}
