import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClockModule } from '../common/clock';
import { MediaModule } from '../media/media.module';
import { CatalogEditor } from './catalog-editor.service';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { ProductImages } from './product-images.service';

@Module({
  imports: [AuditModule, MediaModule, ClockModule],
  controllers: [CatalogController],
  providers: [CatalogService, CatalogEditor, ProductImages],
  exports: [CatalogService, CatalogEditor, ProductImages],
})
export class CatalogModule {}
