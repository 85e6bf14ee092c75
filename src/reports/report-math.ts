import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The local calendar day (YYYY-MM-DD) an instant falls on in a time zone. */
export function localDate(instant: string | Date, timeZone: string): string {
  return dayjs(instant).tz(timeZone).format('YYYY-MM-DD');
}

/**
 * The nearest-rank percentile (0 < p ≤ 100) of some numbers: a value that actually occurred, the
 * smallest one with at least p% of the values at or below it. null for no values.
 */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

/** A share rounded to four decimals (0.1234 = 12.34 %); null when there is nothing to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** Minutes between two instants, to one decimal. */
export function minutesBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 6_000) / 10;
}
