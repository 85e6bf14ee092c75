import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CatalogModule } from '../catalog/catalog.module';
import { ClockModule } from '../common/clock';
import { InventoryModule } from '../inventory/inventory.module';
import { LocationsModule } from '../locations/locations.module';
import { ExchangeController } from './exchange.controller';
import { Exports } from './exports.service';
import { ImportJobs } from './import-jobs.service';
import { ProductImport } from './product-import';
import { StockImport } from './stock-import';

/** CSV import and export of the catalog and of stock per location. */
@Module({
  imports: [AuditModule, CatalogModule, InventoryModule, LocationsModule, ClockModule],
  controllers: [ExchangeController],
  providers: [Exports, ImportJobs, ProductImport, StockImport],
})
export class ExchangeModule {}
