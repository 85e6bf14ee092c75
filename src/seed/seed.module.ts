import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CatalogModule } from '../catalog/catalog.module';
import { InventoryModule } from '../inventory/inventory.module';
import { LocationsModule } from '../locations/locations.module';
import { OrdersModule } from '../orders/orders.module';
import { ReturnsModule } from '../returns/returns.module';
import { DemoOrders } from './demo-orders';
import { DemoSeed } from './demo-seed';
import { SeedService } from './seed.service';

@Module({
  imports: [AuthModule, LocationsModule, CatalogModule, InventoryModule, OrdersModule, ReturnsModule],
  providers: [SeedService, DemoSeed, DemoOrders],
})
export class SeedModule {}
