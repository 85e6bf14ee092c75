import { stringify } from 'csv-stringify/sync';
import type {
  PickupsReportView,
  SalesReportView,
  ScansReportView,
  StockValueReportView,
} from '@o2o/contracts';

/** Location names beside their ids, so that a spreadsheet reads without a lookup. */
export type LocationNames = Map<string, string>;

function csv(header: string[], rows: Array<Array<string | number | null>>): string {
  return stringify([header, ...rows.map((row) => row.map((cell) => cell ?? ''))]);
}

/** The same rows as the JSON answer; money in minor units with its currency, like the API. */
export function salesCsv(report: SalesReportView, names: LocationNames): string {
  return csv(
    [
      'date',
      'location',
      'location_id',
      'channel',
      'payment_method',
      'orders',
      'units',
      'revenue_amount',
      'currency',
    ],
    report.rows.map((r) => [
      r.date,
      names.get(r.locationId) ?? '',
      r.locationId,
      r.channel,
      r.paymentMethod,
      r.orders,
      r.units,
      r.revenue.amount,
      r.revenue.currency,
    ]),
  );
}

export function pickupsCsv(report: PickupsReportView, names: LocationNames): string {
  return csv(
    [
      'location',
      'location_id',
      'ready',
      'collected',
      'no_shows',
      'no_show_rate',
      'median_minutes',
      'p90_minutes',
    ],
    report.rows.map((r) => [
      names.get(r.locationId) ?? '',
      r.locationId,
      r.ready,
      r.collected,
      r.noShows,
      r.noShowRate,
      r.medianMinutes,
      r.p90Minutes,
    ]),
  );
}

export function scansCsv(report: ScansReportView, names: LocationNames): string {
  return csv(
    ['location', 'location_id', 'sku', 'scans', 'reservations', 'conversion'],
    report.rows.map((r) => [
      names.get(r.locationId) ?? '',
      r.locationId,
      r.sku,
      r.scans,
      r.reservations,
      r.conversion,
    ]),
  );
}

export function stockValueCsv(report: StockValueReportView, names: LocationNames): string {
  return csv(
    ['location', 'location_id', 'skus', 'units', 'value_amount', 'currency'],
    report.rows.map((r) => [
      names.get(r.locationId) ?? '',
      r.locationId,
      r.skus,
      r.units,
      r.value.amount,
      r.value.currency,
    ]),
  );
}
