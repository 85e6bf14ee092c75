import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The UTC instants a local calendar day runs between in a time zone (23 or 25 hours on a DST switch).
 * Without a date: today there.
 */
export function localDay(timeZone: string, date?: string, now = new Date()) {
  const start = date ? dayjs.tz(date, timeZone).startOf('day') : dayjs(now).tz(timeZone).startOf('day');
  const end = start.add(1, 'day');
  return {
    date: start.format('YYYY-MM-DD'),
    from: start.toDate().toISOString(),
    to: dayjs.tz(end.format('YYYY-MM-DD'), timeZone).toDate().toISOString(),
  };
}
