import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page, TagView } from '@o2o/contracts';
import { assertCanActAt } from '../auth/access';
import { CatalogService } from '../catalog/catalog.service';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { decodeCursor, pageLimit, pageOf } from '../common/pagination';
import type { AuthUser } from '../common/request-context';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { nowIso } from '../database/columns';
import { sql } from '../database/sql';
import { readerOf, Tx, UnitOfWork } from '../database/unit-of-work';
import { LocationsService } from '../locations/locations.service';
import { isTagCodeShaped, newTagCode, tagUrl } from './tag-code';
import { qrPng, qrSvg } from './tag-qr';
import type { TagListQuery } from './tags.dto';

interface StoredTag {
  code: string;
  variant_id: string;
  location_id: string;
  serial: string;
  scan_count: number;
  last_scanned_at: string | null;
  unit_sold_at: string | null;
  created_at: string;
}

/**
 * A live tag with its variant's SKU and product (tags keep the variant id; the SKU is what people
 * read), looked up through the CatalogService.
 */
export interface TagRow extends StoredTag {
  sku: string;
  product_id: string;
}

const TAG_COLUMNS = `t.code, t.variant_id, t.location_id, t.serial, t.scan_count, t.last_scanned_at,
  t.unit_sold_at, t.created_at`;
const LIVE_TAGS = `tags t WHERE t.revoked_at IS NULL`;

/** How a list is ordered, and the keyset condition that continues it after a cursor. */
const LIST_ORDERS = {
  created: {
    orderBy: 't.created_at ASC, t.code ASC',
    after: '(t.created_at > :afterSort OR (t.created_at = :afterSort AND t.code > :afterCode))',
    sortOf: (row: StoredTag) => row.created_at,
  },
  scans: {
    orderBy: 't.scan_count DESC, t.code ASC',
    after: '(t.scan_count < :afterSort OR (t.scan_count = :afterSort AND t.code > :afterCode))',
    sortOf: (row: StoredTag) => Number(row.scan_count),
  },
} as const;

/**
 * Issuing, listing and revoking QR tags. A location has at most one live tag per (SKU, serial):
 * issuing again answers the existing tag, so batches and label sheets can be re-run safely.
 * A revoked or unknown code is answered 404 exactly like one that never existed.
 */
