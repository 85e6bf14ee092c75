import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { InsufficientStockDetails, MovementKind, StockLevelView } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import { sql } from '../database/sql';
import { readerOf, type Tx } from '../database/unit-of-work';
import { DataSource } from 'typeorm';
import { EventLog } from '../outbox/event-log.service';
import { availableOf } from './availability';
import { LevelsCache } from './levels-cache';
import { StockMovement } from './stock.entity';
import { Clock } from '../common/clock';

/** One line of a stock change: `qty` units (> 0) of a variant at a location. */
export interface StockLine {
  variantId: string;
  sku: string;
  locationId: string;
  qty: number;
}

/** Why the ledger row exists beyond its kind: who, and which order or transfer it belongs to. */
export interface MoveRef {
  actorId?: string | null;
  orderId?: string | null;
  transferId?: string | null;
  note?: string | null;
}

/** The most one row may hold: far above any real shelf, far below the integer columns' limit. */
export const MAX_ON_HAND = 100_000_000;

interface LevelRow {
  on_hand: number;
  reserved: number;
  safety_stock: number;
  version: number;
}

/**
 * How a kind of movement changes a level: signs of the on-hand and reserved deltas, and the condition
 * the database checks in the same UPDATE, so that no two concurrent writers can both pass it.
 */
const MOVES = {
  reserve: { onHand: 0, reserved: +1, guard: 'on_hand - reserved - safety_stock >= :qty' },
  release: { onHand: 0, reserved: -1, guard: 'reserved >= :qty' },
  fulfil: { onHand: -1, reserved: -1, guard: 'reserved >= :qty' },
  sale: { onHand: -1, reserved: 0, guard: 'on_hand - reserved - safety_stock >= :qty' },
  transfer_out: { onHand: -1, reserved: 0, guard: 'on_hand - reserved - safety_stock >= :qty' },
  transfer_in: { onHand: +1, reserved: 0, guard: null },
  flash_set_aside: { onHand: 0, reserved: +1, guard: 'on_hand - reserved - safety_stock >= :qty' },
  flash_return: { onHand: 0, reserved: -1, guard: 'reserved >= :qty' },
  return: { onHand: +1, reserved: 0, guard: `on_hand + :qty <= ${MAX_ON_HAND}` },
  write_off: { onHand: 0, reserved: 0, guard: null },
} as const satisfies Partial<
  Record<MovementKind, { onHand: number; reserved: number; guard: string | null }>
>;

type LineMoveKind = keyof typeof MOVES;

/** Moves that may be the first a location sees of a variant: its level row is made at zero first. */
const MAY_OPEN_LEVEL = new Set<LineMoveKind>(['transfer_in', 'return', 'write_off']);

/**
 * The only writer of stock. Every change is a conditional UPDATE of the level, a ledger row and a
 * `stock.changed` event, all inside the caller's unit of work. Lines are applied in a fixed order
 * (location, variant) so that two units touching the same rows never deadlock.
 */
