import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ReturnCondition } from '@o2o/contracts';
import { ID, TimestampColumn } from '../database/columns';

/** A return at a store: units of one order brought back, and the money given back for them. */
@Entity('returns')
@Index('idx_returns_order', ['orderId', 'createdAt'])
export class OrderReturn {
  @PrimaryColumn(ID) id: string;
  @Column(ID) orderId: string;
  /** The store the units were brought to (any store of the retailer). */
  @Column(ID) locationId: string;
  @Column({ type: 'integer' }) refundAmount: number;
  /** The part of refundAmount that gives the order's shipping fee back (the return of its last units). */
  @Column({ type: 'integer', default: 0 }) shippingFeeAmount: number;
  @Column({ type: 'varchar', length: 3 }) currency: string;
  /** The original payment's method, `cash`, or `exchange` (credited to a new counter sale). */
  @Column({ type: 'varchar', length: 16 }) refundMethod: string;
  /** The counter sale of an exchange, if this return was part of one. */
  @Column({ ...ID, nullable: true }) exchangeOrderId: string | null;
  @Column({ ...ID, nullable: true }) createdBy: string | null;
  @TimestampColumn() createdAt: Date;
}

@Entity('return_lines')
export class ReturnLine {
  @PrimaryColumn(ID) id: string;
  @Index('idx_return_lines_return') @Column(ID) returnId: string;
  @Column(ID) variantId: string;
  @Column({ type: 'varchar', length: 64 }) sku: string;
  @Column({ type: 'integer' }) qty: number;
  @Column({ type: 'varchar', length: 16 }) condition: ReturnCondition;
  /** The price the customer paid for one unit (what its refund is worth). */
  @Column({ type: 'integer' }) unitPriceAmount: number;
}

/**
 * Per order and variant: units bought and returned so far over all returns. `returned` only grows by
 * a conditional UPDATE (returned + n ≤ bought), so concurrent returns can never take back more.
 */
@Entity('returned_units')
@Check('chk_returned_units', '"returned" >= 0 AND "returned" <= "bought"')
export class ReturnedUnits {
  @PrimaryColumn(ID) orderId: string;
  @PrimaryColumn(ID) variantId: string;
  @Column({ type: 'varchar', length: 64 }) sku: string;
  @Column({ type: 'integer' }) bought: number;
  @Column({ type: 'integer' }) returned: number;
}
