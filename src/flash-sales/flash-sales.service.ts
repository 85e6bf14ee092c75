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
import { UnitOfWork } from '../database/unit-of-work';
import { InventoryService } from '../inventory/inventory.service';
import { LocationsService } from '../locations/locations.service';
import { signAdmission } from './admission';
import { normalisedEmail } from './flash-codes';
import { FlashSale, FlashSaleLine } from './flash-sale.entity';
import type { CreateFlashSaleDto } from './flash-sales.dto';
import { type QueuePlace, WaitingRoom } from './waiting-room';

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
    private readonly room: WaitingRoom,
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

  /**
   * A place in the queue: the same ticket for the same email, in the order they were first asked for.
   * Once its turn has passed unused, joining again puts it at the back: behind everyone who waited.
   */
  async join(saleId: string, email: string): Promise<QueueTicketView> {
    const address = normalisedEmail(email);
    const sale = await this.sale(saleId);
    const now = this.clock.now();
    if (saleStatus(sale, now) === 'ended') throw saleEnded();
    let place = await this.room.join(sale, address);
    if (place.seq <= sale.serving && (await this.standingsOf([place]))[0].state === 'expired') {
      place = await this.room.requeue(sale, place, now);
    }
    return { ticket: place.token, position: position(place.seq, sale.serving) };
  }

  /** Where each of these tickets stands now (unknown tickets are left out). */
  async standings(tokens: string[]): Promise<Map<string, QueueStanding>> {
    const places = [...(await this.room.places(tokens)).values()];
    const standings = await this.standingsOf(places);
    return new Map(places.map((place, i) => [place.token, standings[i]]));
  }

  async standing(token: string): Promise<QueueStanding> {
    return (await this.follow(token)).standing;
  }

  /** A ticket to follow: where it stands now, and its sale and number. */
  async follow(token: string): Promise<{ saleId: string; seq: number; standing: QueueStanding }> {
    const place = (await this.room.places([token])).get(token);
    if (!place) throw AppError.notFound('ticket');
    const [standing] = await this.standingsOf([place]);
    return { saleId: place.saleId, seq: place.seq, standing };
  }

  /** The serving counter of each sale: tickets up to it have had their turn. */
  servingOf(saleIds: string[]): Promise<Map<string, number>> {
    return this.room.serving(saleIds);
  }

  /** A ticket not yet admitted: its place behind the serving counter and the wait at the admission rate. */
  waitingStanding(seq: number, serving: number): QueueStanding {
    const ahead = Math.max(0, seq - serving - 1);
    return {
      state: 'waiting',
      admitted: false,
      position: ahead + 1,
      aheadOfYou: ahead,
      estimatedWaitS: Math.ceil(ahead / this.config.flash.admitPerSecond),
    };
  }

  /** Behind the serving counter: waiting. Past it: as its admission row says (usable, used or expired). */
  private async standingsOf(places: QueuePlace[]): Promise<QueueStanding[]> {
    const serving = await this.room.serving([...new Set(places.map((place) => place.saleId))]);
    const servingOf = (place: QueuePlace) => serving.get(place.saleId) ?? 0;
    const called = places.filter((place) => place.seq <= servingOf(place));
    const admissions = await this.admissionsOf(called);
    const now = this.clock.now();
    return places.map((place) => {
      const admission = admissions.get(admissionKey(place.saleId, place.email));
      if (place.seq > servingOf(place) || !admission?.admission_expires_at) {
        return this.waitingStanding(place.seq, servingOf(place));
      }
      return this.admissionStanding(admission, now);
    });
  }

  private admissionStanding(row: AdmissionRow, now: Date): QueueStanding {
    if (row.admission_used_at) return { state: 'used', admitted: false };
    const until = new Date(row.admission_expires_at!);
    if (until <= now) return { state: 'expired', admitted: false };
    return {
      state: 'admitted',
      admitted: true,
      admission: signAdmission(this.config.jwtSecret, row.id, until),
      until: until.toISOString(),
    };
  }

  /** The admission rows of these emails in their sales (one row per email and sale). */
  private async admissionsOf(places: QueuePlace[]): Promise<Map<string, AdmissionRow>> {
    if (!places.length) return new Map();
    const { rows } = await sql<AdmissionRow>(
      this.dataSource.manager,
      `SELECT id, sale_id, email, admission_expires_at, admission_used_at FROM flash_tickets
        WHERE sale_id IN (:...saleIds) AND email IN (:...emails)`,
      {
        saleIds: [...new Set(places.map((place) => place.saleId))],
        emails: [...new Set(places.map((place) => place.email))],
      },
    );
    return new Map(rows.map((row) => [admissionKey(row.sale_id, row.email), row]));
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

  /** An online drop: the first location that ships. */
  private async onlineLocationId(): Promise<string> {
    const shipping = (await this.locations.list()).find((location) => location.shipEnabled);
    if (!shipping) throw AppError.invalid('locationId', 'is required: no location ships online orders');
    return shipping.id;
  }
}

interface AdmissionRow {
  id: string;
  sale_id: string;
  email: string;
  admission_expires_at: string | null;
  admission_used_at: string | null;
}

function admissionKey(saleId: string, email: string): string {
  return `${saleId} ${email}`;
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
