import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ImportKind, ImportStatus } from '@o2o/contracts';
import { ID, TimestampColumn } from '../database/columns';

/** One CSV import: its progress is written after every batch, so any instance can answer for it. */
@Entity('import_jobs')
@Index('idx_import_jobs_key', ['actorId', 'idempotencyKey'], { unique: true })
export class ImportJob {
  @PrimaryColumn(ID) id: string;
  @Column({ type: 'varchar', length: 16 }) kind: ImportKind;
  @Column({ ...ID, nullable: true }) locationId: string | null;
  @Column(ID) actorId: string;
  /** The caller's Idempotency-Key: the same key answers the same job instead of importing again. */
  @Column({ type: 'varchar', length: 255, nullable: true }) idempotencyKey: string | null;
  @Column({ type: 'varchar', length: 16 }) status: ImportStatus;
  @Column({ type: 'integer', default: 0 }) processed: number;
  @Column({ type: 'integer', default: 0 }) total: number;
  @Column({ type: 'integer', default: 0 }) created: number;
  @Column({ type: 'integer', default: 0 }) updated: number;
  @Column({ type: 'integer', default: 0 }) failed: number;
  @Column({ type: 'varchar', length: 500, nullable: true }) message: string | null;
  @TimestampColumn() startedAt: Date;
  /** When its instance last wrote progress: a running job silent for long was cut off by a restart. */
  @TimestampColumn({ nullable: true }) progressAt: Date | null;
  @TimestampColumn({ nullable: true }) finishedAt: Date | null;
}

/** A refused row of an import, kept for the first 1,000 refusals of a job. */
@Entity('import_job_errors')
export class ImportJobError {
  @PrimaryColumn(ID) jobId: string;
  @PrimaryColumn({ type: 'integer' }) rowNumber: number;
  @PrimaryColumn({ type: 'varchar', length: 64 }) field: string;
  @Column({ type: 'varchar', length: 500 }) message: string;
}
