import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { PRODUCT_CSV_COLUMNS, STOCK_CSV_COLUMNS } from '@o2o/contracts';
import { CatalogService } from '../catalog/catalog.service';
import { StockService } from '../inventory/stock.service';
import { LocationsService } from '../locations/locations.service';
import { productCsvRow } from './csv-rows';

const PAGE = 500;

/**
 * The catalog and a location's stock as CSV, in SKU order, read a page at a time and streamed out,
 * in the very format the imports read (so export → import changes nothing).
 */
@Injectable()
export class Exports {
  constructor(
    private readonly catalog: CatalogService,
    private readonly stock: StockService,
    private readonly locations: LocationsService,
  ) {}

  products(): Readable {
    return Readable.from(this.productRows()).pipe(
      stringify({ header: true, columns: [...PRODUCT_CSV_COLUMNS] }),
    );
  }

  /** 404 for an unknown location before anything is streamed. */
  async stockAt(locationId: string): Promise<Readable> {
    await this.locations.get(locationId);
    return Readable.from(this.stockRows(locationId)).pipe(
      stringify({ header: true, columns: [...STOCK_CSV_COLUMNS] }),
    );
  }

  private async *productRows(): AsyncGenerator<string[]> {
    for (let after = ''; ;) {
      const page = await this.catalog.variantsAfter(after, PAGE);
      for (const { variant, product } of page) {
        yield productCsvRow({
          productId: product.id,
          title: product.title,
          description: product.description,
          status: product.status,
          sku: variant.sku,
          price: variant.priceAmount,
          currency: variant.currency,
          barcode: variant.barcode,
          options: variant.options,
          attributes: variant.attributes,
        });
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1].variant.sku;
    }
  }

  private async *stockRows(locationId: string): AsyncGenerator<string[]> {
    for (let after: string | undefined; ;) {
      const page = await this.stock.levels(locationId, { limit: PAGE, after });
      for (const level of page.items) yield [level.sku, level.title, String(level.onHand)];
      if (!page.next) return;
      after = page.next;
    }
  }
}
