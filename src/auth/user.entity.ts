import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
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
  /** When a customer proved the email is theirs (by the link mailed to it); null until then. */
  @TimestampColumn({ nullable: true }) emailVerifiedAt: Date | null;
  @TimestampColumn() createdAt: Date;
}

/**
 * A link mailed to prove an email address: single-use (usedAt), expiring, and kept only as the SHA-256
 * of its token, so that a copy of the database cannot verify anyone.
 */
@Entity('email_verifications')
export class EmailVerification {
  @PrimaryColumn(ID) id: string;
  @Index('idx_email_verifications_user') @Column(ID) userId: string;
  @Column({ type: 'varchar', length: 254 }) email: string;
  @Index('uq_email_verifications_token', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;
  @TimestampColumn() expiresAt: Date;
  @TimestampColumn({ nullable: true }) usedAt: Date | null;
  @TimestampColumn() createdAt: Date;
}
