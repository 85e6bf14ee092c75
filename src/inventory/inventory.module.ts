import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { LocationsModule } from '../locations/locations.module';
import { AvailabilityService } from './availability.service';
import { InventoryService } from './inventory.service';

@Module({
  imports: [LocationsModule, CatalogModule],
  providers: [InventoryService, AvailabilityService],
  exports: [InventoryService, AvailabilityService],
})
export class InventoryModule {}
