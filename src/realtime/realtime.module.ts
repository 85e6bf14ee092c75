import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CatalogModule } from '../catalog/catalog.module';
import { InventoryModule } from '../inventory/inventory.module';
import { LocationsModule } from '../locations/locations.module';
import { OutboxModule } from '../outbox/outbox.module';
import { AvailabilityFeed } from './availability-feed.service';
import { EventFeed } from './event-feed.service';
import { EventRetentionJob } from './event-retention.job';
import { EventsController } from './events.controller';
import { GracefulShutdown } from './graceful-shutdown.service';
import { ShopGateway } from './shop.gateway';
import { TerminalGateway } from './terminal.gateway';

@Module({
  imports: [LocationsModule, InventoryModule, OutboxModule, AuthModule, CatalogModule],
  controllers: [EventsController],
  providers: [EventFeed, EventRetentionJob, AvailabilityFeed, TerminalGateway, ShopGateway, GracefulShutdown],
})
export class RealtimeModule {}
