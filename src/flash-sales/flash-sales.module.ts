import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { ClockModule } from '../common/clock';
import { LocksModule } from '../common/locks/locks.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { InventoryModule } from '../inventory/inventory.module';
import { LocationsModule } from '../locations/locations.module';
import { FlashAdmitter } from './flash-admitter.service';
import { FlashCheckout } from './flash-checkout.service';
import { FlashQueueGateway } from './flash-queue.gateway';
import { FlashSalesController } from './flash-sales.controller';
import { FlashSalesService } from './flash-sales.service';

/**
 * Flash sales: scheduled drops at a sale price, the fair waiting room in front of them, and the
 * per-customer limits. Orders call FlashCheckout inside their unit of work when an admission comes along.
 */
@Module({
  imports: [InventoryModule, LocationsModule, CatalogModule, LocksModule, IdempotencyModule, ClockModule],
  controllers: [FlashSalesController],
  providers: [FlashSalesService, FlashCheckout, FlashAdmitter, FlashQueueGateway],
  exports: [FlashCheckout, FlashSalesService, FlashAdmitter],
})
export class FlashSalesModule {}
