import type { OpeningHours, SupportedLocale, Weekday } from '@o2o/contracts';

/** Dates, times and money as the reader reads them: in the store's zone, 24-hour clock, their language. */
const LOCALE_TAGS: Record<SupportedLocale, string> = { nl: 'nl-NL', en: 'en-GB' };

export function formatDateTime(iso: string, locale: SupportedLocale, timezone: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
    timeZone: timezone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

export function formatMoney(amount: number, currency: string, locale: SupportedLocale): string {
  return new Intl.NumberFormat(LOCALE_TAGS[locale], { style: 'currency', currency }).format(amount / 100);
}

const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** One line per weekday: "maandag 10:00–18:00" / "Sunday closed"; none for a location without hours. */
export function formatHours(hours: OpeningHours, locale: SupportedLocale, closedWord: string): string[] {
  if (!Object.values(hours).some((windows) => windows?.length)) return [];
  const names = new Intl.DateTimeFormat(LOCALE_TAGS[locale], { weekday: 'long', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return DAYS.map((day, i) => {
    const name = names.format(new Date(Date.UTC(2024, 0, 1 + i)));
    const windows = hours[day] ?? [];
    const times = windows.length ? windows.map(([open, close]) => `${open}–${close}`).join(', ') : closedWord;
    return `${name} ${times}`;
  });
}
