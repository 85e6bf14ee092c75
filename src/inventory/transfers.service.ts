import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Page, TransferStatus, TransferView } from '@o2o/contracts';
import { assertCanActAt, canActAt } from '../auth/access';
import { CatalogService } from '../catalog/catalog.service';
import { AppError } from '../common/app-error';
import { decodeCursor, PageQuery, pageLimit, pageOf } from '../common/pagination';
import type { AuthUser } from '../common/request-context';
import { sql } from '../database/sql';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import type { Location } from '../locations/location.entity';
import { LocationsService } from '../locations/locations.service';
import { EventLog } from '../outbox/event-log.service';
import { InventoryService, mergeLines, StockLine } from './inventory.service';
import { Transfer, TransferLine } from './stock.entity';
import { receivedQuantities } from './transfer-rules';
import { Clock } from '../common/clock';

export interface NewTransfer {
  fromLocationId: string;
  toLocationId: string;
  lines: Array<{ sku: string; qty: number }>;
  note?: string;
}

export interface Receipt {
  lines?: Array<{ sku: string; receivedQty?: number; qty?: number }>;
  note?: string;
}

const NUMBER_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * Stock moving between locations: shipped out (it leaves the source level at once), in transit
 * (it counts nowhere), received (it enters the destination level; a short receipt keeps the
 * difference on the transfer line). Both ends hear `transfer.updated`.
 */
