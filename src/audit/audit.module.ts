import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit-log.service';
import { ClockModule } from '../common/clock';

/** The audit trail, written by every feature in the unit of work of the change it records. */
@Module({
  imports: [ClockModule],
  controllers: [AuditController],
  providers: [AuditLog],
  exports: [AuditLog],
})
export class AuditModule {}
