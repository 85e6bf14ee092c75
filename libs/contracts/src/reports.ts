import type { Money } from './common';
import type { FulfillmentType, PaymentMethod } from './orders';

/** A report's date range: local calendar days (YYYY-MM-DD, both included) in each store's time zone. */
export interface ReportRange {
  from: string;
  to: string;
}

/** Sales of one local day at one location through one channel, paid one way. */
export interface SalesReportRow {
  date: string;
  locationId: string;
  channel: FulfillmentType;
  paymentMethod: PaymentMethod;
  orders: number;
  units: number;
  revenue: Money;
}

export interface SalesReportView extends ReportRange {
  rows: SalesReportRow[];
  totals: { orders: number; units: number; revenue: Money };
}

/** Pickup orders made ready in the range at one location, and what became of them. */
export interface PickupsReportRow {
  locationId: string;
  ready: number;
  collected: number;
  /** Expired while ready: the customer never came. */
  noShows: number;
  /** noShows / ready; null when nothing was ready. */
  noShowRate: number | null;
  /** Minutes from ready to collected (nearest-rank percentiles); null when nothing was collected. */
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface PickupsReportView extends ReportRange {
  rows: PickupsReportRow[];
}

/** Scans of a SKU's tags at a location, and the pickup reservations of that SKU there in the range. */
export interface ScansReportRow {
  locationId: string;
  sku: string;
  scans: number;
  reservations: number;
  /** reservations / scans. */
  conversion: number;
}

export interface ScansReportView extends ReportRange {
  rows: ScansReportRow[];
  totals: { scans: number; reservations: number; conversion: number | null };
}

/** What the stock on hand at a location is worth at today's prices. */
export interface StockValueRow {
  locationId: string;
  skus: number;
  units: number;
  value: Money;
}

export interface StockValueReportView {
  rows: StockValueRow[];
}

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
