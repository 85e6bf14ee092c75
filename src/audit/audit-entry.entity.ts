import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AuditEntity } from '@o2o/contracts';
import { ID, JsonColumn, TimestampColumn } from '../database/columns';

/** One change made by a person: who, when, to what, and the fields before and after. Append-only. */
@Entity('audit_entries')
@Index('idx_audit_at', ['at', 'id'])
@Index('idx_audit_entity', ['entity', 'entityId'])
export class AuditEntry {
  @PrimaryColumn(ID) id: string;
  @TimestampColumn() at: Date;
  @Column(ID) actorId: string;
  @Column({ type: 'varchar', length: 254 }) actorEmail: string;
  @Column({ type: 'varchar', length: 16 }) entity: AuditEntity;
  @Column({ type: 'varchar', length: 64 }) entityId: string;
  @Column({ type: 'varchar', length: 32 }) action: string;
  /** Field → [before, after]; for a creation only the after values matter. */
  @JsonColumn() changes: object;
}
