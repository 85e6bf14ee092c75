import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { LocationsModule } from '../locations/locations.module';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

/** Staff accounts managed by admins and managers, above auth (who is calling) and locations. */
@Module({
  imports: [AuthModule, LocationsModule, AuditModule],
  controllers: [StaffController],
  providers: [StaffService],
})
export class StaffModule {}
