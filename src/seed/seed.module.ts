import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CatalogModule } from '../catalog/catalog.module';
import { InventoryModule } from '../inventory/inventory.module';
import { LocationsModule } from '../locations/locations.module';
import { DemoSeed } from './demo-seed';
import { SeedService } from './seed.service';

@Module({
  imports: [AuthModule, LocationsModule, CatalogModule, InventoryModule],
  providers: [SeedService, DemoSeed],
})
export class SeedModule {}
