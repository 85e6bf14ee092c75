import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CatalogModule } from '../catalog/catalog.module';
import { ClockModule } from '../common/clock';
import { LocksModule } from '../common/locks/locks.module';
import { InventoryModule } from '../inventory/inventory.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { LocationsModule } from '../locations/locations.module';
import { OutboxModule } from '../outbox/outbox.module';
import { MessagesModule } from '../messages/messages.module';
import { PaymentsModule } from '../payments/payments.module';
import { FlashSalesModule } from '../flash-sales/flash-sales.module';
import { OrderExpiry } from './order-expiry.service';
import { OrderLifecycle } from './order-lifecycle.service';
import { OrderMessages } from './order-messages';
import { OrderPicking } from './order-picking.service';
import { OrderPlacement } from './order-placement.service';
import { OrderQr } from './order-qr';
import { OrderReports } from './order-reports';
import { OrderReturns } from './order-returns';
import { NearestSourcingStrategy, SOURCING_STRATEGY } from './order-sourcing';
import { OrderStore } from './order-store';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

/**
 * Orders: placement, the pickup/ship lifecycle, expiry. The variation points (which location ships,
 * who takes the money) are provider tokens with a built-in implementation.
 */
@Module({
  imports: [
    AuthModule,
    InventoryModule,
    LocationsModule,
    CatalogModule,
    LocksModule,
    OutboxModule,
    IdempotencyModule,
    MessagesModule,
    ClockModule,
    PaymentsModule,
    FlashSalesModule,
  ],
  controllers: [OrdersController],
  providers: [
    OrderStore,
    OrderLifecycle,
    OrderPlacement,
    OrdersService,
    OrderPicking,
    OrderQr,
    OrderExpiry,
    OrderMessages,
    OrderReturns,
    OrderReports,
    { provide: SOURCING_STRATEGY, useClass: NearestSourcingStrategy },
  ],
  exports: [OrdersService, OrderPlacement, OrderExpiry, OrderReturns, OrderReports],
})
export class OrdersModule {}
