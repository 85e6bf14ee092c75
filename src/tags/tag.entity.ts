import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ID, TimestampColumn } from '../database/columns';

/** A QR tag on a shelf (serial '') or on one physical unit (serial set). */
@Entity('tags')
@Index('uq_tags_live', ['variantId', 'locationId', 'serial'], { unique: true, where: '"revoked_at" IS NULL' })
@Index('idx_tags_location', ['locationId', 'createdAt'])
export class Tag {
  @PrimaryColumn({ type: 'varchar', length: 32 }) code: string;
  @Column(ID) variantId: string;
  @Column(ID) locationId: string;
  @Column({ type: 'varchar', length: 64, default: '' }) serial: string;
  @Column({ type: 'integer', default: 0 }) scanCount: number;
  @TimestampColumn({ nullable: true }) lastScannedAt: Date | null;
  /** Set when the unit a serial tag is on has been sold. */
  @TimestampColumn({ nullable: true }) unitSoldAt: Date | null;
  @TimestampColumn({ nullable: true }) revokedAt: Date | null;
  @Column({ ...ID, nullable: true }) createdBy: string | null;
  @TimestampColumn() createdAt: Date;
}

/** One row per scan of a tag, for the scans report (the tag keeps a running count besides). */
@Entity('tag_scans')
@Index('idx_tag_scans_location', ['locationId', 'at'])
export class TagScan {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column({ type: 'varchar', length: 32 }) code: string;
  @Column(ID) variantId: string;
  @Column(ID) locationId: string;
  @TimestampColumn() at: Date;
}
