import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AccountMessageKind, CustomerMessageKind, MessageChannel } from '@o2o/contracts';
import { ID, TimestampColumn } from '../database/columns';

/** queued → sending (claimed by one sender, with a lease) → sent | failed; queued again after a refusal. */
export type MessageState = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';

/**
 * One message to a customer (the outbox): written in the unit of work of the change it reports, sent
 * afterwards by a sender that claims it. At most one per (order, kind, channel, occurrence): the
 * occurrence names what it reports (the hold deadline of a reminder, the number of a resend).
 */
@Entity('messages')
@Index('uq_messages_occurrence', ['orderId', 'kind', 'channel', 'occurrence'], { unique: true })
@Index('idx_messages_due', ['status', 'dueAt'])
export class Message {
  @PrimaryColumn(ID) id: string;
  /** Null for a message about the customer's account (no order): each is its own occurrence. */
  @Index('idx_messages_order') @Column({ ...ID, nullable: true }) orderId: string | null;
  @Column({ type: 'varchar', length: 32 }) kind: CustomerMessageKind | AccountMessageKind;
  @Column({ type: 'varchar', length: 16 }) channel: MessageChannel;
  @Column({ type: 'varchar', length: 64 }) occurrence: string;
  @Column({ type: 'varchar', length: 254 }) recipient: string;
  @Column({ type: 'varchar', length: 5 }) locale: string;
  /** What the message says, as it was when it was queued (JSON of MessageFacts). */
  @Column({ type: 'text' }) facts: string;
  @Column({ type: 'varchar', length: 16 }) status: MessageState;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @TimestampColumn() dueAt: Date;
  @TimestampColumn({ nullable: true }) leaseUntil: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) lastError: string | null;
  @TimestampColumn({ nullable: true }) sentAt: Date | null;
  @TimestampColumn() createdAt: Date;
}

/** The mailbox inside the app (no SMTP_URL, outside production): what would have been sent. */
@Entity('mailbox')
export class MailboxEntry {
  /** The message's id: a message lands here once. */
  @PrimaryColumn(ID) id: string;
  @Column({ type: 'varchar', length: 254 }) recipient: string;
  @Column({ type: 'varchar', length: 300 }) subject: string;
  @Column({ type: 'text' }) html: string;
  @Column({ type: 'text' }) text: string;
  @Index('idx_mailbox_created') @TimestampColumn() createdAt: Date;
}
