import { Injectable } from '@nestjs/common';
import dayjs from 'dayjs';
import type {
  PickupsReportRow,
  PickupsReportView,
  ReportRange,
  SalesReportRow,
  SalesReportView,
  ScansReportRow,
  ScansReportView,
  StockValueReportView,
  StockValueRow,
} from '@o2o/contracts';
import { assertCanActAt } from '../auth/access';
import { CatalogService } from '../catalog/catalog.service';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import type { AuthUser } from '../common/request-context';
import { StockService } from '../inventory/stock.service';
import type { Location } from '../locations/location.entity';
import { LocationsService } from '../locations/locations.service';
import { localDay } from '../orders/day-report';
import { Interval, OrderReports, PickupFact } from '../orders/order-reports';
import { TagsService } from '../tags/tags.service';
import { localDate, minutesBetween, percentile, ratio } from './report-math';

/** The longest range one report covers (a year and a day, so that a leap year fits). */
const MAX_DAYS = 366;
const DEFAULT_DAYS = 7;

/**
 * Reports for managers and admins, built from the orders, the stock levels and the tag scans that
 * their modules answer. Days are each store's local calendar days.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly orders: OrderReports,
    private readonly stock: StockService,
    private readonly tags: TagsService,
    private readonly catalog: CatalogService,
    private readonly locations: LocationsService,
    private readonly clock: Clock,
  ) {}

  /** Orders that became sales per local day, location, channel and payment method. */
  async sales(
    user: AuthUser,
    query: { from?: string; to?: string; locationId?: string },
  ): Promise<SalesReportView> {
    const range = this.rangeOf(query);
    const rows: SalesReportRow[] = [];
    for (const location of await this.scope(user, query.locationId)) {
      const groups = new Map<string, SalesReportRow>();
      for (const sale of await this.orders.sales(location.id, intervalOf(range, location))) {
        const date = localDate(sale.createdAt, location.timezone);
        const key = [date, sale.channel, sale.paymentMethod, sale.currency].join('|');
        const row = groups.get(key) ?? {
          date,
          locationId: location.id,
          channel: sale.channel,
          paymentMethod: sale.paymentMethod,
          orders: 0,
          units: 0,
          revenue: { amount: 0, currency: sale.currency },
        };
        row.orders += 1;
        row.units += sale.units;
        row.revenue.amount += sale.totalAmount;
        groups.set(key, row);
      }
      rows.push(...groups.values());
    }
    rows.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    const sum = (pick: (row: SalesReportRow) => number) => rows.reduce((n, row) => n + pick(row), 0);
    return {
      ...range,
      rows,
      totals: {
        orders: sum((row) => row.orders),
        units: sum((row) => row.units),
        revenue: { amount: sum((row) => row.revenue.amount), currency: rows[0]?.revenue.currency ?? 'EUR' },
      },
    };
  }

  /** Per location: pickups made ready in the range, how long until collected, how many never were. */
  async pickups(
    user: AuthUser,
    query: { from?: string; to?: string; locationId?: string },
  ): Promise<PickupsReportView> {
    const range = this.rangeOf(query);
    const rows: PickupsReportRow[] = [];
    for (const location of await this.scope(user, query.locationId)) {
      rows.push(pickupsRow(location.id, await this.orders.pickups(location.id, intervalOf(range, location))));
    }
    return { ...range, rows };
  }

  /** Per location and SKU: scans of its tags and pickup reservations of it there, in the range. */
  async scans(
    user: AuthUser,
    query: { from?: string; to?: string; locationId?: string },
  ): Promise<ScansReportView> {
    const range = this.rangeOf(query);
    const counted: Array<Omit<ScansReportRow, 'sku'> & { variantId: string }> = [];
    for (const location of await this.scope(user, query.locationId)) {
      const interval = intervalOf(range, location);
      const [scans, reservations] = await Promise.all([
        this.tags.scansByVariant(location.id, interval),
        this.orders.reservationsByVariant(location.id, interval),
      ]);
      for (const [variantId, n] of scans) {
        const reserved = reservations.get(variantId) ?? 0;
        counted.push({
          locationId: location.id,
          variantId,
          scans: n,
          reservations: reserved,
          conversion: ratio(reserved, n)!,
        });
      }
    }
    const variants = await this.catalog.variantsByIds(counted.map((row) => row.variantId));
    const rows = counted
      .map(({ variantId, ...row }) => ({ ...row, sku: variants.get(variantId)?.sku ?? variantId }))
      .sort(
        (a, b) => a.locationId.localeCompare(b.locationId) || b.scans - a.scans || a.sku.localeCompare(b.sku),
      );
    const scans = rows.reduce((n, row) => n + row.scans, 0);
    const reservations = rows.reduce((n, row) => n + row.reservations, 0);
    return { ...range, rows, totals: { scans, reservations, conversion: ratio(reservations, scans) } };
  }

  /** Per location: what the units on hand are worth at today's prices (Σ on hand × price). */
  async stockValue(user: AuthUser, query: { locationId?: string }): Promise<StockValueReportView> {
    const rows: StockValueRow[] = [];
    for (const location of await this.scope(user, query.locationId)) {
      const onHand = await this.stock.onHandByVariant(location.id);
      const variants = await this.catalog.variantsByIds([...onHand.keys()]);
      const row: StockValueRow = {
        locationId: location.id,
        skus: 0,
        units: 0,
        value: { amount: 0, currency: 'EUR' },
      };
      for (const [variantId, units] of onHand) {
        const variant = variants.get(variantId);
        if (!variant) continue;
        row.skus += 1;
        row.units += units;
        row.value = { amount: row.value.amount + units * variant.priceAmount, currency: variant.currency };
      }
      rows.push(row);
    }
    return { rows };
  }

  /** The location asked for (if the caller may see it), or every location the caller may see. */
  private async scope(user: AuthUser, locationId?: string): Promise<Location[]> {
    if (locationId) {
      assertCanActAt(user, locationId);
      return [await this.locations.get(locationId)];
    }
    const all = await this.locations.list();
    return user.role === 'admin' ? all : all.filter((location) => user.locationIds.includes(location.id));
  }

  /** The asked days, defaulting to the last week up to today (UTC); refused when backwards or too long. */
  private rangeOf(query: { from?: string; to?: string }): ReportRange {
    const to = query.to ?? dayjs.utc(this.clock.now()).format('YYYY-MM-DD');
    const from =
      query.from ??
      dayjs
        .utc(to)
        .subtract(DEFAULT_DAYS - 1, 'day')
        .format('YYYY-MM-DD');
    const days = dayjs.utc(to).diff(dayjs.utc(from), 'day') + 1;
    if (days < 1) throw AppError.invalid('from', 'must be on or before to');
    if (days > MAX_DAYS) throw AppError.invalid('to', `must be at most ${MAX_DAYS} days after from`);
    return { from, to };
  }
}

/** The UTC instants between the start of `from` and the end of `to` in the location's time zone. */
function intervalOf(range: ReportRange, location: Location): Interval {
  return { from: localDay(location.timezone, range.from).from, to: localDay(location.timezone, range.to).to };
}

function sortKey(row: SalesReportRow): string {
  return [row.date, row.locationId, row.channel, row.paymentMethod].join('|');
}

function pickupsRow(locationId: string, facts: PickupFact[]): PickupsReportRow {
  const collected = facts.filter((fact) => fact.status === 'collected' && fact.collectedAt);
  const minutes = collected.map((fact) => minutesBetween(fact.readyAt, fact.collectedAt!));
  const noShows = facts.filter((fact) => fact.status === 'expired').length;
  return {
    locationId,
    ready: facts.length,
    collected: collected.length,
    noShows,
    noShowRate: ratio(noShows, facts.length),
    medianMinutes: percentile(minutes, 50),
    p90Minutes: percentile(minutes, 90),
  };
}
