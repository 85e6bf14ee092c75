import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PaymentMethod, PaymentStatus } from '@o2o/contracts';
import { ID, TimestampColumn } from '../database/columns';

/**
 * An order's money: one row per order, holding what was authorised (`amount`), captured and refunded.
 * Every change is a conditional UPDATE (captured ≤ amount, refunded ≤ captured) beside a ledger row.
 */
@Entity('payments')
export class Payment {
  @PrimaryColumn(ID) id: string;
  @Index('uq_payments_order', { unique: true }) @Column(ID) orderId: string;
  /** `test`, `stripe`, or `counter` for money taken at the till. */
  @Column({ type: 'varchar', length: 16 }) provider: string;
  @Column({ type: 'varchar', length: 16 }) method: PaymentMethod;
  @Column({ type: 'varchar', length: 20 }) status: PaymentStatus;
  @Column({ type: 'varchar', length: 3 }) currency: string;
  @Column({ type: 'integer' }) amount: number;
  @Column({ type: 'integer', default: 0 }) captured: number;
  @Column({ type: 'integer', default: 0 }) refunded: number;
  /** The provider's id for this payment (e.g. a Stripe PaymentIntent). */
  @Column({ type: 'varchar', length: 255, nullable: true }) reference: string | null;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn() updatedAt: Date;
}

/**
 * The append-only ledger of money moves and provider events. `(provider, event_id)` is unique, so a
 * webhook delivered again, or a refund retried under the same key, is recorded (and acted on) once.
 */
@Entity('payment_events')
@Index('uq_payment_events_event', ['provider', 'eventId'], { unique: true })
export class PaymentEvent {
  @PrimaryColumn(ID) id: string;
  @Index('idx_payment_events_payment') @Column(ID) paymentId: string;
  @Column({ type: 'varchar', length: 16 }) provider: string;
  @Column({ type: 'varchar', length: 255 }) eventId: string;
  /** authorized | failed | captured | voided | refunded | refunded_cash | refunded_exchange | ignored */
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'integer', default: 0 }) amount: number;
  @TimestampColumn() createdAt: Date;
}
