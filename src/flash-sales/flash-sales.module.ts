import { Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { Clock, ClockModule } from '../common/clock';
import { UnitOfWork } from '../database/unit-of-work';
import { LocksModule } from '../common/locks/locks.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { InventoryModule } from '../inventory/inventory.module';
import { LocationsModule } from '../locations/locations.module';
import { REDIS, RedisModule } from '../redis/redis.module';
import { DatabaseWaitingRoom } from './database-waiting-room';
import { FlashAdmitter } from './flash-admitter.service';
import { FlashCheckout } from './flash-checkout.service';
import { FlashQueueGateway } from './flash-queue.gateway';
import { FlashSalesController } from './flash-sales.controller';
import { FlashSalesService } from './flash-sales.service';
import { RedisWaitingRoom } from './redis-waiting-room';
import { WaitingRoom } from './waiting-room';

/**
 * Flash sales: scheduled drops at a sale price, the fair waiting room in front of them, and the
 * per-customer limits. Orders call FlashCheckout inside their unit of work when an admission comes along.
 */
@Module({
  imports: [
    InventoryModule,
    LocationsModule,
    CatalogModule,
    LocksModule,
    IdempotencyModule,
    ClockModule,
    RedisModule,
  ],
  controllers: [FlashSalesController],
  providers: [
    FlashSalesService,
    FlashCheckout,
    FlashAdmitter,
    FlashQueueGateway,
    {
      // The queue lives where the instances meet: Redis when there is one, else the database.
      provide: WaitingRoom,
      inject: [REDIS, DataSource, UnitOfWork, Clock],
      useFactory: (redis: Redis | null, dataSource: DataSource, uow: UnitOfWork, clock: Clock) =>
        redis ? new RedisWaitingRoom(redis, dataSource) : new DatabaseWaitingRoom(dataSource, uow, clock),
    },
  ],
  exports: [FlashCheckout, FlashSalesService, FlashAdmitter],
})
export class FlashSalesModule {}
