import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Address, Closure, LocationType, OpeningHours } from '@o2o/contracts';
import { ID, JsonColumn, TimestampColumn } from '../database/columns';

@Entity('locations')
export class Location {
  @PrimaryColumn(ID) id: string;
  @Column({ type: 'varchar', length: 32, unique: true }) code: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 16 }) type: LocationType;
  @JsonColumn() address: Address;
  @Column({ type: 'double precision', nullable: true }) lat: number | null;
  @Column({ type: 'double precision', nullable: true }) lng: number | null;
  @Column({ type: 'varchar', length: 64 }) timezone: string;
  @JsonColumn() openingHours: OpeningHours;
  @JsonColumn({ default: '[]' }) closures: Closure[];
  @Column({ type: 'boolean' }) pickupEnabled: boolean;
  @Column({ type: 'boolean' }) shipEnabled: boolean;
  @Column({ type: 'integer' }) pickupHoldHours: number;
  @Column({ type: 'integer', default: 60 }) pickupPrepMinutes: number;
  @TimestampColumn() createdAt: Date;
}
