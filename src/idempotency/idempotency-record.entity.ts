import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../database/columns';

/** The first response to (caller, key), replayed for retries with the same body. */
@Entity('idempotency_records')
export class IdempotencyRecord {
  @PrimaryColumn({ type: 'varchar', length: 80 }) caller: string;
  @PrimaryColumn({ type: 'varchar', length: 255 }) key: string;
  @Column({ type: 'varchar', length: 64 }) requestHash: string;
  @Column({ type: 'integer' }) responseStatus: number;
  @Column({ type: 'text' }) responseBody: string;
  @TimestampColumn() createdAt: Date;
}
