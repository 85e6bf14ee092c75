import { ClockModule } from '../common/clock';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CatalogEditor } from './catalog-editor.service';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';

@Module({
  imports: [AuditModule, ClockModule],
  controllers: [CatalogController],
  providers: [CatalogService, CatalogEditor],
  exports: [CatalogService, CatalogEditor],
})
export class CatalogModule {}
