import { addOpenMinutes, OpenTimes, roundUpToMinutes } from './opening-hours';

const WEEKDAYS_9_TO_18: OpenTimes = {
  timezone: 'Europe/Amsterdam',
  openingHours: {
    mon: [['09:00', '18:00']],
    tue: [['09:00', '18:00']],
    wed: [['09:00', '18:00']],
    thu: [
      ['09:00', '12:00'],
      ['13:00', '21:00'],
    ],
    fri: [['09:00', '18:00']],
    sat: [['10:00', '17:00']],
    sun: [],
  },
  closures: [{ date: '2026-12-25' }],
};

const at = (iso: string) => new Date(iso);
const plus = (start: string, minutes: number, times = WEEKDAYS_9_TO_18) =>
  addOpenMinutes(at(start), minutes, times)?.toISOString();

describe('adding open minutes', () => {
  it('adds plain minutes while the store is open (winter: UTC+1)', () => {
    // Tuesday 1 Dec 2026, 10:00 in Amsterdam.
    expect(plus('2026-12-01T09:00:00Z', 60)).toBe('2026-12-01T10:00:00.000Z');
  });

  it('an order after closing is promised for the next opening plus the time', () => {
    // Tuesday 21:00 local: closed until Wednesday 09:00 local (08:00 UTC), ready 10:00 local.
    expect(plus('2026-12-01T20:00:00Z', 60)).toBe('2026-12-02T09:00:00.000Z');
  });

  it('carries what is left of the day over midnight and skips the lunch break', () => {
    // Wednesday 17:30 local: 30 minutes today, 30 on Thursday from 09:00.
    expect(plus('2026-12-02T16:30:00Z', 60)).toBe('2026-12-03T08:30:00.000Z');
    // Thursday 11:30 local + 60: 30 before the break, 30 after 13:00 local.
    expect(plus('2026-12-03T10:30:00Z', 60)).toBe('2026-12-03T12:30:00.000Z');
  });

  it('skips a closed Sunday and a closure date', () => {
    // Saturday 16:30 local + 60: 30 on Saturday, Sunday closed, 30 on Monday.
    expect(plus('2026-12-05T15:30:00Z', 60)).toBe('2026-12-07T08:30:00.000Z');
    // Thursday 24 Dec 21:30 local (closed) + 60: Friday 25th closed, Saturday 26th 10:00–11:00 local.
    expect(plus('2026-12-24T20:30:00Z', 60)).toBe('2026-12-26T10:00:00.000Z');
  });

  it('counts whole open days for a hold of many hours', () => {
    // Monday 09:00 local + 18 open hours: Monday 9 h, Tuesday 9 h → Tuesday 18:00 local.
    expect(plus('2026-12-07T08:00:00Z', 18 * 60)).toBe('2026-12-08T17:00:00.000Z');
  });

  it('follows the wall clock across DST switches', () => {
    // Saturday 28 March 2026 16:30 CET + 60: 30 on Saturday; Monday 30 March 09:30 CEST = 07:30 UTC.
    expect(plus('2026-03-28T15:30:00Z', 60)).toBe('2026-03-30T07:30:00.000Z');
    // Saturday 24 October 16:30 CEST + 60: 30 on Saturday; Monday 26 October 09:30 CET = 08:30 UTC.
    expect(plus('2026-10-24T14:30:00Z', 60)).toBe('2026-10-26T08:30:00.000Z');
  });

  it('counts a window over the spring-forward hour as the hour shorter', () => {
    const night: OpenTimes = { ...WEEKDAYS_9_TO_18, openingHours: { sun: [['00:00', '24:00']] } };
    // Sunday 29 March 2026 00:00 CET (23:00 UTC Saturday): the day has 23 hours.
    expect(plus('2026-03-28T23:00:00Z', 23 * 60, night)).toBe('2026-03-29T22:00:00.000Z');
  });

  it('treats a location without hours as always open', () => {
    const always: OpenTimes = { timezone: 'Europe/Amsterdam', openingHours: { mon: [] }, closures: [] };
    expect(plus('2026-12-01T20:00:00Z', 90, always)).toBe('2026-12-01T21:30:00.000Z');
  });

  it('rounds a promise up to 5 minutes', () => {
    expect(roundUpToMinutes(at('2026-12-01T10:01:30Z'), 5).toISOString()).toBe('2026-12-01T10:05:00.000Z');
    expect(roundUpToMinutes(at('2026-12-01T10:05:00Z'), 5).toISOString()).toBe('2026-12-01T10:05:00.000Z');
  });
});
