import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  AdjustmentResult,
  MovementKind,
  MovementView,
  Page,
  StockRowView,
  StockLevelView,
} from '@o2o/contracts';
import { AuditLog } from '../audit/audit-log.service';
import { AppError } from '../common/app-error';
import type { AuthUser } from '../common/request-context';
import { decodeCursor, mapPage, PageQuery, pageLimit, pageOf } from '../common/pagination';
import { CatalogService, variantTitle } from '../catalog/catalog.service';
import { escapeLike, sql } from '../database/sql';
import { UnitOfWork } from '../database/unit-of-work';
import { LocationsService } from '../locations/locations.service';
import { adjustmentProblem } from './adjustment-rules';
import { availableSql } from './availability';
import type { AdjustmentDto } from './inventory.dto';
import { InventoryService } from './inventory.service';

interface LevelListRow {
  sku: string;
  variant_id: string;
  location_id: string;
  on_hand: number;
  reserved: number;
  safety_stock: number;
  available: number;
  version: number;
  product_title: string;
  attributes: string | Record<string, string>;
  barcode: string | null;
  price_amount: number;
  currency: string;
}

interface MovementRow {
  id: string;
  variant_id: string;
  location_id: string;
  kind: MovementKind;
  on_hand_delta: number;
  reserved_delta: number;
  note: string | null;
  actor_id: string | null;
  order_id: string | null;
  transfer_id: string | null;
  created_at: string;
}

const MOVEMENT_COLUMNS = `m.id, m.variant_id, m.location_id, m.kind, m.on_hand_delta, m.reserved_delta, m.note,
  m.actor_id, m.order_id, m.transfer_id, m.created_at`;

