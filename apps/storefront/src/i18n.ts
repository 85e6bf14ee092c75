import { useEffect, useState } from 'preact/hooks';
import type { Money } from '@o2o/contracts';
import { ApiError } from '../../shared/api';
import { formatMoney } from '../../shared/format';
import { en, nl, type Messages } from './messages';

/**
 * The shop's language: what the shopper chose with the switch (remembered on this device), else what
 * the browser asked the server for (Accept-Language, handed over in a <meta>), else navigator.language.
 */
export type Language = 'en' | 'nl';
const CATALOGS: Record<Language, Messages> = { en, nl };
const LANGUAGE_KEY = 'o2o.shop.language';

const isLanguage = (value: string | null | undefined): value is Language => value === 'en' || value === 'nl';
const metaContent = (name: string) =>
  document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? null;

function initialLanguage(): Language {
  const chosen = localStorage.getItem(LANGUAGE_KEY);
  if (isLanguage(chosen)) return chosen;
  const asked = metaContent('shop-language');
  if (isLanguage(asked)) return asked;
  return navigator.language.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

let language: Language = initialLanguage();
const listeners = new Set<() => void>();

/** The retailer's name from the server (RETAILER_NAME), the shop's brand. */
export const retailerName = (): string => metaContent('retailer-name') ?? 'Shop';

export const currentLanguage = (): Language => language;

/** The messages of the current language. */
export const t = (): Messages => CATALOGS[language];

export function setLanguage(next: Language): void {
  language = next;
  localStorage.setItem(LANGUAGE_KEY, next);
  document.documentElement.lang = next;
  listeners.forEach((listener) => listener());
}

/** Re-renders the caller when the shopper switches language. */
export function useLanguage(): Language {
  const [current, setCurrent] = useState(language);
  useEffect(() => {
    const update = () => setCurrent(language);
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return current;
}

/** The browser's own locale when it speaks the shop's language (en-US keeps its clock), else the usual one. */
function locale(): string {
  const browser = navigator.language;
  if (browser.toLowerCase().startsWith(language)) return browser;
  return language === 'nl' ? 'nl-NL' : 'en-GB';
}

/** "€ 89,95" in Dutch (Intl's non-breaking space kept: the amount never wraps away from its sign), "€89.95" in English. */
export const money = (amount: Money): string => formatMoney(amount, locale());

/** Dutch reads a 24-hour clock ("09:30", "14:00"); English follows the browser's locale ("2:00 PM"). */
const clock = (timeZone?: string): Intl.DateTimeFormatOptions =>
  language === 'nl'
    ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }
    : { hour: 'numeric', minute: '2-digit', timeZone };

/** "14:00" (nl), "2:00 PM" (en-US): a time in the store's time zone when given. */
export function timeOf(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleTimeString(locale(), clock(timeZone));
}

/** The calendar day of an instant in a time zone, as YYYY-MM-DD (for today/tomorrow). */
const dayIn = (date: Date, timeZone?: string) => date.toLocaleDateString('en-CA', { timeZone });

/** "today 14:00", "tomorrow 09:30", "Wed 5 Dec 10:00": when something happens, in the store's clock. */
export function whenInWords(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  const day = dayIn(date, timeZone);
  const now = new Date();
  const tomorrow = new Date(now.getTime() + 24 * 3600 * 1000);
  const time = timeOf(iso, timeZone);
  if (day === dayIn(now, timeZone)) return t().todayAt(time);
  if (day === dayIn(tomorrow, timeZone)) return t().tomorrowAt(time);
  const dayName = date.toLocaleDateString(locale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone,
  });
  return `${dayName} ${time}`;
}

/**
 * A range of calendar days (YYYY-MM-DD, both included), e.g. a delivery estimate: "Wed 2 – Thu 3 Dec"
 * (en-GB), "wo 2 – do 3 dec" (nl); one day when both are the same.
 */
export function dayRange(from: string, to: string): string {
  const format = new Intl.DateTimeFormat(locale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
  return from === to ? format.format(day(from)) : format.formatRange(day(from), day(to));
}

/** A date and time, e.g. for messages sent: "5 Dec, 14:02". */
export function dateTime(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleString(locale(), { day: 'numeric', month: 'short', ...clock(timeZone) });
}

/** A country's name in the shop's language ("Netherlands", "Nederland"). */
export function countryName(code: string): string {
  return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
}

/** The tab's title for a page: "Rain jacket · Grachten Goods". */
export function useTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${retailerName()}` : retailerName();
  }, [title]);
}

/**
 * What to tell the shopper about a failed call, in plain words of their language: never a code, a
 * validator's sentence or a SKU. `names` turns the SKUs of a stock refusal into what the shopper saw.
 */
export function problemText(failure: unknown, names: (sku: string) => string | undefined = () => undefined) {
  const m = t();
  if (!(failure instanceof ApiError)) return m.somethingWentWrong;
  switch (failure.code) {
    case 'NETWORK':
      return m.offline;
    case 'NOT_FOUND':
      return m.notFound;
    case 'INSUFFICIENT_STOCK': {
      const lines = failure.detailsOf('INSUFFICIENT_STOCK')?.lines ?? [];
      const known = lines.map((line) => names(line.sku)).filter((name): name is string => !!name);
      return m.notEnoughStock(known);
    }
    case 'VALIDATION_FAILED':
      return m.checkTheFields;
    case 'RATE_LIMITED':
    case 'TOO_MANY_ATTEMPTS':
      return m.tooMany;
    case 'INVALID_TRANSITION':
      return m.orderChanged;
    default:
      return m.somethingWentWrong;
  }
}
