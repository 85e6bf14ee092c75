import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { AppError } from '../common/app-error';
import type { AuthUser } from '../common/request-context';
import { CatalogService } from '../catalog/catalog.service';
import { type Tx, UnitOfWork } from '../database/unit-of-work';
import { InventoryService } from '../inventory/inventory.service';
import type { StockRow } from './csv-rows';
import { applyInBatch, type BatchOutcome, emptyOutcome, type NumberedRow, rowErrorOf } from './row-batch';

/**
 * Loads a stock count of one location: each row sets on hand to the figure counted, through the
 * inventory service (a `count` ledger row and a stock.changed event per change, audited as a change by
 * hand). A row equal to the shelf writes nothing, so the same count imported twice changes nothing.
 */
@Injectable()
export class StockImport {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CatalogService,
    private readonly inventory: InventoryService,
    private readonly audit: AuditLog,
  ) {}

  apply(actor: AuthUser, locationId: string, rows: Array<NumberedRow<StockRow>>): Promise<BatchOutcome> {
    return applyInBatch(
      rows,
      (batch) => this.uow.run((tx) => this.applyRows(tx, actor, locationId, batch)),
      'on_hand',
    );
  }

  private async applyRows(
    tx: Tx,
    actor: AuthUser,
    locationId: string,
    rows: Array<NumberedRow<StockRow>>,
  ): Promise<BatchOutcome> {
    const outcome = emptyOutcome();
    const variants = await this.catalog.findVariantsBySkus(
      rows.map(({ row }) => row.sku),
      tx,
    );
    const levels = await this.inventory.levelsAt(
      locationId,
      [...variants.values()].map((variant) => variant.id),
      tx,
    );
    for (const { rowNumber, row } of rows) {
      const variant = variants.get(row.sku);
      if (!variant) {
        outcome.errors.push({ row: rowNumber, field: 'sku', message: `no product has the SKU ${row.sku}` });
        continue;
      }
      const level = levels.get(variant.id);
      if (level?.onHand === row.onHand) continue;
      if (level && row.onHand < level.reserved) {
        outcome.errors.push({
          row: rowNumber,
          field: 'on_hand',
          message: `${level.reserved} units of ${row.sku} are held for orders: the count cannot be below that`,
        });
        continue;
      }
      try {
        const line = { variantId: variant.id, sku: variant.sku, locationId, onHand: row.onHand };
        const result = await this.inventory.setOnHand(tx, line, 'count', {
          actorId: actor.id,
          note: 'import',
        });
        const before = { onHand: result.level.onHand - result.delta };
        await this.audit.record(
          tx,
          actor,
          { entity: 'stock', entityId: `${variant.sku}@${locationId}`, action: 'count' },
          before,
          { onHand: result.level.onHand },
        );
        if (level) outcome.updated++;
        else outcome.created++;
        levels.set(variant.id, { onHand: row.onHand, reserved: level?.reserved ?? 0 });
      } catch (error) {
        // A guarded UPDATE that matched nothing (the level moved meanwhile): the unit stays usable.
        if (!(error instanceof AppError)) throw error;
        outcome.errors.push(rowErrorOf(rowNumber, error, 'on_hand'));
      }
    }
    return outcome;
  }
}
