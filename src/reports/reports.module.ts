import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { ClockModule } from '../common/clock';
import { InventoryModule } from '../inventory/inventory.module';
import { LocationsModule } from '../locations/locations.module';
import { OrdersModule } from '../orders/orders.module';
import { TagsModule } from '../tags/tags.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Read-only reports above orders, inventory and tags: each answers its own facts, this adds them up. */
@Module({
  imports: [OrdersModule, InventoryModule, TagsModule, CatalogModule, LocationsModule, ClockModule],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