@Injectable()
export class TagsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly catalog: CatalogService,
    private readonly locations: LocationsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The live tag of a SKU at a location (one per serial), issued if there is none yet. */
  issue(user: AuthUser, input: { sku: string; locationId: string; serial?: string }): Promise<TagView> {
    return this.uow.run(async (tx) => {
      await this.locations.get(input.locationId, tx);
      const variant = await this.catalog.variantBySku(input.sku, tx);
      const row = await this.ensureTag(tx, variant.id, input.locationId, input.serial ?? '', user.id);
      return this.toView(row, true);
    });
  }

  /** Shelf tags for several SKUs at a location, in the order asked; all or nothing (404 on unknown SKUs). */
  issueBatch(user: AuthUser, locationId: string, skus: string[]): Promise<TagView[]> {
    return this.uow.run(async (tx) => {
      const rows = await this.ensureShelfTags(tx, locationId, skus, user.id);
      return rows.map((row) => this.toView(row, true));
    });
  }

  /** Shelf tags in the caller's unit of work (label sheets print them). */
  async ensureShelfTags(tx: Tx, locationId: string, skus: string[], actorId: string): Promise<TagRow[]> {
    await this.locations.get(locationId, tx);
    const variants = await this.catalog.variantsBySkus(skus, tx);
    const rows: TagRow[] = [];
    for (const sku of new Set(skus)) {
      rows.push(await this.ensureTag(tx, variants.get(sku)!.id, locationId, '', actorId));
    }
    return rows;
  }

  /** Revokes a tag: from now on its code answers 404 everywhere. */
  revoke(user: AuthUser, code: string): Promise<void> {
    return this.uow.run(async (tx) => {
      const tag = await this.liveTag(code, tx);
      assertCanActAt(user, tag.location_id);
      const { affected } = await sql(
        tx.em,
        'UPDATE tags SET revoked_at = :now WHERE code = :code AND revoked_at IS NULL',
        { code, now: nowIso() },
      );
      if (!affected) throw tagNotFound();
    });
  }

  /** Marks the unit a serial tag is on as sold; marking it again changes nothing. */
  markUnitSold(user: AuthUser, code: string): Promise<TagView> {
    return this.uow.run(async (tx) => {
      const tag = await this.liveTag(code, tx);
      assertCanActAt(user, tag.location_id);
      if (!tag.serial) {
        throw new AppError(
          'INVALID_TRANSITION',
          'Only a tag on one unit (with a serial) can be marked sold',
          {
            from: 'shelf',
            action: 'sold',
          },
        );
      }
      await sql(tx.em, 'UPDATE tags SET unit_sold_at = :now WHERE code = :code AND unit_sold_at IS NULL', {
        code,
        now: nowIso(),
      });
      return this.toView(await this.liveTag(code, tx), true);
    });
  }

  /** The live tags of a location, oldest first or most scanned first; keyset-paginated. */
  async list(locationId: string, query: TagListQuery): Promise<Page<TagView>> {
    await this.locations.get(locationId);
    const order = LIST_ORDERS[query.sort ?? 'created'];
    const limit = pageLimit(query);
    const after = decodeCursor(query.after, 2);
    const where = ['t.location_id = :locationId'];
    let variantId: string | undefined;
    if (query.sku !== undefined) {
      variantId = (await this.catalog.findVariantBySku(query.sku))?.id;
      if (!variantId) return { items: [], next: null };
      where.push('t.variant_id = :variantId');
    }
    if (query.minScans !== undefined) where.push('t.scan_count >= :minScans');
    if (after) where.push(order.after);
    const { rows } = await sql<StoredTag>(
      this.dataSource.manager,
      `SELECT ${TAG_COLUMNS} FROM ${LIVE_TAGS} AND ${where.join(' AND ')} ORDER BY ${order.orderBy} LIMIT :limit`,
      {
        locationId,
        minScans: query.minScans,
        variantId,
        afterSort: after?.[0],
        afterCode: after?.[1],
        limit: limit + 1,
      },
    );
    const page = pageOf(rows, limit, (last) => [order.sortOf(last), last.code]);
    const items = await this.withVariants(page.items);
    return { items: items.map((row) => this.toView(row, true)), next: page.next };
  }

  async qrSvg(code: string): Promise<string> {
    return qrSvg(this.urlOf((await this.liveTag(code)).code));
  }

  async qrPng(code: string): Promise<Buffer> {
    return qrPng(this.urlOf((await this.liveTag(code)).code));
  }

  /**
   * Counts a scan and answers the tag, in one conditional UPDATE: a revoked tag is never counted,
   * and two scans at once both count.
   */
  async countScan(code: string): Promise<TagRow> {
    if (!isTagCodeShaped(code)) throw tagNotFound(); // not worth a transaction
    return this.uow.run(async (tx) => {
      const now = this.clock.now().toISOString();
      const { rows } = await sql<StoredTag>(
        tx.em,
        `UPDATE tags SET scan_count = scan_count + 1, last_scanned_at = :now
          WHERE code = :code AND revoked_at IS NULL
        RETURNING code, variant_id, location_id, serial, scan_count, last_scanned_at, unit_sold_at, created_at`,
        { code, now },
      );
      const [tag] = await this.withVariants(rows, tx);
      if (!tag) throw tagNotFound();
      await sql(
        tx.em,
        `INSERT INTO tag_scans (code, variant_id, location_id, at) VALUES (:code, :variantId, :locationId, :now)`,
        { code, variantId: tag.variant_id, locationId: tag.location_id, now },
      );
      return tag;
    });
  }

  /** The public face of a tag; staff views also carry its scan statistics. */
  /** Scans at a location in [from, to) per variant, for the scans report. */
  async scansByVariant(
    locationId: string,
    interval: { from: string; to: string },
  ): Promise<Map<string, number>> {
    const { rows } = await sql<{ variant_id: string; n: number }>(
      this.dataSource.manager,
      `SELECT variant_id, COUNT(*) AS n FROM tag_scans
        WHERE location_id = :locationId AND at >= :from AND at < :to GROUP BY variant_id`,
      { locationId, ...interval },
    );
    return new Map(rows.map((row) => [row.variant_id, Number(row.n)]));
  }

  toView(row: TagRow, forStaff = false): TagView {
    const view: TagView = {
      code: row.code,
      url: this.urlOf(row.code),
      sku: row.sku,
      locationId: row.location_id,
      serial: row.serial || null,
    };
    if (forStaff) {
      Object.assign(view, {
        scanCount: Number(row.scan_count),
        lastScannedAt: row.last_scanned_at,
        unitSoldAt: row.unit_sold_at,
        createdAt: row.created_at,
      });
    }
    return view;
  }

  urlOf(code: string): string {
    return tagUrl(this.config.publicBaseUrl, code);
  }

  private async liveTag(code: string, tx?: Tx): Promise<TagRow> {
    const em = readerOf(tx, this.dataSource);
    if (!isTagCodeShaped(code)) throw tagNotFound();
    const { rows } = await sql<StoredTag>(em, `SELECT ${TAG_COLUMNS} FROM ${LIVE_TAGS} AND t.code = :code`, {
      code,
    });
    const [tag] = await this.withVariants(rows, tx);
    if (!tag) throw tagNotFound();
    return tag;
  }

  /** Adds each tag's SKU and product; a tag whose variant is gone is left out, like a revoked one. */
  private async withVariants(rows: StoredTag[], tx?: Tx): Promise<TagRow[]> {
    const variants = await this.catalog.variantsByIds(
      rows.map((row) => row.variant_id),
      tx,
    );
    return rows.flatMap((row) => {
      const variant = variants.get(row.variant_id);
      return variant ? [{ ...row, sku: variant.sku, product_id: variant.productId }] : [];
    });
  }

  /**
   * Inserts a tag unless a live one exists for (variant, location, serial), then reads the live one.
   * The partial unique index decides, so concurrent issuers end up with the same tag.
   */
  private async ensureTag(
    tx: Tx,
    variantId: string,
    locationId: string,
    serial: string,
    actorId: string,
  ): Promise<TagRow> {
    const key = { variantId, locationId, serial };
    await sql(
      tx.em,
      `INSERT INTO tags (code, variant_id, location_id, serial, scan_count, created_by, created_at)
       VALUES (:code, :variantId, :locationId, :serial, 0, :actorId, :now) ON CONFLICT DO NOTHING`,
      { ...key, code: newTagCode(), actorId, now: nowIso() },
    );
    const { rows } = await sql<StoredTag>(
      tx.em,
      `SELECT ${TAG_COLUMNS} FROM ${LIVE_TAGS}
         AND t.variant_id = :variantId AND t.location_id = :locationId AND t.serial = :serial`,
      key,
    );
    const [tag] = await this.withVariants(rows, tx);
    return tag;
  }
}

export function tagNotFound(): AppError {
  return AppError.notFound('Tag');
}
