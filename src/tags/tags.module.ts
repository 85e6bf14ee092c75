import { ClockModule } from '../common/clock';
import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { InventoryModule } from '../inventory/inventory.module';
import { LocationsModule } from '../locations/locations.module';
import { LabelsService } from './labels.service';
import { ScanService } from './scan.service';
import { TagsController } from './tags.controller';
import { TagsService } from './tags.service';

@Module({
  imports: [CatalogModule, LocationsModule, InventoryModule, ClockModule],
  controllers: [TagsController],
  providers: [TagsService, LabelsService, ScanService],
  exports: [TagsService],
})
export class TagsModule {}
