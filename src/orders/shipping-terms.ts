import type { DeliveryEstimate } from '@o2o/contracts';
import type { ShippingConfig } from '../config/config';
import { wallTimeOf } from '../locations/opening-hours';

/** What shipping costs for lines that come to `subtotal`: the fee, or nothing from the free threshold. */
export function shippingFeeOf(subtotal: number, terms: ShippingConfig): number {
  return terms.freeFromAmount !== null && subtotal >= terms.freeFromAmount ? 0 : terms.feeAmount;
}

/**
 * When a parcel arrives, as local dates of the shipping location: it leaves that business day when
 * ordered before the cut-off (else the next one), then travels transitDays business days. Business
 * days are Monday to Friday (public holidays are not known here).
 */
export function deliveryEstimateOf(now: Date, timezone: string, terms: ShippingConfig): DeliveryEstimate {
  const local = wallTimeOf(now, timezone);
  const today = { date: local.date, weekday: local.weekday };
  const leaves = isBusinessDay(today) && local.hhmm < terms.cutoff ? today : nextBusinessDay(today);
  return {
    from: addBusinessDays(leaves, terms.transitDays[0]).date,
    to: addBusinessDays(leaves, terms.transitDays[1]).date,
  };
}

type Day = { date: string; weekday: number };

function isBusinessDay(day: Day): boolean {
  return day.weekday !== 0 && day.weekday !== 6;
}

function nextDay(day: Day): Day {
  const next = new Date(`${day.date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { date: next.toISOString().slice(0, 10), weekday: next.getUTCDay() };
}

function nextBusinessDay(day: Day): Day {
  let next = nextDay(day);
  while (!isBusinessDay(next)) next = nextDay(next);
  return next;
}

function addBusinessDays(day: Day, count: number): Day {
  let result = day;
  for (let i = 0; i < count; i++) result = nextBusinessDay(result);
  return result;
}
