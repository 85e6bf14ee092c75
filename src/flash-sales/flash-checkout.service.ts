import { Inject, Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { FlashUnitsLeft } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { sql } from '../database/sql';
import type { Tx } from '../database/unit-of-work';
import { InventoryService } from '../inventory/inventory.service';
import { admissionTicketId } from './admission';
import { normalisedEmail } from './flash-codes';
import { FlashSale, FlashSaleLine, FlashSaleOrder } from './flash-sale.entity';
import { saleEnded, saleStatus } from './flash-sales.service';

export interface FlashPurchase {
  saleId: string;
  locationId: string;
  /** Sale price per SKU (minor units). */
  prices: Map<string, number>;
  /** When the order's unpaid hold lapses. */
  holdUntil: Date;
}

/**
 * The order's side of a flash sale, run inside the order's unit of work: spends the admission, counts
 * the units against the sale and the email's limit (conditional UPDATEs), and hands the units set aside
 * over to the order's hold. A refusal rolls all of it back, the admission included.
 */
@Injectable()
export class FlashCheckout {
  readonly unitsLeft = new Subject<FlashUnitsLeft>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inventory: InventoryService,
  ) {}

  async take(
    tx: Tx,
    request: {
      admission: string;
      email: string;
      orderId: string;
      lines: Array<{ sku: string; qty: number }>;
    },
    now: Date,
  ): Promise<FlashPurchase> {
    const ticketId = admissionTicketId(this.config.jwtSecret, request.admission);
    const sale = ticketId ? await this.saleOfTicket(tx, ticketId) : null;
    if (!sale) throw admissionRequired();
    const status = saleStatus(sale, now);
    if (status === 'scheduled') throw new AppError('SALE_NOT_STARTED', 'This flash sale has not started yet');
    if (status === 'ended' || sale.returnedAt) throw saleEnded();
    const email = normalisedEmail(request.email);
    await this.spendAdmission(tx, ticketId!, email, now);
    const saleLines = await this.linesOf(tx, sale.id);
    for (const line of request.lines) {
      const saleLine = saleLines.get(line.sku);
      if (!saleLine) throw AppError.invalid('lines', `${line.sku} is not in this flash sale`);
      await this.countForCustomer(tx, saleLine, email, line.qty);
      const unitsLeft = await this.takeUnits(tx, saleLine, line.qty);
      tx.afterCommit(() => this.unitsLeft.next({ saleId: sale.id, sku: line.sku, unitsLeft }));
    }
    await this.inventory.returnFromSale(tx, this.stockLines(sale, saleLines, request.lines), {
      actorId: null,
      orderId: request.orderId,
      note: `flash sale ${sale.title}`,
    });
    await sql(
      tx.em,
      `INSERT INTO flash_sale_orders (order_id, sale_id, email, returned_at) VALUES (:orderId, :saleId, :email, NULL)`,
      { orderId: request.orderId, saleId: sale.id, email },
    );
    return {
      saleId: sale.id,
      locationId: sale.locationId,
      prices: new Map([...saleLines].map(([sku, line]) => [sku, line.price])),
      holdUntil: new Date(now.getTime() + this.config.flash.holdMinutes * 60_000),
    };
  }

  /**
   * An order's hold lapsed (its stock already released): its units go back to the sale, set aside
   * again, and count no more against the email. Once only per order; nothing for an order not from a sale
   * or a sale whose units have gone back already.
   */
  async giveBack(
    tx: Tx,
    orderId: string,
    lines: Array<{ sku: string; qty: number }>,
    now: Date,
  ): Promise<void> {
    const { affected } = await sql(
      tx.em,
      `UPDATE flash_sale_orders SET returned_at = :now WHERE order_id = :orderId AND returned_at IS NULL`,
      { orderId, now: now.toISOString() },
    );
    if (!affected) return;
    const link = (await tx.em.findOneBy(FlashSaleOrder, { orderId }))!;
    const sale = (await tx.em.findOneBy(FlashSale, { id: link.saleId }))!;
    if (sale.returnedAt) return;
    const saleLines = new Map(
      (await tx.em.findBy(FlashSaleLine, { saleId: sale.id })).map((line) => [line.sku, line]),
    );
    for (const line of lines) {
      const { rows } = await sql<{ units_left: number }>(
        tx.em,
        `UPDATE flash_sale_lines SET taken = taken - :qty WHERE sale_id = :saleId AND sku = :sku AND taken >= :qty
         RETURNING units - taken AS units_left`,
        { qty: line.qty, saleId: sale.id, sku: line.sku },
      );
      await sql(
        tx.em,
        `UPDATE flash_purchases SET bought = bought - :qty WHERE sale_id = :saleId AND sku = :sku AND email = :email AND bought >= :qty`,
        { qty: line.qty, saleId: sale.id, sku: line.sku, email: link.email },
      );
      const unitsLeft = Number(rows[0]?.units_left ?? 0);
      tx.afterCommit(() => this.unitsLeft.next({ saleId: sale.id, sku: line.sku, unitsLeft }));
    }
    await this.inventory.setAsideForSale(tx, this.stockLines(sale, saleLines, lines), {
      actorId: null,
      orderId,
      note: `flash sale ${sale.title}: unpaid hold lapsed`,
    });
  }

  /** The sale an admission's ticket is for, read with the ticket in one plain statement (the order's hot path). */
  private async saleOfTicket(tx: Tx, ticketId: string): Promise<SaleOfTicket | null> {
    const { rows } = await sql<SaleRow>(
      tx.em,
      `SELECT s.id, s.title, s.location_id, s.starts_at, s.ends_at, s.returned_at
         FROM flash_tickets t JOIN flash_sales s ON s.id = t.sale_id WHERE t.id = :ticketId`,
      { ticketId },
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      title: row.title,
      locationId: row.location_id,
      startsAt: new Date(row.starts_at),
      endsAt: new Date(row.ends_at),
      returnedAt: row.returned_at === null ? null : new Date(row.returned_at),
    };
  }

  /** The sale's lines by SKU, in one plain statement. */
  private async linesOf(tx: Tx, saleId: string): Promise<Map<string, SaleLineTerms>> {
    const { rows } = await sql<SaleLineRow>(
      tx.em,
      `SELECT sku, variant_id, price, per_customer_limit FROM flash_sale_lines WHERE sale_id = :saleId`,
      { saleId },
    );
    return new Map(
      rows.map((row) => [
        row.sku,
        {
          saleId,
          sku: row.sku,
          variantId: row.variant_id,
          price: Number(row.price),
          perCustomerLimit: Number(row.per_customer_limit),
        },
      ]),
    );
  }

  private async spendAdmission(tx: Tx, ticketId: string, email: string, now: Date): Promise<void> {
    const { affected } = await sql(
      tx.em,
      `UPDATE flash_tickets SET admission_used_at = :now
        WHERE id = :ticketId AND email = :email AND admission_used_at IS NULL AND admission_expires_at > :now`,
      { ticketId, email, now: now.toISOString() },
    );
    if (!affected) throw admissionRequired();
  }

  private async countForCustomer(tx: Tx, line: SaleLineTerms, email: string, qty: number): Promise<void> {
    const limit = line.perCustomerLimit;
    if (qty > limit || !(await this.addToBought(tx, line, email, qty))) {
      throw new AppError('LIMIT_PER_CUSTOMER', `At most ${limit} of ${line.sku} per customer`, {
        sku: line.sku,
        limit,
      });
    }
  }

  /**
   * One upsert: a first purchase inserts its quantity (within the limit, checked by the caller), a later
   * one adds to it only while the sum stays within the limit (the database decides). False when over.
   */
  private async addToBought(tx: Tx, line: SaleLineTerms, email: string, qty: number): Promise<boolean> {
    const { affected } = await sql(
      tx.em,
      `INSERT INTO flash_purchases (sale_id, sku, email, bought) VALUES (:saleId, :sku, :email, :qty)
       ON CONFLICT (sale_id, sku, email) DO UPDATE SET bought = flash_purchases.bought + :qty
        WHERE flash_purchases.bought + :qty <= :limit`,
      { saleId: line.saleId, sku: line.sku, email, qty, limit: line.perCustomerLimit },
    );
    return affected > 0;
  }

  private async takeUnits(tx: Tx, line: SaleLineTerms, qty: number): Promise<number> {
    const { rows } = await sql<{ units_left: number }>(
      tx.em,
      `UPDATE flash_sale_lines SET taken = taken + :qty
        WHERE sale_id = :saleId AND sku = :sku AND taken + :qty <= units RETURNING units - taken AS units_left`,
      { qty, saleId: line.saleId, sku: line.sku },
    );
    if (!rows.length)
      throw new AppError('SOLD_OUT', `${line.sku} is sold out in this flash sale`, { sku: line.sku });
    return Number(rows[0].units_left);
  }

  private stockLines(
    sale: Pick<FlashSale, 'locationId'>,
    saleLines: Map<string, Pick<FlashSaleLine, 'variantId'>>,
    lines: Array<{ sku: string; qty: number }>,
  ) {
    return lines.map((line) => ({
      variantId: saleLines.get(line.sku)!.variantId,
      sku: line.sku,
      locationId: sale.locationId,
      qty: line.qty,
    }));
  }
}

/** What an order needs of its sale. */
type SaleOfTicket = Pick<FlashSale, 'id' | 'title' | 'locationId' | 'startsAt' | 'endsAt' | 'returnedAt'>;
type SaleLineTerms = Pick<FlashSaleLine, 'saleId' | 'sku' | 'variantId' | 'price' | 'perCustomerLimit'>;

interface SaleRow {
  id: string;
  title: string;
  location_id: string;
  starts_at: string;
  ends_at: string;
  returned_at: string | null;
}

interface SaleLineRow {
  sku: string;
  variant_id: string;
  price: number;
  per_customer_limit: number;
}

function admissionRequired(): AppError {
  return new AppError(
    'ADMISSION_REQUIRED',
    'Buying at the sale price needs a valid admission from the waiting room (each is used once)',
  );
}
