import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readsCommittedRows } from '../database/sql';

/** A SKU's stock levels by location id. */
export type SkuLevels = Map<string, { onHand: number; reserved: number; safetyStock: number }>;

/** How many SKUs' levels are kept (a few megabytes at most). */
const SKUS_KEPT = 20_000;

/**
 * The levels of recently read SKUs, for the busiest public read (availability), on SQLite only: there
 * one process serves the database (`npm run cluster` refuses SQLite), so it sees every stock change.
 * InventoryService forgets a SKU once a unit that changed it has committed. A read fills the cache
 * only with what it read outside any open transaction (on SQLite's one connection a read beside a
 * running unit sees that unit's uncommitted rows) and only if nothing was forgotten while it ran. On
 * PostgreSQL other instances write too: every read goes to the database.
 */
@Injectable()
export class LevelsCache {
  private readonly levels = new Map<string, SkuLevels>();
  private generation = 0;
  readonly enabled: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.enabled = dataSource.options.type === 'better-sqlite3';
  }

  get(sku: string): SkuLevels | undefined {
    return this.levels.get(sku);
  }

  /**
   * Starts a read of the database: answers the function that keeps what the read found, which keeps
   * it only if the read saw committed rows and nothing changed meanwhile.
   */
  beginRead(): (found: Map<string, SkuLevels>) => void {
    if (!this.enabled || !readsCommittedRows(this.dataSource)) return () => undefined;
    const generation = this.generation;
    return (found) => {
      if (generation !== this.generation) return;
      for (const [sku, levels] of found) {
        this.levels.delete(sku);
        this.levels.set(sku, levels);
      }
      for (const sku of this.levels.keys()) {
        if (this.levels.size <= SKUS_KEPT) break;
        this.levels.delete(sku);
      }
    };
  }

  /** A committed change of this SKU's stock: its levels are read again. */
  forget(sku: string): void {
    this.generation++;
    this.levels.delete(sku);
  }
}
