import type { OpeningHours, Weekday } from '@o2o/contracts';

/** What decides when a location is open: its weekly hours and closed dates, in its own time zone. */
export interface OpenTimes {
  timezone: string;
  openingHours: OpeningHours;
  closures: Array<{ date: string }>;
}

const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTE_MS = 60_000;
/** How far ahead an opening is looked for; a location closed for longer is treated as never opening. */
const MAX_DAYS_AHEAD = 400;

/**
 * The instant `minutes` of opening time after `start` (a UTC instant): time while the location is
 * closed (nights, closed weekdays, closures) does not count. The one rule behind every promise made
 * from opening hours: a pickup's readyBy, a hold's deadline, a reminder's due time. Windows are
 * local wall-clock times in the location's IANA zone, so DST switches move them as the clock on the
 * shop's wall moves. A location without any hours is open around the clock. Answers null when no
 * opening is found within MAX_DAYS_AHEAD (closures for over a year): no promise can be made.
 */
export function addOpenMinutes(start: Date, minutes: number, times: OpenTimes): Date | null {
  if (!hasHours(times.openingHours)) return new Date(start.getTime() + minutes * MINUTE_MS);
  const closed = new Set(times.closures.map((closure) => closure.date));
  let remainingMs = minutes * MINUTE_MS;
  let day = localDate(start, times.timezone);
  for (let i = 0; i < MAX_DAYS_AHEAD; i++, day = nextDay(day)) {
    if (closed.has(day.iso)) continue;
    for (const [open, close] of times.openingHours[WEEKDAYS[day.weekday]] ?? []) {
      const from = Math.max(wallTimeToUtc(day, open, times.timezone), start.getTime());
      const until = wallTimeToUtc(day, close, times.timezone);
      if (until <= from) continue;
      if (remainingMs <= until - from) return new Date(from + remainingMs);
      remainingMs -= until - from;
    }
  }
  return null;
}

/** Promised times are given in steps of this many minutes. */
const PROMISE_STEP_MINUTES = 5;

/**
 * When a pickup order placed at `now` will be ready: the location's prep time in open minutes, rounded
 * up to 5 minutes. Null when the location will not open again (no promise can be made).
 */
export function promisedReadyBy(now: Date, location: OpenTimes & { pickupPrepMinutes: number }): Date | null {
  const ready = addOpenMinutes(now, location.pickupPrepMinutes, location);
  return ready && roundUpToMinutes(ready, PROMISE_STEP_MINUTES);
}

/** Rounds an instant up to the next whole `step` minutes (a promise is never earlier than computed). */
export function roundUpToMinutes(instant: Date, step: number): Date {
  const stepMs = step * MINUTE_MS;
  return new Date(Math.ceil(instant.getTime() / stepMs) * stepMs);
}

function hasHours(hours: OpeningHours): boolean {
  return Object.values(hours).some((windows) => windows && windows.length > 0);
}

interface LocalDay {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday, as Date.getUTCDay. */
  weekday: number;
  iso: string;
}

/** The local date (YYYY-MM-DD), weekday (0 = Sunday) and wall time (HH:mm) of an instant in a zone. */
export function wallTimeOf(instant: Date, timezone: string): { date: string; weekday: number; hhmm: string } {
  const parts = wallClock(timezone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  const day = localDate(instant, timezone);
  return { date: day.iso, weekday: day.weekday, hhmm: `${part('hour')}:${part('minute')}` };
}

function localDate(instant: Date, timezone: string): LocalDay {
  const parts = wallClock(timezone).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return dayOf(part('year'), part('month'), part('day'));
}

function dayOf(year: number, month: number, day: number): LocalDay {
  const utc = new Date(Date.UTC(year, month - 1, day));
  return {
    year: utc.getUTCFullYear(),
    month: utc.getUTCMonth() + 1,
    day: utc.getUTCDate(),
    weekday: utc.getUTCDay(),
    iso: utc.toISOString().slice(0, 10),
  };
}

function nextDay(day: LocalDay): LocalDay {
  return dayOf(day.year, day.month, day.day + 1);
}

/**
 * The UTC instant at which the location's clocks show `hhmm` on `day`. "24:00" is the end of the day.
 * A wall time skipped by a DST switch (02:30 on the spring-forward night) falls to the instant after it.
 */
function wallTimeToUtc(day: LocalDay, hhmm: string, timezone: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  const asIfUtc = Date.UTC(day.year, day.month - 1, day.day, hours, minutes);
  const first = asIfUtc - offsetMs(asIfUtc, timezone);
  const second = asIfUtc - offsetMs(first, timezone);
  return Math.max(first, second);
}

/** How far the zone's wall clock is ahead of UTC at `instant`. */
function offsetMs(instant: number, timezone: string): number {
  const parts = wallClock(timezone).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The zone's wall clock, numeric parts on a 24-hour clock (made once per zone: they are costly). */
function wallClock(timezone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClocks.set(timezone, format);
  }
  return format;
}

const DAY_NAMES = new Set<string>(WEEKDAYS);
const HH_MM = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/**
 * What is wrong with opening hours given by a client, in plain words, or null when they are fine:
 * known weekdays only, each a list of ["HH:mm", "HH:mm"] windows that open before they close, in order
 * and without overlapping.
 */
export function openingHoursProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be an object of weekdays (mon … sun)';
  }
  for (const [day, windows] of Object.entries(value)) {
    if (!DAY_NAMES.has(day)) return `has an unknown weekday "${day}" (use mon, tue, wed, thu, fri, sat, sun)`;
    if (!Array.isArray(windows) || windows.length > 6)
      return `${day} must be a list of up to 6 ["HH:mm", "HH:mm"] windows`;
    let lastClose = '';
    for (const window of windows) {
      if (
        !Array.isArray(window) ||
        window.length !== 2 ||
        !window.every((t) => typeof t === 'string' && HH_MM.test(t))
      ) {
        return `${day} must hold windows like ["09:00", "18:00"] (24-hour clock)`;
      }
      const [open, close] = window as [string, string];
      if (open >= close) return `${day}: ${open}–${close} must open before it closes`;
      if (open < lastClose) return `${day}: windows must be in order and not overlap`;
      lastClose = close;
    }
  }
  return null;
}
