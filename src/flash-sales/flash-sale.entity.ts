import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ID, TimestampColumn } from '../database/columns';

/** A drop: lines sold at a sale price between startsAt and endsAt, from units set aside at one location. */
@Entity('flash_sales')
export class FlashSale {
  @PrimaryColumn(ID) id: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column(ID) locationId: string;
  @Index('idx_flash_sales_starts') @TimestampColumn() startsAt: Date;
  @TimestampColumn() endsAt: Date;
  /** The last ticket number issued, when the queue is in the database (in Redis, Redis counts). */
  @Column({ type: 'integer' }) ticketsIssued: number;
  /** The serving counter: tickets up to this number are admitted. */
  @Column({ type: 'integer' }) serving: number;
  /** When the units still set aside went back to the location's stock (the sale ended). */
  @TimestampColumn({ nullable: true }) returnedAt: Date | null;
  @Column({ ...ID, nullable: true }) createdBy: string | null;
  @TimestampColumn() createdAt: Date;
}

@Entity('flash_sale_lines')
export class FlashSaleLine {
  @PrimaryColumn(ID) saleId: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) sku: string;
  @Column(ID) variantId: string;
  @Column({ type: 'integer' }) units: number;
  /** Units in orders (held or paid); units - taken are still set aside for the sale. */
  @Column({ type: 'integer' }) taken: number;
  @Column({ type: 'integer' }) price: number;
  @Column({ type: 'integer' }) perCustomerLimit: number;
}

/**
 * A place in the waiting room and its admission; one per (sale, email): joining again answers the same
 * ticket. With the queue in Redis, only admitted tickets have a row.
 */
@Entity('flash_tickets')
@Index('uq_flash_tickets_email', ['saleId', 'email'], { unique: true })
@Index('uq_flash_tickets_seq', ['saleId', 'seq'], { unique: true })
export class FlashTicket {
  @PrimaryColumn(ID) id: string;
  /** The ticket the buyer holds (it only ever yields an admission bound to this email). */
  @Column({ type: 'varchar', length: 32, unique: true }) token: string;
  @Column(ID) saleId: string;
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'varchar', length: 254 }) email: string;
  @TimestampColumn({ nullable: true }) admittedAt: Date | null;
  @TimestampColumn({ nullable: true }) admissionExpiresAt: Date | null;
  @TimestampColumn({ nullable: true }) admissionUsedAt: Date | null;
  @TimestampColumn() createdAt: Date;
}

/** How many units of a sale line one email has in orders: the per-customer limit's counter. */
@Entity('flash_purchases')
export class FlashPurchase {
  @PrimaryColumn(ID) saleId: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) sku: string;
  @PrimaryColumn({ type: 'varchar', length: 254 }) email: string;
  @Column({ type: 'integer' }) bought: number;
}

/** An order bought from a sale: what its hold gives back to the sale when it lapses. */
@Entity('flash_sale_orders')
export class FlashSaleOrder {
  @PrimaryColumn(ID) orderId: string;
  @Index('idx_flash_sale_orders_sale') @Column(ID) saleId: string;
  @Column({ type: 'varchar', length: 254 }) email: string;
  @TimestampColumn({ nullable: true }) returnedAt: Date | null;
}
