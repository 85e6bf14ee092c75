import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@o2o/contracts';
import { ID, JsonColumn, TimestampColumn } from '../database/columns';

@Entity('users')
export class User {
  @PrimaryColumn(ID) id: string;
  @Column({ type: 'varchar', length: 254, unique: true }) email: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 200 }) passwordHash: string;
  @Column({ type: 'varchar', length: 16 }) role: Role;
  @JsonColumn() locationIds: string[];
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** Bumped by every change of role, locations or active: tokens carry it, and an older one is refused. */
  @Column({ type: 'integer', default: 0 }) accessVersion: number;
  @TimestampColumn() createdAt: Date;
}
