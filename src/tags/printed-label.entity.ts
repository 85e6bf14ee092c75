import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ID, TimestampColumn } from '../database/columns';

/** The price a location's shelf labels of a variant were last printed with: when it differs, reprint. */
@Entity('printed_labels')
export class PrintedLabel {
  @PrimaryColumn(ID) locationId: string;
  @PrimaryColumn(ID) variantId: string;
  @Column({ type: 'integer' }) priceAmount: number;
  @TimestampColumn() printedAt: Date;
}
