import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MovementKind, TransferStatus } from '@o2o/contracts';
import { ID, TimestampColumn } from '../database/columns';

/** The materialised level of one variant at one location. Only InventoryService writes it. */
@Entity('stock_levels')
@Check('chk_stock_on_hand', '"on_hand" >= 0')
@Check('chk_stock_reserved', '"reserved" >= 0 AND "reserved" <= "on_hand"')
@Check('chk_stock_safety', '"safety_stock" >= 0')
export class StockLevel {
  @PrimaryColumn(ID) variantId: string;
  @PrimaryColumn(ID) @Index('idx_stock_levels_location') locationId: string;
  @Column({ type: 'integer' }) onHand: number;
  @Column({ type: 'integer' }) reserved: number;
  @Column({ type: 'integer' }) safetyStock: number;
  @Column({ type: 'integer' }) version: number;
  @TimestampColumn() updatedAt: Date;
}

/** The append-only ledger: for every level, onHand = Σ onHandDelta and reserved = Σ reservedDelta. */
@Entity('stock_movements')
@Index('idx_movements_location', ['locationId', 'createdAt', 'id'])
@Index('idx_movements_level', ['variantId', 'locationId'])
export class StockMovement {
  @PrimaryColumn(ID) id: string;
  @Column(ID) variantId: string;
  @Column(ID) locationId: string;
  @Column({ type: 'varchar', length: 16 }) kind: MovementKind;
  @Column({ type: 'integer' }) onHandDelta: number;
  @Column({ type: 'integer' }) reservedDelta: number;
  @Column({ type: 'varchar', length: 500, nullable: true }) note: string | null;
  @Column({ ...ID, nullable: true }) actorId: string | null;
  @Column({ ...ID, nullable: true }) orderId: string | null;
  @Column({ ...ID, nullable: true }) transferId: string | null;
  @TimestampColumn() createdAt: Date;
}

@Entity('transfers')
export class Transfer {
  @PrimaryColumn(ID) id: string;
  @Column({ type: 'varchar', length: 20, unique: true }) number: string;
  @Column({ type: 'varchar', length: 16 }) status: TransferStatus;
  @Index('idx_transfers_from') @Column(ID) fromLocationId: string;
  @Index('idx_transfers_to') @Column(ID) toLocationId: string;
  @Column({ ...ID, nullable: true }) createdBy: string | null;
  @Column({ ...ID, nullable: true }) receivedBy: string | null;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn({ nullable: true }) receivedAt: Date | null;
}

@Entity('transfer_lines')
export class TransferLine {
  @PrimaryColumn(ID) id: string;
  @Index('idx_transfer_lines_transfer') @Column(ID) transferId: string;
  @Column(ID) variantId: string;
  @Column({ type: 'varchar', length: 64 }) sku: string;
  @Column({ type: 'integer' }) qty: number;
  @Column({ type: 'integer', nullable: true }) receivedQty: number | null;
}
