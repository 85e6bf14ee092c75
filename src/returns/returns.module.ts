import { Module } from '@nestjs/common';
import { ClockModule } from '../common/clock';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { InventoryModule } from '../inventory/inventory.module';
import { LocationsModule } from '../locations/locations.module';
import { OrdersModule } from '../orders/orders.module';
import { OutboxModule } from '../outbox/outbox.module';
import { PaymentsModule } from '../payments/payments.module';
import { ExchangesService } from './exchanges.service';
import { ReturnsController } from './returns.controller';
import { ReturnsService } from './returns.service';

/** Returns at any store, their refunds, exchanges, and finding an order at the counter. */
@Module({
  imports: [
    OrdersModule,
    InventoryModule,
    LocationsModule,
    PaymentsModule,
    OutboxModule,
    IdempotencyModule,
    ClockModule,
  ],
  controllers: [ReturnsController],
  providers: [ReturnsService, ExchangesService],
  exports: [ReturnsService],
})
export class ReturnsModule {}
