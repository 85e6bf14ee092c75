import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Address, FulfillmentType, OrderStatus, PaymentMethod, PaymentView } from '@o2o/contracts';
import { ID, JsonColumn, TimestampColumn } from '../database/columns';

@Entity('orders')
@Index('idx_orders_location_status', ['locationId', 'status', 'createdAt'])
@Index('idx_orders_expiry', ['status', 'expiresAt'])
export class Order {
  @PrimaryColumn(ID) id: string;
  @Column({ type: 'varchar', length: 20, unique: true }) number: string;
  @Column({ type: 'varchar', length: 16 }) status: OrderStatus;
  @Column({ type: 'varchar', length: 16 }) fulfillmentType: FulfillmentType;
  @Column(ID) locationId: string;
  @JsonColumn({ nullable: true }) shipAddress: (Address & { lat?: number; lng?: number }) | null;
  @Column({ type: 'varchar', length: 200 }) customerName: string;
  @Index('idx_orders_customer_email') @Column({ type: 'varchar', length: 254 }) customerEmail: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) customerPhone: string | null;
  @Index('idx_orders_customer') @Column({ ...ID, nullable: true }) customerUserId: string | null;
  @Column({ type: 'varchar', length: 16 }) paymentMethod: PaymentMethod;
  /** What the customer pays: the lines still on the order plus the shipping fee. */
  @Column({ type: 'integer' }) totalAmount: number;
  /** Ship orders: the fee fixed at placement (0: free, or not shipped). */
  @Column({ type: 'integer', default: 0 }) shippingFeeAmount: number;
  /** Ship orders: the delivery estimate fixed at placement, local dates (YYYY-MM-DD) of the shipping location. */
  @Column({ type: 'varchar', length: 10, nullable: true }) deliveryFrom: string | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) deliveryTo: string | null;
  /** Cash handed over at the counter for a cash sale (the change is what it exceeds the total by). */
  @Column({ type: 'integer', nullable: true }) tenderedAmount: number | null;
  @Column({ type: 'varchar', length: 3 }) currency: string;
  /** SHA-256 of the guest's order token; the token itself is shown once. */
  @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @Column({ type: 'varchar', length: 16, nullable: true }) pickupCode: string | null;
  @Column({ type: 'integer', default: 0 }) pickupAttempts: number;
  @Column({ type: 'boolean', default: false }) pickupLocked: boolean;
  @TimestampColumn({ nullable: true }) expiresAt: Date | null;
  /** Pickup: when the store promised the order ready, fixed at placement (open hours + prep time). */
  @TimestampColumn({ nullable: true }) readyBy: Date | null;
  /** Pickup: when it was marked ready and when it was handed over (for the pickups report). */
  @TimestampColumn({ nullable: true }) readyAt: Date | null;
  @TimestampColumn({ nullable: true }) collectedAt: Date | null;
  /** The language the customer is written to in (nl, en); null: the store's. */
  @Column({ type: 'varchar', length: 5, nullable: true }) customerLocale: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) carrier: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) trackingNumber: string | null;
  @Column({ ...ID, nullable: true }) createdBy: string | null;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn() updatedAt: Date;
  @Column({ type: 'integer', default: 1 }) version: number;
  /** Not a column: the order's payment as answers show it, attached when the order is loaded. */
  payment?: PaymentView;
}

@Entity('order_lines')
export class OrderLine {
  @PrimaryColumn(ID) id: string;
  @Index('idx_order_lines_order') @Column(ID) orderId: string;
  @Column(ID) variantId: string;
  @Column({ type: 'varchar', length: 64 }) sku: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'integer' }) qty: number;
  @Column({ type: 'integer' }) unitPriceAmount: number;
  @Column({ type: 'varchar', length: 16 }) status: 'ok' | 'short' | 'cancelled';
}
