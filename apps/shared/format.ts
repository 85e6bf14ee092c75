import type { Money } from '@o2o/contracts';

const formatters = new Map<string, Intl.NumberFormat>();

/** Money in minor units, shown in the currency's own way ("€19.99"), in the given locale or the browser's. */
export function formatMoney(money: Money, locale?: string): string {
  const key = `${locale ?? ''}|${money.currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
    formatters.set(key, formatter);
  }
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(money.amount / 10 ** digits);
}

/** What a person typed as an amount ("50", "12.5", "12,50") in minor units of the currency; null if not one. */
export function parseMoney(text: string, currency: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  if (!text.trim() || !Number.isFinite(value) || value < 0) return null;
  const digits =
    new Intl.NumberFormat(undefined, { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  return Math.round(value * 10 ** digits);
}

/** "Wed 10:00": in the store's time zone when given (a promise is about the store's clock), 24-hour. */
export function formatTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(undefined, {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
}

export function formatDistance(km: number | null | undefined): string {
  if (km === null || km === undefined) return '';
  return km < 1 ? `${Math.round(km * 1000)} m` : `${km.toFixed(km < 10 ? 1 : 0)} km`;
}

/** "1 item", "3 items". */
export function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Status words as a person reads them; the raw word stays in data attributes for machines. */
export const STATUS_LABELS: Record<string, string> = {
  placed: 'To pick',
  ready: 'Ready for pickup',
  collected: 'Collected',
  shipped: 'Shipped',
  completed: 'Completed',
  cancelled: 'Cancelled',
  expired: 'Expired',
  in_transit: 'In transit',
  received: 'Received',
};
