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
import { FlashSale, FlashSaleLine, FlashSaleOrder, FlashTicket } from './flash-sale.entity';
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
    const ticket = ticketId ? await tx.em.findOneBy(FlashTicket, { id: ticketId }) : null;
    if (!ticket) throw admissionRequired();
    const sale = (await tx.em.findOneBy(FlashSale, { id: ticket.saleId }))!;
    const status = saleStatus(sale, now);
    if (status === 'scheduled') throw new AppError('SALE_NOT_STARTED', 'This flash sale has not started yet');
    if (status === 'ended' || sale.returnedAt) throw saleEnded();
    const email = normalisedEmail(request.email);
    await this.spendAdmission(tx, ticket.id, email, now);
    const saleLines = new Map(
      (await tx.em.findBy(FlashSaleLine, { saleId: sale.id })).map((line) => [line.sku, line]),
    );
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
    await tx.em.insert(FlashSaleOrder, {
      orderId: request.orderId,
      saleId: sale.id,
      email,
      returnedAt: null,
    });
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

  private async spendAdmission(tx: Tx, ticketId: string, email: string, now: Date): Promise<void> {
    const { affected } = await sql(
      tx.em,
      `UPDATE flash_tickets SET admission_used_at = :now
        WHERE id = :ticketId AND email = :email AND admission_used_at IS NULL AND admission_expires_at > :now`,
      { ticketId, email, now: now.toISOString() },
    );
    if (!affected) throw admissionRequired();
  }

  private async countForCustomer(tx: Tx, line: FlashSaleLine, email: string, qty: number): Promise<void> {
    const key = { saleId: line.saleId, sku: line.sku, email };
    await sql(
      tx.em,
      `INSERT INTO flash_purchases (sale_id, sku, email, bought) VALUES (:saleId, :sku, :email, 0)
       ON CONFLICT (sale_id, sku, email) DO NOTHING`,
      key,
    );
    const { affected } = await sql(
      tx.em,
      `UPDATE flash_purchases SET bought = bought + :qty
        WHERE sale_id = :saleId AND sku = :sku AND email = :email AND bought + :qty <= :limit`,
      { ...key, qty, limit: line.perCustomerLimit },
    );
    if (!affected) {
      throw new AppError(
        'LIMIT_PER_CUSTOMER',
        `At most ${line.perCustomerLimit} of ${line.sku} per customer`,
        {
          sku: line.sku,
          limit: line.perCustomerLimit,
        },
      );
    }
  }

  private async takeUnits(tx: Tx, line: FlashSaleLine, qty: number): Promise<number> {
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
    sale: FlashSale,
    saleLines: Map<string, FlashSaleLine>,
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

function admissionRequired(): AppError {
  return new AppError(
    'ADMISSION_REQUIRED',
    'Buying at the sale price needs a valid admission from the waiting room (each is used once)',
  );
}
