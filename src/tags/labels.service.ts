import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import type { AuthUser } from '../common/request-context';
import { sql } from '../database/sql';
import { UnitOfWork } from '../database/unit-of-work';
import { LocationsService } from '../locations/locations.service';
import { LabelContent, LabelFormat, renderLabelSheet, variantLine } from './label-sheet';
import { qrInlineSvg } from './tag-qr';
import { MAX_SKUS_PER_REQUEST } from './tags.dto';
import { TagRow, TagsService } from './tags.service';

/** A sheet for "every SKU here" is one request's worth of rendering at most; more: ask by SKU. */
const MAX_LABELS_PER_SHEET = 2000;

interface PrintedVariant {
  id: string;
  title: string;
  attributes: string | null;
  price_amount: number;
  currency: string;
  product_title: string;
}

/** Printable label sheets: each label a shelf tag's QR with what the shelf needs to say. */
@Injectable()
export class LabelsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly tags: TagsService,
    private readonly locations: LocationsService,
  ) {}

  /**
   * The label sheet of the SKUs asked (in that order), or of every variant stocked at the location
   * (by SKU). Shelf tags that do not exist yet are issued, so a sheet can be printed straight away.
   */
  async sheet(locationId: string, query: { sku?: string[]; format?: LabelFormat }, user: AuthUser) {
    const location = await this.locations.get(locationId);
    const skus = query.sku ?? (await this.stockedSkus(locationId));
    const tags = skus.length
      ? await this.uow.run((tx) => this.tags.ensureShelfTags(tx, locationId, skus, user.id))
      : [];
    return renderLabelSheet({
      format: query.format ?? 'a4',
      location: { name: location.name, code: location.code },
      labels: await this.contents(tags),
    });
  }

  private async contents(tags: TagRow[]): Promise<LabelContent[]> {
    if (!tags.length) return [];
    const { rows } = await sql<PrintedVariant>(
      this.dataSource.manager,
      `SELECT v.id, v.title, v.attributes, v.price_amount, v.currency, p.title AS product_title
         FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id IN (:...ids)`,
      { ids: tags.map((tag) => tag.variant_id) },
    );
    const variants = new Map(rows.map((row) => [row.id, row]));
    return Promise.all(
      tags.map(async (tag) => {
        const variant = variants.get(tag.variant_id)!;
        const url = this.tags.urlOf(tag.code);
        return {
          code: tag.code,
          url,
          sku: tag.sku,
          productTitle: variant.product_title,
          variantTitle: variantLine(
            variant.product_title,
            variant.title,
            parseAttributes(variant.attributes),
          ),
          price: { amount: Number(variant.price_amount), currency: variant.currency },
          qrSvg: await qrInlineSvg(url),
        };
      }),
    );
  }

  /** Every variant the location holds a stock level for (sold out now or not: the shelf is still there). */
  private async stockedSkus(locationId: string): Promise<string[]> {
    const { rows } = await sql<{ sku: string }>(
      this.dataSource.manager,
      `SELECT v.sku FROM stock_levels l JOIN variants v ON v.id = l.variant_id
        WHERE l.location_id = :locationId ORDER BY v.sku LIMIT :limit`,
      { locationId, limit: MAX_LABELS_PER_SHEET + 1 },
    );
    if (rows.length > MAX_LABELS_PER_SHEET) {
      throw AppError.invalid(
        'sku',
        `is needed: this location stocks more than ${MAX_LABELS_PER_SHEET} SKUs; print them in sheets of up to ${MAX_SKUS_PER_REQUEST}`,
      );
    }
    return rows.map((row) => row.sku);
  }
}

/** Attributes are kept as JSON text (simple-json) on both databases. */
function parseAttributes(raw: string | null): Record<string, string> {
  try {
    const value: unknown = raw ? JSON.parse(raw) : {};
    return value && typeof value === 'object' ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}
