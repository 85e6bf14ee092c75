import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FlashSaleStatus, FlashSaleView, QueueStanding, QueueTicketView } from '@o2o/contracts';
import { CatalogService } from '../catalog/catalog.service';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import type { AuthUser } from '../common/request-context';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { sql } from '../database/sql';
import { readerOf, type Tx, UnitOfWork } from '../database/unit-of-work';
import { InventoryService } from '../inventory/inventory.service';
import { LocationsService } from '../locations/locations.service';
import { signAdmission } from './admission';
import { newSecret, normalisedEmail } from './flash-codes';
import { FlashSale, FlashSaleLine, FlashTicket } from './flash-sale.entity';
import type { CreateFlashSaleDto } from './flash-sales.dto';

export function saleStatus(sale: Pick<FlashSale, 'startsAt' | 'endsAt'>, now: Date): FlashSaleStatus {
  if (now < sale.startsAt) return 'scheduled';
  return now < sale.endsAt ? 'live' : 'ended';
}

/** Flash sales: creating one (its units set aside), reading them, and the waiting room's tickets. */
@Injectable()
export class FlashSalesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly catalog: CatalogService,
    private readonly locations: LocationsService,
    private readonly inventory: InventoryService,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, input: CreateFlashSaleDto): Promise<FlashSaleView> {
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    if (!(endsAt > startsAt)) throw AppError.invalid('endsAt', 'must be after startsAt');
    if (endsAt <= this.clock.now()) throw AppError.invalid('endsAt', 'must be in the future');
    const skus = input.lines.map((line) => line.sku);
    if (new Set(skus).size !== skus.length) throw AppError.invalid('lines', 'must name each SKU once');
    const variants = await this.catalog.variantsBySkus(skus);
    const locationId = input.locationId ?? (await this.onlineLocationId());
    return this.uow.run(async (tx) => {
      await this.locations.get(locationId, tx);
      const sale = Object.assign(new FlashSale(), {
        id: randomUUID(),
        title: input.title.trim(),
        locationId,
        startsAt,
        endsAt,
        ticketsIssued: 0,
        serving: 0,
        returnedAt: null,
        createdBy: user.id,
        createdAt: this.clock.now(),
      } satisfies FlashSale);
      const lines = input.lines.map((line) =>
        Object.assign(new FlashSaleLine(), {
          saleId: sale.id,
          sku: line.sku,
          variantId: variants.get(line.sku)!.id,
          units: line.units,
          taken: 0,
          price: line.price,
          perCustomerLimit: line.perCustomerLimit,
        } satisfies FlashSaleLine),
      );
      await tx.em.insert(FlashSale, sale);
      await tx.em.insert(FlashSaleLine, lines);
      const stockLines = lines.map((line) => ({
        variantId: line.variantId,
        sku: line.sku,
        locationId,
        qty: line.units,
      }));
      await this.inventory.setAsideForSale(tx, stockLines, {
        actorId: user.id,
        note: `flash sale ${sale.title}`,
      });
      return toView(sale, lines, this.clock.now());
    });
  }

  /** Newest first; ended sales stay listed (their units left tell how they went). */
  async list(): Promise<FlashSaleView[]> {
    const sales = await this.dataSource.manager.find(FlashSale, { order: { startsAt: 'DESC' }, take: 100 });
    if (!sales.length) return [];
    const lines = await this.linesOf(sales.map((sale) => sale.id));
    const now = this.clock.now();
    return sales.map((sale) =>
      toView(
        sale,
        lines.filter((line) => line.saleId === sale.id),
        now,
      ),
    );
  }

  async get(id: string): Promise<FlashSaleView> {
    const sale = await this.sale(id);
    return toView(sale, await this.linesOf([id]), this.clock.now());
  }

  /** A place in the queue: the same ticket for the same email, in the order they were first asked for. */
  async join(saleId: string, email: string): Promise<QueueTicketView> {
    const address = normalisedEmail(email);
    const sale = await this.sale(saleId);
    if (saleStatus(sale, this.clock.now()) === 'ended') throw saleEnded();
    const existing = await this.ticketOf(saleId, address);
    if (existing) return { ticket: existing.token, position: position(existing.seq, sale.serving) };
    try {
      const ticket = await this.uow.run(async (tx) => {
        const again = await this.ticketOf(saleId, address, tx);
        if (again) return again;
        const { rows } = await sql<{ tickets_issued: number }>(
          tx.em,
          `UPDATE flash_sales SET tickets_issued = tickets_issued + 1 WHERE id = :saleId RETURNING tickets_issued`,
          { saleId },
        );
        const created = Object.assign(new FlashTicket(), {
          id: randomUUID(),
          token: newSecret(),
          saleId,
          seq: Number(rows[0].tickets_issued),
          email: address,
          admittedAt: null,
          admissionExpiresAt: null,
          admissionUsedAt: null,
          createdAt: this.clock.now(),
        } satisfies FlashTicket);
        await tx.em.insert(FlashTicket, created);
        return created;
      });
      return { ticket: ticket.token, position: position(ticket.seq, sale.serving) };
    } catch (error) {
      // Two first requests for one email on PostgreSQL: the unique key lets one in; the other reads it.
      const winner = await this.ticketOf(saleId, address);
      if (!winner) throw error;
      return { ticket: winner.token, position: position(winner.seq, sale.serving) };
    }
  }

  /** Where each of these tickets stands now (unknown tickets are left out). */
  async standings(tokens: string[]): Promise<Map<string, QueueStanding>> {
    const answer = new Map<string, QueueStanding>();
    if (!tokens.length) return answer;
    const { rows } = await sql<StandingRow>(
      this.dataSource.manager,
      `SELECT t.id, t.token, t.seq, t.admission_expires_at, s.serving
         FROM flash_tickets t JOIN flash_sales s ON s.id = t.sale_id WHERE t.token IN (:...tokens)`,
      { tokens },
    );
    for (const row of rows) answer.set(row.token, this.standingOf(row));
    return answer;
  }

  async standing(token: string): Promise<QueueStanding> {
    return (await this.follow(token)).standing;
  }

  /** A ticket to follow: where it stands now, and its sale and number (which never change). */
  async follow(token: string): Promise<{ saleId: string; seq: number; standing: QueueStanding }> {
    const { rows } = await sql<StandingRow & { sale_id: string }>(
      this.dataSource.manager,
      `SELECT t.id, t.token, t.seq, t.sale_id, t.admission_expires_at, s.serving
         FROM flash_tickets t JOIN flash_sales s ON s.id = t.sale_id WHERE t.token = :token`,
      { token },
    );
    if (!rows.length) throw AppError.notFound('ticket');
    return { saleId: rows[0].sale_id, seq: Number(rows[0].seq), standing: this.standingOf(rows[0]) };
  }

  /** The serving counter of each sale: tickets up to it are admitted. */
  async servingOf(saleIds: string[]): Promise<Map<string, number>> {
    if (!saleIds.length) return new Map();
    const { rows } = await sql<{ id: string; serving: number }>(
      this.dataSource.manager,
      `SELECT id, serving FROM flash_sales WHERE id IN (:...saleIds)`,
      { saleIds },
    );
    return new Map(rows.map((row) => [row.id, Number(row.serving)]));
  }

  private standingOf(row: StandingRow): QueueStanding {
    if (row.admission_expires_at) {
      const until = new Date(row.admission_expires_at);
      return {
        admitted: true,
        admission: signAdmission(this.config.jwtSecret, row.id, until),
        until: until.toISOString(),
      };
    }
    return this.waitingStanding(Number(row.seq), Number(row.serving));
  }

  /** A ticket not yet admitted: its place behind the serving counter and the wait at the admission rate. */
  waitingStanding(seq: number, serving: number): QueueStanding {
    const ahead = Math.max(0, seq - serving - 1);
    return {
      admitted: false,
      position: ahead + 1,
      aheadOfYou: ahead,
      estimatedWaitS: Math.ceil(ahead / this.config.flash.admitPerSecond),
    };
  }

  private async sale(id: string): Promise<FlashSale> {
    const sale = await this.dataSource.manager.findOneBy(FlashSale, { id });
    if (!sale) throw AppError.notFound('flash sale');
    return sale;
  }

  private linesOf(saleIds: string[]): Promise<FlashSaleLine[]> {
    return this.dataSource.manager
      .createQueryBuilder(FlashSaleLine, 'l')
      .where('l.sale_id IN (:...saleIds)', { saleIds })
      .orderBy('l.sku')
      .getMany();
  }

  private ticketOf(saleId: string, email: string, tx?: Tx) {
    return readerOf(tx, this.dataSource).findOneBy(FlashTicket, { saleId, email });
  }

  /** An online drop: the first location that ships. */
  private async onlineLocationId(): Promise<string> {
    const shipping = (await this.locations.list()).find((location) => location.shipEnabled);
    if (!shipping) throw AppError.invalid('locationId', 'is required: no location ships online orders');
    return shipping.id;
  }
}

interface StandingRow {
  id: string;
  token: string;
  seq: number;
  admission_expires_at: string | null;
  serving: number;
}

function position(seq: number, serving: number): number {
  return Math.max(1, seq - serving);
}

export function saleEnded(): AppError {
  return new AppError('SALE_ENDED', 'This flash sale has ended');
}

function toView(sale: FlashSale, lines: FlashSaleLine[], now: Date): FlashSaleView {
  return {
    id: sale.id,
    title: sale.title,
    status: saleStatus(sale, now),
    startsAt: sale.startsAt.toISOString(),
    endsAt: sale.endsAt.toISOString(),
    locationId: sale.locationId,
    lines: lines.map((line) => ({
      sku: line.sku,
      price: line.price,
      units: line.units,
      unitsLeft: sale.returnedAt ? 0 : line.units - line.taken,
      perCustomerLimit: line.perCustomerLimit,
    })),
  };
}
