import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { TerminalEventType } from '@o2o/contracts';
import { JsonColumn, ID, TimestampColumn } from '../database/columns';

/** The outbox: one row per terminal event, numbered per location without gaps, in commit order. */
@Entity('events')
@Index('uq_events_location_seq', ['locationId', 'seq'], { unique: true })
@Index('idx_events_at', ['at'])
export class EventRow {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column(ID) locationId: string;
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'varchar', length: 32 }) type: TerminalEventType;
  @JsonColumn() data: object;
  @TimestampColumn() at: Date;
}

/** The last event `seq` handed out per location; bumped in the writing transaction (see EventLog). */
@Entity('event_sequences')
export class EventSequence {
  @PrimaryColumn(ID) locationId: string;
  @Column({ type: 'integer' }) lastSeq: number;
}