/** Staff's view of a location's stock: its levels, its ledger and the adjustments they make. */
@Injectable()
export class StockService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly inventory: InventoryService,
    private readonly catalog: CatalogService,
    private readonly locations: LocationsService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * The levels of a location by SKU (keyset on the SKU, which is unique). The one place inventory
   * joins the catalog's variants: ordering and searching a long list by SKU and title needs the
   * database, and the join is on the variants' primary key.
   */
  async levels(
    locationId: string,
    query: PageQuery & { sku?: string; q?: string },
  ): Promise<Page<StockRowView>> {
    await this.locations.get(locationId);
    const limit = pageLimit(query);
    const after = decodeCursor(query.after, 1);
    const where = ['s.location_id = :locationId'];
    const params: Record<string, unknown> = { locationId, limit: limit + 1 };
    if (query.sku) {
      where.push('v.sku = :sku');
      params.sku = query.sku;
    }
    if (query.q?.trim()) {
      where.push(
        `(LOWER(v.sku) LIKE :pattern ESCAPE '\\' OR LOWER(v.title) LIKE :pattern ESCAPE '\\' OR LOWER(p.title) LIKE :pattern ESCAPE '\\')`,
      );
      params.pattern = `%${escapeLike(query.q.trim().toLowerCase())}%`;
    }
    if (after) {
      where.push('v.sku > :afterSku');
      params.afterSku = after[0];
    }
    const { rows } = await sql<LevelListRow>(
      this.dataSource.manager,
      `SELECT v.sku, s.variant_id, s.location_id, s.on_hand, s.reserved, s.safety_stock, s.version,
              ${availableSql('s')} AS available, p.title AS product_title, v.attributes, v.barcode,
              v.price_amount, v.currency
       FROM stock_levels s JOIN variants v ON v.id = s.variant_id JOIN products p ON p.id = v.product_id
       WHERE ${where.join(' AND ')} ORDER BY v.sku LIMIT :limit`,
      params,
    );
    return mapPage(
      pageOf(rows, limit, (last) => [last.sku]),
      toLevelView,
    );
  }

  /** Units on hand at a location per variant (levels above zero), for the stock value report. */
  async onHandByVariant(locationId: string): Promise<Map<string, number>> {
    const { rows } = await sql<{ variant_id: string; on_hand: number }>(
      this.dataSource.manager,
      'SELECT variant_id, on_hand FROM stock_levels WHERE location_id = :locationId AND on_hand > 0',
      { locationId },
    );
    return new Map(rows.map((row) => [row.variant_id, Number(row.on_hand)]));
  }

  /** The ledger of a location, oldest first (keyset on time, then id). */
  async movements(locationId: string, query: PageQuery & { sku?: string }): Promise<Page<MovementView>> {
    await this.locations.get(locationId);
    const limit = pageLimit(query);
    const after = decodeCursor(query.after, 2);
    const where = ['m.location_id = :locationId'];
    const params: Record<string, unknown> = { locationId, limit: limit + 1 };
    if (query.sku) {
      // As every list's filter: a SKU that does not exist matches nothing.
      const variant = await this.catalog.findVariantBySku(query.sku);
      where.push('m.variant_id = :variantId');
      params.variantId = variant?.id ?? null;
    }
    if (after) {
      where.push('(m.created_at > :afterAt OR (m.created_at = :afterAt AND m.id > :afterId))');
      Object.assign(params, { afterAt: after[0], afterId: after[1] });
    }
    const { rows } = await sql<MovementRow>(
      this.dataSource.manager,
      `SELECT ${MOVEMENT_COLUMNS} FROM stock_movements m
       WHERE ${where.join(' AND ')} ORDER BY m.created_at, m.id LIMIT :limit`,
      params,
    );
    const page = pageOf(rows, limit, (last) => [last.created_at, last.id]);
    const variants = await this.catalog.variantsByIds(page.items.map((row) => row.variant_id));
    return mapPage(page, (row) => toMovementView(row, variants.get(row.variant_id)?.sku ?? ''));
  }

  /**
   * The variants this location holds a stock level for (sold out now or not: the shelf is still
   * there), at most `limit`.
   */
  async stockedVariantIds(locationId: string, limit: number): Promise<string[]> {
    const { rows } = await sql<{ variant_id: string }>(
      this.dataSource.manager,
      'SELECT variant_id FROM stock_levels WHERE location_id = :locationId LIMIT :limit',
      { locationId, limit },
    );
    return rows.map((row) => row.variant_id);
  }

  /** Sets the units of a SKU a location keeps back from sale; audited like every change by a person. */
  async setSafetyStock(
    user: AuthUser,
    locationId: string,
    sku: string,
    safetyStock: number,
  ): Promise<StockLevelView> {
    return this.uow.run(async (tx) => {
      await this.locations.get(locationId, tx);
      const variant = await this.catalog.variantBySku(sku, tx);
      const line = { variantId: variant.id, sku: variant.sku, locationId, safetyStock };
      const { before, level } = await this.inventory.setSafetyStock(tx, line);
      await this.audit.record(
        tx,
        user,
        { entity: 'stock', entityId: `${variant.sku}@${locationId}`, action: 'safety_stock' },
        { safetyStock: before },
        { safetyStock },
      );
      return level;
    });
  }

  /**
   * Adds or removes stock for a reason, or sets it to a counted figure (recording the difference).
   * One unit of work: the level, its ledger row and the terminal event, or nothing.
   */
  async adjust(user: AuthUser, locationId: string, input: AdjustmentDto): Promise<AdjustmentResult> {
    const problem = adjustmentProblem(input);
    if (problem) throw AppError.invalid(problem.field, problem.error);
    return this.uow.run(async (tx) => {
      await this.locations.get(locationId, tx);
      const variant = (await this.catalog.variantsBySkus([input.sku], tx)).get(input.sku)!;
      const line = {
        variantId: variant.id,
        sku: variant.sku,
        locationId,
        expectedOnHand: input.expectedOnHand,
      };
      const ref = { actorId: user.id, note: input.note ?? null };
      const { level, movementId, delta } =
        input.onHand !== undefined
          ? await this.inventory.setOnHand(tx, { ...line, onHand: input.onHand }, input.reason, ref)
          : {
              ...(await this.inventory.adjust(tx, { ...line, delta: input.delta! }, input.reason, ref)),
              delta: input.delta!,
            };
      // The ledger keeps every movement; the audit trail shows the owner which person changed stock by hand.
      await this.audit.record(
        tx,
        user,
        { entity: 'stock', entityId: `${variant.sku}@${locationId}`, action: input.reason },
        { onHand: level.onHand - delta },
        { onHand: level.onHand },
      );
      const { rows } = await sql<MovementRow>(
        tx.em,
        `SELECT ${MOVEMENT_COLUMNS} FROM stock_movements m WHERE m.id = :movementId`,
        { movementId },
      );
      return { level, movement: toMovementView(rows[0], variant.sku) };
    });
  }
}

function toLevelView(row: LevelListRow): StockRowView {
  const attributes =
    typeof row.attributes === 'string'
      ? (JSON.parse(row.attributes) as Record<string, string>)
      : row.attributes;
  return {
    title: variantTitle(row.product_title, attributes),
    attributes,
    barcode: row.barcode,
    price: { amount: Number(row.price_amount), currency: row.currency },
    sku: row.sku,
    variantId: row.variant_id,
    locationId: row.location_id,
    onHand: Number(row.on_hand),
    reserved: Number(row.reserved),
    safetyStock: Number(row.safety_stock),
    available: Number(row.available),
    version: Number(row.version),
  };
}

function toMovementView(row: MovementRow, sku: string): MovementView {
  return {
    id: row.id,
    sku,
    locationId: row.location_id,
    kind: row.kind,
    onHandDelta: Number(row.on_hand_delta),
    reservedDelta: Number(row.reserved_delta),
    note: row.note,
    actorId: row.actor_id,
    orderId: row.order_id,
    transferId: row.transfer_id,
    at: row.created_at,
  };
}
