import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ProductOption, ProductStatus } from '@o2o/contracts';
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
  /** The choices a shopper makes, in display order: [{name: "Size", values: ["S","M"]}]. */
  @JsonColumn({ default: '[]' }) options: ProductOption[];
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
  /** This variant's value per product option: {Size: "M", Colour: "White"}. */
  @JsonColumn({ default: '{}' }) options: Record<string, string>;
  @TimestampColumn() createdAt: Date;
}

/** A picture of a product; the file lives in the media store under the image's id. */
@Entity('product_images')
export class ProductImage {
  @PrimaryColumn(ID) id: string;
  @Index('idx_product_images_product') @Column(ID) productId: string;
  @Column({ type: 'varchar', length: 300 }) alt: string;
  @Column({ type: 'integer' }) width: number;
  @Column({ type: 'integer' }) height: number;
  /** Display order; the first picture is the one cards show. */
  @Column({ type: 'integer' }) position: number;
  @TimestampColumn() createdAt: Date;
}
