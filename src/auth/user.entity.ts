import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../libs/contracts/src';
import { ID, JsonColumn, TimestampColumn } from '../database/columns';

@Entity('users')
export class User {
  @PrimaryColumn(ID) id: string;
  @Column({ type: 'varchar', length: 254, unique: true }) email: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 200 }) passwordHash: string;
  @Column({ type: 'varchar', length: 16 }) role: Role;
  @JsonColumn() locationIds: string[];
  @TimestampColumn() createdAt: Date;
}
