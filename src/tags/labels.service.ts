import { Injectable } from '@nestjs/common';
import type { StaleLabelView } from '@o2o/contracts';
import { CatalogService } from '../catalog/catalog.service';
import { AppError } from '../common/app-error';
import type { AuthUser } from '../common/request-context';
import { sql } from '../database/sql';
import { UnitOfWork } from '../database/unit-of-work';
import { StockService } from '../inventory/stock.service';
import { LocationsService } from '../locations/locations.service';
import { chunk, LabelContent, LabelFormat, renderLabelSheet, variantLine } from './label-sheet';
import { PrintedLabel } from './printed-label.entity';
import { qrInlineSvg } from './tag-qr';
import { MAX_SKUS_PER_REQUEST } from './tags.dto';
import { TagRow, TagsService } from './tags.service';
import { Clock } from '../common/clock';

/** A sheet for "every SKU here" is one request's worth of rendering at most; more: ask by SKU. */
const MAX_LABELS_PER_SHEET = 2000;

/** Printable label sheets: each label a shelf tag's QR with what the shelf needs to say. */
@Injectable()
export class LabelsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly tags: TagsService,
    private readonly catalog: CatalogService,
    private readonly stock: StockService,
    private readonly locations: LocationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * The label sheet of the SKUs asked (in that order), or of every variant stocked at the location
   * (by SKU). Shelf tags that do not exist yet are issued, so a sheet can be printed straight away.
   */
  async sheet(user: AuthUser, locationId: string, query: { sku?: string[]; format?: LabelFormat }) {
    const location = await this.locations.get(locationId);
    const skus = query.sku ?? (await this.stockedSkus(locationId));
    const tags = skus.length
      ? await this.uow.run((tx) => this.tags.ensureShelfTags(tx, locationId, skus, user.id))
      : [];
    const labels = await this.contents(tags);
    await this.remember(locationId, tags, labels);
    return renderLabelSheet({
      format: query.format ?? 'a4',
      location: { name: location.name, code: location.code },
      labels,
    });
  }

  /** The SKUs whose shelf labels here were printed with another price than the one they have now, by SKU. */
  async stale(locationId: string): Promise<StaleLabelView[]> {
    await this.locations.get(locationId);
    const printed = await this.uow.run(({ em }) => em.findBy(PrintedLabel, { locationId }));
    const variants = await this.catalog.variantsByIds(printed.map((label) => label.variantId));
    return printed
      .flatMap((label) => {
        const variant = variants.get(label.variantId);
        if (!variant || variant.priceAmount === label.priceAmount) return [];
        const money = (amount: number) => ({ amount, currency: variant.currency });
        return [
          {
            sku: variant.sku,
            title: variant.title,
            printedPrice: money(label.priceAmount),
            price: money(variant.priceAmount),
            printedAt: label.printedAt.toISOString(),
          },
        ];
      })
      .sort((a, b) => a.sku.localeCompare(b.sku));
  }

  /** Which price each label on the sheet shows, so that a later price change lists it for reprinting. */
  private remember(locationId: string, tags: TagRow[], labels: LabelContent[]): Promise<void> {
    const printedAt = this.clock.now().toISOString();
    // One price per variant (a sheet may hold two tags of one variant; an upsert touches a row once).
    const prices = new Map(tags.map((tag, i) => [tag.variant_id, labels[i].price.amount]));
    return this.uow.run(async ({ em }) => {
      for (const batch of chunk([...prices], LABEL_ROWS_PER_STATEMENT)) {
        const params: Record<string, unknown> = { locationId, printedAt };
        const rows = batch.map(([variantId, price], i) => {
          Object.assign(params, { [`variant${i}`]: variantId, [`price${i}`]: price });
          return `(:locationId, :variant${i}, :price${i}, :printedAt)`;
        });
        await sql(
          em,
          `INSERT INTO printed_labels (location_id, variant_id, price_amount, printed_at)
           VALUES ${rows.join(', ')}
           ON CONFLICT (location_id, variant_id)
           DO UPDATE SET price_amount = excluded.price_amount, printed_at = excluded.printed_at`,
          params,
        );
      }
    });
  }

  private async contents(tags: TagRow[]): Promise<LabelContent[]> {
    const variants = await this.catalog.variantsByIds(tags.map((tag) => tag.variant_id));
    const products = await this.catalog.productsByIds(tags.map((tag) => tag.product_id));
    return Promise.all(
      tags.map(async (tag) => {
        const variant = variants.get(tag.variant_id)!;
        const productTitle = products.get(tag.product_id)?.title ?? variant.title;
        const url = this.tags.urlOf(tag.code);
        return {
          code: tag.code,
          url,
          sku: tag.sku,
          productTitle,
          variantTitle: variantLine(productTitle, variant.title, variant.attributes),
          price: { amount: variant.priceAmount, currency: variant.currency },
          qrSvg: await qrInlineSvg(url),
        };
      }),
    );
  }

  /** The SKUs of every variant the location holds a stock level for, by SKU. */
  private async stockedSkus(locationId: string): Promise<string[]> {
    const variantIds = await this.stock.stockedVariantIds(locationId, MAX_LABELS_PER_SHEET + 1);
    if (variantIds.length > MAX_LABELS_PER_SHEET) {
      throw AppError.invalid(
        'sku',
        `is needed: this location stocks more than ${MAX_LABELS_PER_SHEET} SKUs; print them in sheets of up to ${MAX_SKUS_PER_REQUEST}`,
      );
    }
    const variants = await this.catalog.variantsByIds(variantIds);
    return [...variants.values()].map((variant) => variant.sku).sort();
  }
}

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits (two per row). */
const LABEL_ROWS_PER_STATEMENT = 400;
