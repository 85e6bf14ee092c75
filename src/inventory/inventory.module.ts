import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CatalogModule } from '../catalog/catalog.module';
import { ClockModule } from '../common/clock';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { LocationsModule } from '../locations/locations.module';
import { OutboxModule } from '../outbox/outbox.module';
import { AvailabilityService } from './availability.service';
import { InventoryController } from './inventory.controller';
import { InventoryService } from './inventory.service';
import { LevelsCache } from './levels-cache';
import { ShippingStock } from './shipping-stock.service';
import { StockService } from './stock.service';
import { TransfersController } from './transfers.controller';
import { TransfersService } from './transfers.service';

@Module({
  imports: [AuditModule, LocationsModule, CatalogModule, OutboxModule, IdempotencyModule, ClockModule],
  controllers: [InventoryController, TransfersController],
  providers: [
    InventoryService,
    AvailabilityService,
    LevelsCache,
    StockService,
    TransfersService,
    ShippingStock,
  ],
  exports: [InventoryService, AvailabilityService, StockService, ShippingStock],
})
export class InventoryModule {}
