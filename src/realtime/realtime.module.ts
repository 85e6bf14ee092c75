import { Global, Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { LocationsModule } from '../locations/locations.module';
import { AvailabilityFeed } from './availability-feed.service';
import { EventFeed } from './event-feed.service';
import { EventLog } from './event-log.service';
import { EventRetentionJob } from './event-retention.job';
import { EventsController } from './events.controller';
import { GracefulShutdown } from './graceful-shutdown.service';
import { ShopGateway } from './shop.gateway';
import { TerminalGateway } from './terminal.gateway';

@Global()
@Module({
  imports: [LocationsModule, InventoryModule],
  controllers: [EventsController],
  providers: [
    EventLog,
    EventFeed,
    EventRetentionJob,
    AvailabilityFeed,
    TerminalGateway,
    ShopGateway,
    GracefulShutdown,
  ],
  exports: [EventLog],
})
export class RealtimeModule {}
