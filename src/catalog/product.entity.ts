import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ProductStatus } from '../../libs/contracts/src';
import { ID, JsonColumn, TimestampColumn } from '../database/columns';

@Entity('products')
export class Product {
  @PrimaryColumn(ID) id: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'text' }) description: string;
  /** An archived product is no longer offered in the shop; its orders, stock and tags stay. */
  @Column({ type: 'varchar', length: 16, default: 'active' }) status: ProductStatus;
  /** Lower-cased title, description, SKUs and barcodes: what text search matches against. */
  @Column({ type: 'text' }) searchText: string;
  @Index('idx_products_created') @TimestampColumn() createdAt: Date;
}

@Entity('variants')
export class Variant {
  @PrimaryColumn(ID) id: string;
  @Index('idx_variants_product') @Column(ID) productId: string;
  @Column({ type: 'varchar', length: 64, unique: true }) sku: string;
  @Column({ type: 'varchar', length: 64, unique: true, nullable: true }) barcode: string | null;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'integer' }) priceAmount: number;
  @Column({ type: 'varchar', length: 3 }) currency: string;
  @JsonColumn() attributes: Record<string, string>;
  @TimestampColumn() createdAt: Date;
}