@Injectable()
export class InventoryService {
  constructor(
    private readonly events: EventLog,
    private readonly cache: LevelsCache,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  /** Holds stock for an order; all lines or INSUFFICIENT_STOCK naming every short line. */
  reserve(tx: Tx, lines: StockLine[], ref: MoveRef): Promise<StockLevelView[]> {
    return this.moveLines(tx, 'reserve', lines, ref);
  }

  /** Gives held stock back (cancelled, expired, short-picked). */
  release(tx: Tx, lines: StockLine[], ref: MoveRef): Promise<StockLevelView[]> {
    return this.moveLines(tx, 'release', lines, ref);
  }

  /** Held stock leaves the store with the customer or the carrier. */
  fulfil(tx: Tx, lines: StockLine[], ref: MoveRef): Promise<StockLevelView[]> {
    return this.moveLines(tx, 'fulfil', lines, ref);
  }

  /** A counter sale: available stock leaves at once. */
  sell(tx: Tx, lines: StockLine[], ref: MoveRef): Promise<StockLevelView[]> {
    return this.moveLines(tx, 'sale', lines, ref);
  }

  /** Sets units aside for a flash sale: reserved like a hold, but of its own kind in the ledger. */
  setAsideForSale(tx: Tx, lines: StockLine[], ref: MoveRef): Promise<StockLevelView[]> {
    return this.moveLines(tx, 'flash_set_aside', lines, ref);
  }

  /** Gives units set aside for a flash sale back (the sale ended, or an order takes them over). */
  returnFromSale(tx: Tx, lines: StockLine[], ref: MoveRef): Promise<StockLevelView[]> {
    return this.moveLines(tx, 'flash_return', lines, ref);
  }

  /** Stock leaves the source of a transfer; it counts nowhere while in transit. */
  shipOut(tx: Tx, lines: StockLine[], ref: MoveRef): Promise<StockLevelView[]> {
    return this.moveLines(tx, 'transfer_out', lines, ref);
  }

  /** Stock of a transfer arrives at its destination. */
  receiveIn(tx: Tx, lines: StockLine[], ref: MoveRef): Promise<StockLevelView[]> {
    return this.moveLines(tx, 'transfer_in', lines, ref);
  }

  /** Returned units fit to sell again: back on hand at the store they were brought to. */
  restock(tx: Tx, lines: StockLine[], ref: MoveRef): Promise<StockLevelView[]> {
    return this.moveLines(tx, 'return', lines, ref);
  }

  /** Returned units that came back damaged: a ledger row at the store, never on hand (never sellable). */
  writeOff(tx: Tx, lines: StockLine[], ref: MoveRef): Promise<StockLevelView[]> {
    return this.moveLines(tx, 'write_off', lines, ref);
  }

  /**
   * Changes on-hand by `delta` (either sign) for an adjustment reason; on-hand may not drop below what
   * is reserved. With `expectedOnHand`, refuses with STALE_QUANTITY if the level moved meanwhile.
   */
  async adjust(
    tx: Tx,
    line: Omit<StockLine, 'qty'> & { delta: number; expectedOnHand?: number },
    kind: MovementKind,
    ref: MoveRef,
  ): Promise<{ level: StockLevelView; movementId: string }> {
    if (line.delta > 0) await this.ensureLevel(tx, line);
    const expected = line.expectedOnHand === undefined ? '' : ' AND on_hand = :expectedOnHand';
    const guard = `on_hand + :delta >= reserved AND on_hand + :delta <= ${MAX_ON_HAND}${expected}`;
    const row = await this.update(tx, line, line.delta, 0, guard, {
      delta: line.delta,
      expectedOnHand: line.expectedOnHand,
    });
    if (!row) throw await this.refusal(tx, line, line.delta, line.expectedOnHand);
    const movementId = await this.record(tx, line, kind, line.delta, 0, row, ref);
    return { level: this.view(line, row), movementId };
  }

  /**
   * Sets how many units of a SKU a location keeps back from sale (not a movement: on hand stays). Answers
   * the level before and after; terminals and the shop hear the new available figure.
   */
  async setSafetyStock(
    tx: Tx,
    line: Omit<StockLine, 'qty'> & { safetyStock: number },
  ): Promise<{ before: number; level: StockLevelView }> {
    await this.ensureLevel(tx, line);
    const before = (await this.currentLevel(tx, line)).safetyStock;
    const { rows } = await sql<LevelRow>(
      tx.em,
      `UPDATE stock_levels SET safety_stock = :safetyStock, version = version + 1, updated_at = :now
        WHERE variant_id = :variantId AND location_id = :locationId
        RETURNING on_hand, reserved, safety_stock, version`,
      {
        safetyStock: line.safetyStock,
        now: this.clock.now().toISOString(),
        variantId: line.variantId,
        locationId: line.locationId,
      },
    );
    const level = this.view(line, rows[0]);
    tx.afterCommit(() => this.cache.forget(line.sku));
    this.events.append(tx, line.locationId, 'stock.changed', {
      sku: line.sku,
      variantId: line.variantId,
      onHand: level.onHand,
      reserved: level.reserved,
      available: level.available,
    });
    return { before, level };
  }

  /** Sets on-hand to a counted figure, recording the difference as the movement. */
  async setOnHand(
    tx: Tx,
    line: Omit<StockLine, 'qty'> & { onHand: number; expectedOnHand?: number },
    kind: MovementKind,
    ref: MoveRef,
  ): Promise<{ level: StockLevelView; movementId: string; delta: number }> {
    await this.ensureLevel(tx, line);
    // Locked on PostgreSQL so that a count without expectedOnHand sets exactly the figure counted; the
    // UPDATE below is guarded by the value read (compare-and-set) in any case.
    const lock = tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const { rows } = await sql<{ on_hand: number }>(
      tx.em,
      `SELECT on_hand FROM stock_levels WHERE variant_id = :variantId AND location_id = :locationId${lock}`,
      line,
    );
    const current = Number(rows[0].on_hand);
    const delta = line.onHand - current;
    const expectedOnHand = line.expectedOnHand ?? current;
    const result = await this.adjust(tx, { ...line, delta, expectedOnHand }, kind, ref);
    return { ...result, delta };
  }

  private async moveLines(
    tx: Tx,
    kind: LineMoveKind,
    lines: StockLine[],
    ref: MoveRef,
  ): Promise<StockLevelView[]> {
    const move = MOVES[kind];
    const merged = mergeLines(lines);
    const short: InsufficientStockDetails['lines'] = [];
    const levels: StockLevelView[] = [];
    for (const line of merged) {
      if (MAY_OPEN_LEVEL.has(kind)) await this.ensureLevel(tx, line);
      const row = await this.update(tx, line, move.onHand * line.qty, move.reserved * line.qty, move.guard, {
        qty: line.qty,
      });
      if (!row) {
        const available = availableOf(await this.currentLevel(tx, line));
        short.push({ sku: line.sku, requested: line.qty, available });
        continue;
      }
      if (short.length) continue; // the unit will roll back; no need to record what is undone
      await this.record(tx, line, kind, move.onHand * line.qty, move.reserved * line.qty, row, ref);
      levels.push(this.view(line, row));
    }
    if (short.length) throw insufficientStock(merged[0]?.locationId, short);
    return levels;
  }

  /**
   * The INSUFFICIENT_STOCK that reserve or sell would answer for these lines (all at one location) if
   * the levels stay as they are now, or null if every line is available: one read, outside any unit.
   * It decides nothing by itself (a level may change a moment later); the conditional UPDATE does.
   */
  async shortage(lines: StockLine[], tx?: Tx): Promise<AppError | null> {
    const merged = mergeLines(lines);
    if (!merged.length) return null;
    const { rows } = await sql<Omit<LevelRow, 'version'> & { variant_id: string }>(
      readerOf(tx, this.dataSource),
      `SELECT variant_id, on_hand, reserved, safety_stock FROM stock_levels
        WHERE location_id = :locationId AND variant_id IN (:...variantIds)`,
      { locationId: merged[0].locationId, variantIds: merged.map((line) => line.variantId) },
    );
    const levels = new Map(rows.map((row) => [row.variant_id, levelOf(row)]));
    const short = merged
      .map((line) => {
        const level = levels.get(line.variantId);
        return { sku: line.sku, requested: line.qty, available: level ? availableOf(level) : 0 };
      })
      .filter((line) => line.available < line.requested);
    return short.length ? insufficientStock(merged[0].locationId, short) : null;
  }

  /** On hand and reserved of these variants at one location, by variant id; absent where none is kept yet. */
  async levelsAt(
    locationId: string,
    variantIds: string[],
    tx?: Tx,
  ): Promise<Map<string, { onHand: number; reserved: number }>> {
    if (!variantIds.length) return new Map();
    const { rows } = await sql<Omit<LevelRow, 'version'> & { variant_id: string }>(
      readerOf(tx, this.dataSource),
      `SELECT variant_id, on_hand, reserved, safety_stock FROM stock_levels
        WHERE location_id = :locationId AND variant_id IN (:...variantIds)`,
      { locationId, variantIds },
    );
    return new Map(rows.map((row) => [row.variant_id, levelOf(row)]));
  }

  private async update(
    tx: Tx,
    line: Omit<StockLine, 'qty'>,
    onHandDelta: number,
    reservedDelta: number,
    guard: string | null,
    params: Record<string, unknown>,
  ): Promise<LevelRow | null> {
    const { rows } = await sql<LevelRow>(
      tx.em,
      `UPDATE stock_levels
         SET on_hand = on_hand + :onHandDelta, reserved = reserved + :reservedDelta,
             version = version + 1, updated_at = :now
       WHERE variant_id = :variantId AND location_id = :locationId${guard ? ` AND ${guard}` : ''}
       RETURNING on_hand, reserved, safety_stock, version`,
      {
        ...params,
        onHandDelta,
        reservedDelta,
        now: this.clock.now().toISOString(),
        variantId: line.variantId,
        locationId: line.locationId,
      },
    );
    return rows[0] ?? null;
  }

  private async ensureLevel(tx: Tx, line: Omit<StockLine, 'qty'>): Promise<void> {
    await sql(
      tx.em,
      `INSERT INTO stock_levels (variant_id, location_id, on_hand, reserved, safety_stock, version, updated_at)
       VALUES (:variantId, :locationId, 0, 0, 0, 0, :now) ON CONFLICT DO NOTHING`,
      { variantId: line.variantId, locationId: line.locationId, now: this.clock.now().toISOString() },
    );
  }

  private async record(
    tx: Tx,
    line: Omit<StockLine, 'qty'>,
    kind: MovementKind,
    onHandDelta: number,
    reservedDelta: number,
    row: LevelRow,
    ref: MoveRef,
  ): Promise<string> {
    const id = randomUUID();
    // A plain INSERT: one ledger row per line of every order, and TypeORM's insert builder costs more
    // than the statement itself.
    await sql(
      tx.em,
      `INSERT INTO stock_movements (id, variant_id, location_id, kind, on_hand_delta, reserved_delta, note,
         actor_id, order_id, transfer_id, created_at)
       VALUES (:id, :variantId, :locationId, :kind, :onHandDelta, :reservedDelta, :note, :actorId, :orderId,
         :transferId, :createdAt)`,
      {
        id,
        variantId: line.variantId,
        locationId: line.locationId,
        kind,
        onHandDelta,
        reservedDelta,
        note: ref.note ?? null,
        actorId: ref.actorId ?? null,
        orderId: ref.orderId ?? null,
        transferId: ref.transferId ?? null,
        createdAt: this.clock.now().toISOString(),
      } satisfies Record<keyof StockMovement, unknown>,
    );
    const level = this.view(line, row);
    tx.afterCommit(() => this.cache.forget(line.sku));
    this.events.append(tx, line.locationId, 'stock.changed', {
      sku: line.sku,
      variantId: line.variantId,
      onHand: level.onHand,
      reserved: level.reserved,
      available: level.available,
    });
    return id;
  }

  /** The level as it is now in this unit (zeros where there is no row yet): for explaining a refusal. */
  private async currentLevel(tx: Tx, line: Omit<StockLine, 'qty'>) {
    const { rows } = await sql<LevelRow>(
      tx.em,
      'SELECT on_hand, reserved, safety_stock FROM stock_levels WHERE variant_id = :variantId AND location_id = :locationId',
      { variantId: line.variantId, locationId: line.locationId },
    );
    return rows[0] ? levelOf(rows[0]) : { onHand: 0, reserved: 0, safetyStock: 0 };
  }

  /** Why an adjustment was refused: the level moved (STALE_QUANTITY) or it would go below reserved. */
  private async refusal(
    tx: Tx,
    line: Omit<StockLine, 'qty'>,
    delta: number,
    expected?: number,
  ): Promise<AppError> {
    const level = await this.currentLevel(tx, line);
    if (expected !== undefined && level.onHand !== expected) {
      return new AppError('STALE_QUANTITY', `On hand is ${level.onHand} now, not ${expected}: count again`, {
        sku: line.sku,
        expectedOnHand: expected,
        onHand: level.onHand,
      });
    }
    if (delta > 0) {
      return AppError.invalid('delta', `would take on hand of ${line.sku} above ${MAX_ON_HAND}`);
    }
    return new AppError(
      'INSUFFICIENT_STOCK',
      `Cannot take ${-delta} of ${line.sku}: on hand ${level.onHand}, reserved ${level.reserved}`,
      {
        locationId: line.locationId,
        lines: [{ sku: line.sku, requested: -delta, available: Math.max(0, level.onHand - level.reserved) }],
      },
    );
  }

  private view(line: Omit<StockLine, 'qty'>, row: LevelRow): StockLevelView {
    const level = levelOf(row);
    return {
      sku: line.sku,
      variantId: line.variantId,
      locationId: line.locationId,
      ...level,
      available: availableOf(level),
      version: Number(row.version),
    };
  }
}

function levelOf(row: Pick<LevelRow, 'on_hand' | 'reserved' | 'safety_stock'>) {
  return {
    onHand: Number(row.on_hand),
    reserved: Number(row.reserved),
    safetyStock: Number(row.safety_stock),
  };
}

/** Sums the demand per (location, variant) and orders the lines the same way in every unit. */
function insufficientStock(
  locationId: string | undefined,
  short: InsufficientStockDetails['lines'],
): AppError {
  return new AppError('INSUFFICIENT_STOCK', `Not enough stock for ${short.map((s) => s.sku).join(', ')}`, {
    locationId,
    lines: short,
  });
}

export function mergeLines(lines: StockLine[]): StockLine[] {
  const merged = new Map<string, StockLine>();
  for (const line of lines) {
    const key = `${line.locationId}|${line.variantId}`;
    const existing = merged.get(key);
    merged.set(key, existing ? { ...existing, qty: existing.qty + line.qty } : { ...line });
  }
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, line]) => line);
}