@Injectable()
export class TransfersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly inventory: InventoryService,
    private readonly catalog: CatalogService,
    private readonly locations: LocationsService,
    private readonly events: EventLog,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, input: NewTransfer): Promise<TransferView> {
    if (input.fromLocationId === input.toLocationId) {
      throw AppError.invalid('toLocationId', 'must differ from fromLocationId');
    }
    assertCanActAt(user, input.fromLocationId);
    return this.uow.run(async (tx) => {
      await this.locations.get(input.fromLocationId, tx);
      await this.locations.get(input.toLocationId, tx);
      const variants = await this.catalog.variantsBySkus(
        input.lines.map((l) => l.sku),
        tx,
      );
      const transfer = tx.em.create(Transfer, {
        id: randomUUID(),
        number: transferNumber(),
        status: 'in_transit',
        fromLocationId: input.fromLocationId,
        toLocationId: input.toLocationId,
        createdBy: user.id,
        receivedBy: null,
        createdAt: this.clock.now(),
        receivedAt: null,
      });
      const stockLines: StockLine[] = input.lines.map((line) => ({
        variantId: variants.get(line.sku)!.id,
        sku: line.sku,
        locationId: input.fromLocationId,
        qty: line.qty,
      }));
      // A SKU listed twice ships once, summed (one location, so merging per variant is per SKU).
      const merged = mergeLines(stockLines);
      await tx.em.insert(Transfer, transfer);
      const lines = [...merged].sort(bySku).map((line) =>
        tx.em.create(TransferLine, {
          id: randomUUID(),
          transferId: transfer.id,
          variantId: line.variantId,
          sku: line.sku,
          qty: line.qty,
          receivedQty: null,
        }),
      );
      await tx.em.insert(TransferLine, lines);
      await this.inventory.shipOut(tx, merged, {
        actorId: user.id,
        transferId: transfer.id,
        note: input.note,
      });
      this.announce(tx, transfer);
      return this.named(transfer, lines, tx);
    });
  }

  async receive(user: AuthUser, id: string, receipt: Receipt): Promise<TransferView> {
    return this.uow.run(async (tx) => {
      const transfer = await this.find(tx.em, id);
      assertCanActAt(user, transfer.toLocationId);
      const lines = await tx.em.find(TransferLine, { where: { transferId: id }, order: { sku: 'ASC' } });
      const received = receivedQuantities(lines, receipt.lines ?? []);
      if ('field' in received) throw AppError.invalid(received.field, received.error);
      const now = this.clock.now();
      // The status is the guard: of two receipts racing, one flips it and the other is refused.
      const { affected } = await sql(
        tx.em,
        `UPDATE transfers SET status = 'received', received_by = :userId, received_at = :now
         WHERE id = :id AND status = 'in_transit'`,
        { id, userId: user.id, now: now.toISOString() },
      );
      if (affected !== 1) {
        throw new AppError('INVALID_TRANSITION', `Transfer ${transfer.number} has been received already`, {
          from: 'received',
          action: 'receive',
        });
      }
      for (const line of lines) {
        line.receivedQty = received.quantities.get(line.sku)!;
        await tx.em.update(TransferLine, { id: line.id }, { receivedQty: line.receivedQty });
      }
      const arriving = lines
        .filter((line) => line.receivedQty! > 0)
        .map((line) => ({
          variantId: line.variantId,
          sku: line.sku,
          locationId: transfer.toLocationId,
          qty: line.receivedQty!,
        }));
      const short = lines.filter((line) => line.receivedQty! < line.qty);
      const note = [
        receipt.note,
        short.length ? `short: ${short.map((l) => `${l.sku} ${l.receivedQty}/${l.qty}`).join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      if (arriving.length) {
        await this.inventory.receiveIn(tx, arriving, {
          actorId: user.id,
          transferId: id,
          note: note || null,
        });
      }
      Object.assign(transfer, { status: 'received', receivedBy: user.id, receivedAt: now });
      this.announce(tx, transfer);
      return this.named(transfer, lines, tx);
    });
  }

  /** A transfer, for staff of either end. */
  async get(user: AuthUser, id: string): Promise<TransferView> {
    const transfer = await this.find(this.dataSource.manager, id);
    if (!canActAt(user, transfer.fromLocationId) && !canActAt(user, transfer.toLocationId)) {
      throw AppError.forbidden('You are not staff of either end of this transfer');
    }
    const lines = await this.dataSource.manager.find(TransferLine, {
      where: { transferId: id },
      order: { sku: 'ASC' },
    });
    return this.named(transfer, lines);
  }

  /** Transfers arriving at or leaving from a location, oldest first. */
  async forLocation(
    locationId: string,
    query: PageQuery & { status?: TransferStatus; direction?: 'in' | 'out' },
  ): Promise<Page<TransferView>> {
    await this.locations.get(locationId);
    const limit = pageLimit(query);
    const after = decodeCursor(query.after, 2);
    const ends =
      query.direction === 'in'
        ? 't.to_location_id = :locationId'
        : query.direction === 'out'
          ? 't.from_location_id = :locationId'
          : '(t.from_location_id = :locationId OR t.to_location_id = :locationId)';
    const where = [ends];
    const params: Record<string, unknown> = { locationId, limit: limit + 1 };
    if (query.status) {
      where.push('t.status = :status');
      params.status = query.status;
    }
    if (after) {
      where.push('(t.created_at > :afterAt OR (t.created_at = :afterAt AND t.id > :afterId))');
      Object.assign(params, { afterAt: after[0], afterId: after[1] });
    }
    const { rows } = await sql<{ id: string; created_at: string }>(
      this.dataSource.manager,
      `SELECT t.id, t.created_at FROM transfers t WHERE ${where.join(' AND ')}
       ORDER BY t.created_at, t.id LIMIT :limit`,
      params,
    );
    const page = pageOf(rows, limit, (last) => [last.created_at, last.id]);
    const ids = page.items.map((r) => r.id);
    const transfers = ids.length ? await this.dataSource.manager.findBy(Transfer, { id: In(ids) }) : [];
    const lines = ids.length
      ? await this.dataSource.manager.find(TransferLine, {
          where: { transferId: In(ids) },
          order: { sku: 'ASC' },
        })
      : [];
    const names = await this.namesOf(transfers, lines);
    const items = ids.map((id) =>
      toTransferView(
        transfers.find((t) => t.id === id)!,
        lines.filter((l) => l.transferId === id),
        names,
      ),
    );
    return { items, next: page.next };
  }

  private async named(transfer: Transfer, lines: TransferLine[], tx?: Tx): Promise<TransferView> {
    return toTransferView(transfer, lines, await this.namesOf([transfer], lines, tx));
  }

  /** The names a clerk reads on a transfer: of the locations at both ends and of each line's item. */
  private async namesOf(transfers: Transfer[], lines: TransferLine[], tx?: Tx): Promise<TransferNames> {
    const [locations, items] = await Promise.all([
      this.locations.getMany(
        transfers.flatMap((t) => [t.fromLocationId, t.toLocationId]),
        tx,
      ),
      this.catalog.namesByVariantIds(
        lines.map((line) => line.variantId),
        tx,
      ),
    ]);
    return { locations, items };
  }

  private async find(em: EntityManager, id: string): Promise<Transfer> {
    const transfer = await em.findOneBy(Transfer, { id });
    if (!transfer) throw AppError.notFound('Transfer', { transferId: id });
    return transfer;
  }

  private announce(tx: Tx, transfer: Transfer): void {
    const data = {
      transferId: transfer.id,
      number: transfer.number,
      status: transfer.status,
      fromLocationId: transfer.fromLocationId,
      toLocationId: transfer.toLocationId,
    };
    this.events.append(tx, transfer.fromLocationId, 'transfer.updated', data);
    this.events.append(tx, transfer.toLocationId, 'transfer.updated', data);
  }
}

/** Transfer lines are listed by SKU, as they are read back. */
function bySku(a: { sku: string }, b: { sku: string }): number {
  return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;
}

/** "TR-" and 8 characters without look-alikes (0/O, 1/I): easy to read out over the phone. */
function transferNumber(): string {
  const bytes = randomBytes(8);
  return `TR-${[...bytes].map((b) => NUMBER_ALPHABET[b % NUMBER_ALPHABET.length]).join('')}`;
}

interface TransferNames {
  locations: Map<string, Location>;
  items: Map<string, string>;
}

export function toTransferView(
  transfer: Transfer,
  lines: TransferLine[],
  names: TransferNames,
): TransferView {
  return {
    id: transfer.id,
    number: transfer.number,
    status: transfer.status,
    fromLocationId: transfer.fromLocationId,
    toLocationId: transfer.toLocationId,
    fromLocationName: names.locations.get(transfer.fromLocationId)?.name ?? '',
    toLocationName: names.locations.get(transfer.toLocationId)?.name ?? '',
    lines: lines.map((line) => ({
      sku: line.sku,
      title: names.items.get(line.variantId) ?? line.sku,
      qty: line.qty,
      receivedQty: line.receivedQty,
    })),
    createdAt: new Date(transfer.createdAt).toISOString(),
    receivedAt: transfer.receivedAt ? new Date(transfer.receivedAt).toISOString() : null,
  };
}
